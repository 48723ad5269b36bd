// The `clawdbot` binary's entry. It decides one thing before loading anything else: whether this
// is a one-shot `models status` (--check/--json/--plain, or not on a terminal that can redraw), the command cron
// jobs and monitors run every few minutes. That runs from dist/status.js, one self-contained
// module (src/status-program.ts), because each extra ES module costs resolve, read, compile and
// link time. Everything else loads the full program (src/program.ts).
import { parseStatusFastPath } from './commands/status-fast-path.js';
import { canDrawLiveUi } from './commands/shared/tty.js';

const fast = parseStatusFastPath(process.argv.slice(2));
const oneShot = fast && (fast.json || fast.plain || fast.check || fast.probe || fast.usage || fast.warnUsage !== undefined || !canDrawLiveUi());
if (fast && oneShot) {
  // Not a literal path: the bundler leaves it alone and it resolves next to dist/cli.js.
  const statusProgram = new URL('./status.js', import.meta.url).href;
  const { runStatusProgram } = (await import(statusProgram)) as typeof import('./status-program.js');
  await runStatusProgram(fast);
} else {
  const { main } = await import('./program.js');
  await main(process.argv, fast);
}
