// On a terminal, a command that would replace a profile's different credential asks first (y/N,
// "no" by default), as gh does; the same secret again is not asked about.
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawnCli, uiEnv, type PtyRun } from '../helpers/pty.js';
import { makeTempState, requireBuild, runCli, type TempState } from '../helpers/store-cli.js';

const OLD = `sk-ant-oat01-${'Old0ld0ld'.repeat(9)}`;
const NEW = `sk-ant-oat01-${'N3wN3wN3w'.repeat(9)}`;
let tmp: TempState;
const runs: PtyRun[] = [];

beforeAll(() => requireBuild());
beforeEach(async () => {
  tmp = await makeTempState('cb-overwrite-pty-');
  expect((await runCli(['models', 'auth', 'paste-token', '--provider', 'anthropic'], { env: tmp.env, stdin: `${OLD}\n` })).code).toBe(0);
});
afterEach(async () => {
  for (const r of runs.splice(0)) r.kill('SIGKILL');
  await tmp.cleanup();
});

function pasteOnTerminal(token: string): PtyRun {
  const r = spawnCli(['models', 'auth', 'paste-token', '--provider', 'anthropic'], {
    env: uiEnv({ HOME: tmp.home, CLAWDBOT_STATE_DIR: tmp.stateDir }),
    cols: 120,
    rows: 30,
  });
  runs.push(r);
  void r.waitFor('(input is hidden):').then(() => {
    r.write(token);
    r.press('enter');
  });
  return r;
}

const stored = () => JSON.parse(readFileSync(tmp.storePath, 'utf8')).profiles['anthropic:manual'].token;

describe('replacing a different credential on a terminal', () => {
  it('asks; Enter (no) keeps the old token and exits 130', async () => {
    const r = pasteOnTerminal(NEW);
    await r.waitFor('anthropic:manual in agent main holds a different credential (token). Replace it? [y/N]');
    r.press('enter');
    expect((await r.exited).exitCode).toBe(130);
    expect(r.screen()).toContain('clawdbot: Cancelled; nothing was written.');
    expect(stored()).toBe(OLD);
  });

  it('y replaces it', async () => {
    const r = pasteOnTerminal(NEW);
    await r.waitFor('Replace it? [y/N]');
    r.write('y');
    r.press('enter');
    expect((await r.exited).exitCode).toBe(0);
    expect(r.screen()).toMatch(/Saved anthropic:manual/);
    expect(stored()).toBe(NEW);
  });

  it('the same token again is saved without a question', async () => {
    const r = pasteOnTerminal(OLD);
    expect((await r.exited).exitCode).toBe(0);
    expect(r.screen()).not.toContain('Replace it?');
  });
});
