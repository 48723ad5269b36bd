// The one place a command ends: errors become one redacted line on stderr and an exit code; a
// stack trace only with CLAWDBOT_DEBUG=1.
import { ClawdbotError } from '../../util/errors.js';
import { errorMessage, redact } from '../../util/redact.js';

export function reportError(err: unknown): number {
  const debug = process.env.CLAWDBOT_DEBUG === '1';
  if (err instanceof ClawdbotError) {
    process.stderr.write(`clawdbot: ${errorMessage(err)}\n`);
    if (debug && err.stack) process.stderr.write(redact(err.stack) + '\n');
    return err.exitCode;
  }
  const msg = errorMessage(err);
  process.stderr.write(`clawdbot: unexpected error: ${msg} (run again with CLAWDBOT_DEBUG=1 for details)\n`);
  if (debug && err instanceof Error && err.stack) process.stderr.write(redact(err.stack) + '\n');
  return 1;
}

/** Wrap a command action: sets process.exitCode from the result or the error. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      const code = await fn(...args);
      process.exitCode = typeof code === 'number' ? code : 0;
    } catch (err) {
      process.exitCode = reportError(err);
    }
  };
}

/**
 * An exception nobody caught (a throw in a callback, a rejected promise nobody awaited) would be
 * printed by Node unredacted and with a stack. Route it through the same one-line, redacted report
 * as every command error, then exit non-zero.
 */
export function guardUncaught({ watchStdout = true }: { watchStdout?: boolean } = {}): void {
  const fail = (err: unknown) => {
    process.exit(reportError(err) || 1);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  // The reader went away (`| head -1`, `| grep -q`): stop quietly with success, as Unix tools do,
  // instead of an "unexpected error" about a pipe nobody reads any more. A caller that never
  // writes through process.stdout says so (watching it would create it).
  if (!watchStdout) return;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    fail(err);
  });
}
