// The `clawdbot` binary's entry (dist/cli.js, one small module). It decides one thing before
// loading anything else: which of three modules runs the command, because each extra ES module
// costs resolve, read, compile and link time. A one-shot `models status` (--check/--json/--plain,
// or not on a terminal that can redraw), the command cron jobs and monitors run every few
// minutes, runs from dist/status.js (src/status-program.ts); `models status` on a terminal, the
// live dashboard, from dist/dashboard.js (src/dashboard-program.ts); both are self-contained.
// Everything else loads the full program (dist/program.js, src/program.ts).
import { parseStatusFastPath } from './commands/status-fast-path.js';
import { canDrawLiveUi } from './commands/shared/tty.js';
import { useCompileCache } from './util/compile-cache.js';

// Before the big modules below are loaded, so that their compiled code comes from the cache.
useCompileCache();

const fast = parseStatusFastPath(process.argv.slice(2));
const oneShot = fast && (fast.json || fast.plain || fast.check || fast.probe || fast.usage || fast.warnUsage !== undefined || !canDrawLiveUi());
if (fast && oneShot) {
  // Not a literal path: the bundler leaves it alone and it resolves next to dist/cli.js.
  const statusProgram = new URL('./status.js', import.meta.url).href;
  const { runStatusProgram } = (await import(statusProgram)) as typeof import('./status-program.js');
  await runStatusProgram(fast);
} else if (fast) {
  // `models status` on a terminal: the dashboard, also one module (src/dashboard-program.ts).
  const dashboardProgram = new URL('./dashboard.js', import.meta.url).href;
  const { runDashboardProgram } = (await import(dashboardProgram)) as typeof import('./dashboard-program.js');
  await runDashboardProgram(fast);
} else {
  const program = new URL('./program.js', import.meta.url).href;
  const { main } = (await import(program)) as typeof import('./program.js');
  await main(process.argv);
}
