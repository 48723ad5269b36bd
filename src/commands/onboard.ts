// Placeholder: replaced by the work on the issue that owns this command.
import { ClawdbotError } from '../store/index.js';
export async function onboardCommand(..._args: unknown[]): Promise<number> {
  throw new ClawdbotError('This command is not built yet.');
}
