// dist/dashboard.js: `models status` on a terminal (the live dashboard) as one self-contained
// module, like dist/status.js (see src/cli.ts). Through the full program it took ~40 ES modules
// (the program, its shared chunks, Ink's), each resolved, read, compiled and linked before the
// first frame. Commander is not needed: src/commands/status-fast-path.ts has parsed the flags.
import { action, guardUncaught } from './commands/shared/run.js';
import { modelsStatusCommand, type ModelsStatusOptions } from './commands/models-status.js';

export async function runDashboardProgram(opts: ModelsStatusOptions): Promise<void> {
  guardUncaught();
  await action(async () => modelsStatusCommand(opts))();
}
