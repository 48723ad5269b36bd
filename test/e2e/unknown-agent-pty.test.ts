// `models status --agent wrok` on a terminal (the live dashboard path): one line before anything
// is drawn, exit 1, and no agent directory appears.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { spawnCli, uiEnv, type PtyRun } from '../helpers/pty.js';
import { makeTempState, requireBuild, type TempState } from '../helpers/store-cli.js';

let t: TempState;
const runs: PtyRun[] = [];
beforeAll(() => requireBuild());
beforeEach(async () => {
  t = await makeTempState('cb-unknown-agent-pty-');
});
afterEach(async () => {
  for (const r of runs.splice(0)) r.kill('SIGKILL');
  await t.cleanup();
});

it('the dashboard refuses an unknown agent with one line and creates nothing', async () => {
  const r = spawnCli(['models', 'status', '--agent', 'wrok'], { env: uiEnv({ HOME: t.home, CLAWDBOT_STATE_DIR: t.stateDir }), cols: 120, rows: 30 });
  runs.push(r);
  expect((await r.exited).exitCode).toBe(1);
  expect(r.screen().trim()).toBe('clawdbot: unknown agent "wrok" (agents: main; create it with clawdbot agents add wrok)');
  expect(fs.existsSync(path.join(t.stateDir, 'agents', 'wrok'))).toBe(false);
});
