// dist/status.js: one-shot `models status` as a self-contained module (see src/cli.ts). It has
// its own copy of the store and engine code, so it reports its own errors: an error class from
// this bundle is only recognised by this bundle's reportError.
import { guardUncaught, reportError } from './commands/shared/run.js';
import { runOneShotStatus } from './commands/models-status-oneshot.js';
import type { ModelsStatusOptions } from './commands/models-status.js';
import { stdoutIsTerminal, writeStdoutSync } from './util/stdout-direct.js';

// Output goes to fd 1 directly, and colours are decided from fd 1, so process.stdout is never
// created (src/util/stdout-direct.ts).
// The reader went away (`| head -1`): stop quietly with success, as with process.stdout.
const write = (text: string): void => {
  if (!writeStdoutSync(text)) process.exit(0);
};

export async function runStatusProgram(opts: ModelsStatusOptions): Promise<void> {
  guardUncaught({ watchStdout: false });
  try {
    process.exitCode = await runOneShotStatus(opts, write, stdoutIsTerminal);
  } catch (err) {
    process.exitCode = reportError(err);
  }
}
