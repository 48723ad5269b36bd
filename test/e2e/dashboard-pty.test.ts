// The live dashboard in a real pseudo-terminal on the built CLI (dist/cli.js; run
// `node scripts/build.mjs` first): follows a profile another process adds, saves an arrow-key
// reorder that `models auth order get --json` reads back, respects NO_COLOR, re-lays out on resize,
// keeps a long fix and every key hint on screen at 80x24, and `q` exits 0.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PATH, type PtyRun, pasteToken, screenIds, spawnCli, uiEnv } from '../helpers/pty.js';
import { type FakeUsageApi, startFakeUsageApi } from '../helpers/fake-usage-api.js';

const run = promisify(execFile);
const runs: PtyRun[] = [];
const dirs: string[] = [];
// The dashboard asks the usage endpoints for the setup-tokens pasted below: a loopback stand-in,
// never the internet.
let usageApi: FakeUsageApi;
beforeAll(async () => {
  usageApi = await startFakeUsageApi();
});
afterAll(async () => {
  await usageApi.close();
});
afterEach(() => {
  while (runs.length) runs.pop()!.kill();
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

function tempEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-dash-e2e-'));
  dirs.push(dir);
  const env = uiEnv({ HOME: dir, CLAWDBOT_STATE_DIR: path.join(dir, 'state'), ANTHROPIC_BASE_URL: usageApi.url, CLAWDBOT_CHATGPT_BASE_URL: usageApi.url, ...extra });
  for (const k of Object.keys(env)) if (/_API_KEY$|_TOKEN$|^CLAWDBOT_AGENT_DIR$|^CODEX_HOME$|^CLAUDE_CONFIG_DIR$/.test(k)) delete env[k];
  return env;
}

function dashboard(env: NodeJS.ProcessEnv, cols = 120, rows = 30): PtyRun {
  const p = spawnCli(['models', 'status'], { env, cols, rows });
  runs.push(p);
  return p;
}

describe('models status dashboard in a real terminal', () => {
  it('shows a profile that another process adds, and q exits 0', async () => {
    const env = tempEnv();
    await pasteToken(env, 'anthropic', 'anthropic:first', '30d');
    const p = dashboard(env);
    await p.waitFor((s) => s.includes('anthropic:first') && s.includes('q quit'), 15_000);
    expect(p.screen()).toContain('clawdbot models status');
    expect(p.screen()).toMatch(/q quit/);

    await pasteToken(env, 'openrouter', 'openrouter:second');
    // Nothing polls: only the file watcher can bring it in (its 1 s budget is timed in bench/).
    await p.waitFor('openrouter:second', 10_000);
    expect(p.screen()).not.toContain('qqqqqqqq'); // the secret is never on screen
    // The frame stays shorter than the terminal, so Ink never falls back to clearing the whole
    // screen on every frame (the flicker pitfall).
    expect(p.output()).not.toContain('\x1b[2J');

    p.press('q');
    const { exitCode } = await p.exited;
    expect(exitCode).toBe(0);
  });

  it('saves an arrow-key reorder that `models auth order get --json` reads back', async () => {
    const env = tempEnv();
    for (const id of ['anthropic:a', 'anthropic:b', 'anthropic:c']) await pasteToken(env, 'anthropic', id, '30d');
    const p = dashboard(env);
    // The key hints show once the dashboard reads keys.
    const before = screenIds(await p.waitFor((s) => screenIds(s, 'anthropic').length === 3 && s.includes('q quit'), 15_000), 'anthropic');
    const moving = before[0]!;

    p.press('enter');
    await p.waitFor(`Moving ${moving}`);
    p.press('down');
    await p.waitFor((s) => screenIds(s, 'anthropic')[1] === moving);
    p.press('down');
    await p.waitFor((s) => screenIds(s, 'anthropic')[2] === moving);
    p.press('enter');
    await p.waitFor('Saved the order of anthropic');
    const onScreen = screenIds(await p.waitFor((s) => !s.includes('saving…')), 'anthropic');
    expect(onScreen).toEqual([before[1], before[2], moving]);

    const { stdout } = await run(process.execPath, [CLI_PATH, 'models', 'auth', 'order', 'get', '--provider', 'anthropic', '--json'], {
      env: { ...env, CI: 'true' },
    });
    expect(JSON.parse(stdout).order).toEqual(onScreen);

    p.press('q');
    expect((await p.exited).exitCode).toBe(0);
  });

  it('re-lays out on resize and never draws more lines than the terminal has', async () => {
    const env = tempEnv();
    for (let i = 0; i < 12; i++) await pasteToken(env, 'anthropic', `anthropic:k${i}`, `${i + 1}d`);
    const p = dashboard(env, 130, 30);
    await p.waitFor((s) => s.includes('LAST USED') && s.includes('anthropic:k') && s.includes('q quit'), 15_000);
    p.resize(70, 12);
    const narrow = await p.waitFor((s) => !s.includes('LAST USED') && s.includes('STATE'));
    expect(narrow.split('\n').length).toBeLessThanOrEqual(12);
    // Ink redraws the screen once for the resize; after that, frames fit and never clear it.
    const mark = p.output().length;
    // The selection stays visible while scrolling in the small window.
    for (let i = 0; i < 10; i++) p.press('down');
    await p.waitFor((s) => s.split('\n').some((l) => l.startsWith('›') && /anthropic:k(9|10)\b/.test(l)));
    expect(p.output().slice(mark)).not.toContain('\x1b[2J');
    p.press('q');
    expect((await p.exited).exitCode).toBe(0);
  });

  it('at 80x24 shows the selected profile\'s whole fix (wrapped) and every key hint, r and c included', async () => {
    const env = tempEnv();
    for (const id of ['anthropic:account-1', 'anthropic:account-2']) await pasteToken(env, 'anthropic', id, '30d');
    // Expires within the warn window and cannot refresh: its fix is a long command.
    await pasteToken(env, 'anthropic', 'anthropic:work-laptop-account', '2h');
    const fix = 'fix: clawdbot models auth setup-token --provider anthropic --profile-id anthropic:work-laptop-account';
    const p = dashboard(env, 80, 24);
    await p.waitFor((s) => s.includes('anthropic:work-laptop-account') && s.includes('q quit'), 15_000);
    for (let i = 0; i < 3 && !p.screen().split('\n').some((l) => l.startsWith('›') && l.includes('work-laptop')); i++) {
      const before = p.screen();
      p.press('down');
      await p.waitFor((s) => s !== before);
    }
    const screen = await p.waitFor((s) => s.replace(/\s+/g, ' ').includes(fix));
    const lines = screen.split('\n');
    expect(lines.length).toBeLessThan(24);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    // The whole id on its row, and a hint for every key of the table.
    expect(screen).toMatch(/^›\s+\d+\s+anthropic:work-laptop-account\s/m);
    for (const hint of ['r reset', 'c clear', 'f refresh', 'x remove', 'a agent', 'u usage', '/ filter', '? help', 'q quit']) expect(screen).toContain(hint);
    expect(p.output()).not.toContain('\x1b[2J');
    p.press('q');
    expect((await p.exited).exitCode).toBe(0);
  });

  it('uses colour on a terminal and none with NO_COLOR; Ctrl-C exits 0', async () => {
    const sgrColour = /\x1b\[(?:3[0-7]|9[0-7]|38;)/;
    const env = tempEnv();
    await pasteToken(env, 'anthropic', 'anthropic:x', '30d');
    const coloured = dashboard(env);
    await coloured.waitFor((s) => s.includes('anthropic:x') && s.includes('q quit'), 15_000);
    await coloured.waitFor(() => sgrColour.test(coloured.output()));
    coloured.press('q');
    await coloured.exited;

    const plain = dashboard({ ...env, NO_COLOR: '1' });
    await plain.waitFor((s) => s.includes('anthropic:x') && s.includes('q quit'), 15_000);
    await plain.waitFor(/ok\s+in 29d/);
    expect(plain.output()).not.toMatch(sgrColour);
    // Ctrl-C leaves like q: exit 0, nothing written.
    plain.press('ctrl-c');
    expect((await plain.exited).exitCode).toBe(0);
  });

  it('a bad --agent is one clear line and exit 1, before anything is drawn', async () => {
    const env = tempEnv();
    const p = spawnCli(['models', 'status', '--agent', 'Bad Id!'], { env });
    runs.push(p);
    const { exitCode } = await p.exited;
    expect(exitCode).toBe(1);
    const screen = await p.waitFor('Invalid agent id');
    // One line of text (the 100-column terminal may wrap it), no stack trace, no frame.
    expect(p.output().trim().split('\n')).toHaveLength(1);
    expect(screen).not.toMatch(/\bat .*\.js:\d+|PROFILE/);
  });
});
