// dist/status.js: one-shot `models status` as a self-contained module (see src/cli.ts). It has
// its own copy of the store and engine code, so it reports its own errors: an error class from
// this bundle is only recognised by this bundle's reportError.
import { guardUncaught, reportError } from './commands/shared/run.js';
import { runOneShotStatus } from './commands/models-status-oneshot.js';
import type { ModelsStatusOptions } from './commands/models-status.js';

export async function runStatusProgram(opts: ModelsStatusOptions): Promise<void> {
  guardUncaught();
  try {
    process.exitCode = await runOneShotStatus(opts);
  } catch (err) {
    process.exitCode = reportError(err);
  }
}
