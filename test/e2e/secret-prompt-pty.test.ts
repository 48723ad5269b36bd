// The hidden prompt of `models auth setup-token` / `paste-token` on a real terminal: it turns on
// bracketed paste, a token the terminal wrapped over two lines is saved whole, and Enter on an
// empty line asks again instead of failing. Build first: `node scripts/build.mjs`.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawnCli, uiEnv, type PtyRun } from '../helpers/pty.js';
import { makeTempState, requireBuild, type TempState } from '../helpers/store-cli.js';

let tmp: TempState;
const runs: PtyRun[] = [];
const HALF_A = `sk-ant-oat01-${'Wr4'.repeat(20)}`;
const HALF_B = 'Zq9'.repeat(20);

beforeAll(() => requireBuild());
beforeEach(async () => {
  tmp = await makeTempState('cb-prompt-pty-');
});
afterEach(async () => {
  for (const r of runs.splice(0)) r.kill('SIGKILL');
  await tmp.cleanup();
});

function start(args: string[]): PtyRun {
  // No `claude` on PATH: setup-token goes straight to the prompt.
  const env = uiEnv({ HOME: tmp.home, CLAWDBOT_STATE_DIR: tmp.stateDir, PATH: path.dirname(process.execPath) });
  const r = spawnCli(args, { env, cols: 80, rows: 24 });
  runs.push(r);
  return r;
}

describe('the hidden prompt on a terminal', () => {
  it('setup-token: an empty Enter asks again; a paste wrapped over two lines is saved as one token', async () => {
    const r = start(['models', 'auth', 'setup-token', '--provider', 'anthropic']);
    await r.waitFor('(input is hidden):');
    // The terminal is asked to mark pastes.
    expect(r.output()).toContain('\x1b[?2004h');
    r.press('enter');
    await r.waitFor('Nothing was entered. Paste it and press Enter');
    // What a terminal sends for a paste of a token wrapped by the previous terminal's width.
    r.write(`\x1b[200~${HALF_A}\r\n${HALF_B}\x1b[201~`);
    // One star per character (the stars wrap at 80 columns, so count them).
    await r.waitFor((s) => (s.match(/\*/g) ?? []).length === HALF_A.length + HALF_B.length);
    r.press('enter');
    expect((await r.exited).exitCode).toBe(0);
    expect(r.output()).toContain('\x1b[?2004l');
    const doc = JSON.parse(readFileSync(tmp.storePath, 'utf8'));
    expect(doc.profiles['anthropic:manual'].token).toBe(HALF_A + HALF_B);
    expect(r.output()).not.toContain(HALF_B);
  });

  it('paste-token: Ctrl-C at the prompt cancels with exit 130 and writes nothing', async () => {
    const r = start(['models', 'auth', 'paste-token', '--provider', 'openrouter']);
    await r.waitFor('(input is hidden):');
    r.write('sk-or-partial');
    r.press('ctrl-c');
    expect((await r.exited).exitCode).toBe(130);
    expect(existsSync(tmp.storePath)).toBe(false);
  });
});
