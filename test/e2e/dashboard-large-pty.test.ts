// The dashboard at 10,000 profiles behaves as it does at 50, in a real pseudo-terminal on the
// built CLI (dist/cli.js; build first): PgDn reaches the last profile, the filter finds one
// profile among all of them, arrow keys reorder a provider of 1,250 profiles and that order is
// what the file holds, a profile another process adds appears, and countdowns tick every second.
// The same steps run on a 50-profile store: any difference is the store's size.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type PtyRun, pasteToken, screenIds, spawnCli, uiEnv } from '../helpers/pty.js';
import { type FakeUsageApi, startFakeUsageApi } from '../helpers/fake-usage-api.js';
import { STORE_PROVIDERS, storeProfileId, writeLargeStore } from '../helpers/dashboard-fixtures.js';

const ROWS = 30;
// A large store takes longer to load on a loaded machine; nothing here waits on a fixed time.
const FIRST_ROWS_MS = 60_000;
const STEP_MS = 30_000;

// The anthropic and ChatGPT profiles around the screen are asked for their usage: a loopback
// stand-in answers (401, for every token).
let usageApi: FakeUsageApi;
beforeAll(async () => {
  usageApi = await startFakeUsageApi();
});
afterAll(async () => {
  await usageApi.close();
});
const runs: PtyRun[] = [];
const dirs: string[] = [];
afterEach(() => {
  while (runs.length) runs.pop()!.kill();
});
afterAll(() => {
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

const selected = (screen: string) => screen.split('\n').find((l) => l.startsWith('›')) ?? '';
const header = (screen: string) => screen.split('\n')[1] ?? '';

describe.each([50, 10_000])('the dashboard at %i profiles', { timeout: 120_000 }, (n) => {
  let env: NodeJS.ProcessEnv;
  let storePath: string;
  let ids: string[];
  beforeAll(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-dash-large-'));
    dirs.push(dir);
    const stateDir = path.join(dir, 'state');
    ({ storePath, ids } = writeLargeStore(stateDir, n));
    env = uiEnv({ HOME: dir, CLAWDBOT_STATE_DIR: stateDir, ANTHROPIC_BASE_URL: usageApi.url, CLAWDBOT_CHATGPT_BASE_URL: usageApi.url, SHELL: '/bin/false' });
    for (const k of Object.keys(env)) if (/_API_KEY$|_TOKEN$|^CLAWDBOT_AGENT_DIR$|^CODEX_HOME$|^CLAUDE_CONFIG_DIR$/.test(k)) delete env[k];
  });

  async function open(): Promise<PtyRun> {
    const p = spawnCli(['models', 'status'], { env, cols: 130, rows: ROWS });
    runs.push(p);
    await p.waitFor((s) => s.includes(ids[0]!) && s.includes('q quit'), FIRST_ROWS_MS);
    return p;
  }

  it('PgDn reaches the last profile, the frame never taller than the terminal', async () => {
    const p = await open();
    const last = ids.filter((id) => id.startsWith('xai:')).at(-1)!;
    // A page at a time, a burst of presses per write, until the selection is on the last row.
    for (let i = 0; i < n && !selected(p.screen()).includes(last); i += 40) {
      const before = selected(p.screen());
      p.write('\x1b[6~'.repeat(40));
      await p.waitFor((s) => selected(s) !== before || selected(s).includes(last), STEP_MS);
    }
    const screen = await p.waitFor((s) => selected(s).includes(last), STEP_MS);
    const lines = screen.split('\n');
    expect(lines.length).toBeLessThan(ROWS);
    // The last row of the table: the provider title of xai above, no row below it.
    const at = lines.findIndex((l) => l.startsWith('›'));
    expect(lines.slice(at + 1).some((l) => /^.\s+(\d+|-)\s+\S+:p\d+/.test(l))).toBe(false);
    expect(screen).not.toContain(ids[0]!);
    p.press('up');
    await p.waitFor((s) => selected(s).includes(ids.filter((id) => id.startsWith('xai:')).at(-2)!), STEP_MS);
    p.press('q');
    expect((await p.exited).exitCode).toBe(0);
  });

  it('the filter finds one profile among all of them; the header counts stay those of the whole store; Esc brings all back', async () => {
    const p = await open();
    const counts = header(p.screen());
    const target = storeProfileId(n - 2); // near the end of the store, far below the screen
    p.press('/');
    await p.waitFor('filter: ▏', STEP_MS);
    p.write(target);
    const screen = await p.waitFor((s) => s.includes(`filter: ${target}▏`) && s.includes(target) && !s.includes(ids[0]!), STEP_MS);
    const rows = screen.split('\n').filter((l) => /^.\s+(\d+|-)\s+\S+:p\d+/.test(l));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(target);
    expect(header(screen)).toContain(counts.trim());
    // Esc brings every profile back, the one found still selected (among its neighbours).
    p.press('escape');
    const all = await p.waitFor((s) => !s.includes('filter:') && selected(s).includes(target) && s.includes(`${target.split(':')[0]}:p`), STEP_MS);
    expect(all.split('\n').filter((l) => /^.\s+(\d+|-)\s+\S+:p\d+/.test(l)).length).toBeGreaterThan(1);
    p.press('q');
    expect((await p.exited).exitCode).toBe(0);
  });

  it(`arrow keys reorder anthropic (${Math.ceil(n / STORE_PROVIDERS.length)} profiles at this size) and the file holds the order shown`, async () => {
    const p = await open();
    const anthropic = ids.filter((id) => id.startsWith('anthropic:'));
    const before = screenIds(p.screen(), 'anthropic');
    expect(before.slice(0, 3)).toEqual(anthropic.slice(0, 3));
    const moving = before[0]!;
    p.press('enter');
    await p.waitFor(`Moving ${moving}`, STEP_MS);
    p.press('down');
    await p.waitFor((s) => screenIds(s, 'anthropic')[1] === moving, STEP_MS);
    p.press('down');
    await p.waitFor((s) => screenIds(s, 'anthropic')[2] === moving, STEP_MS);
    p.press('enter');
    await p.waitFor('Saved the order of anthropic', STEP_MS);
    const onScreen = screenIds(await p.waitFor((s) => !s.includes('saving…'), STEP_MS), 'anthropic');
    expect(onScreen.slice(0, 3)).toEqual([before[1], before[2], moving]);

    const order = (JSON.parse(fs.readFileSync(storePath, 'utf8')) as { order: Record<string, string[]> }).order.anthropic!;
    expect(order).toHaveLength(anthropic.length);
    expect(new Set(order)).toEqual(new Set(anthropic));
    expect(order.slice(0, onScreen.length)).toEqual(onScreen);
    p.press('q');
    expect((await p.exited).exitCode).toBe(0);
  });

  it('a profile another process adds appears (found by the filter among all the others)', async () => {
    const p = await open();
    const id = `anthropic:newcomer-${n}`;
    p.press('/');
    await p.waitFor('filter: ▏', STEP_MS);
    p.write('newcomer');
    await p.waitFor('filter: newcomer▏', STEP_MS);
    p.press('enter');
    await p.waitFor((s) => s.includes('No profiles match "newcomer"') && s.includes('q quit'), STEP_MS);
    await pasteToken(env, 'anthropic', id, '30d');
    // Nothing polls: only the file watcher can bring it in.
    const screen = await p.waitFor(id, STEP_MS);
    expect(screen).not.toContain('qqqqqqqq'); // the secret is never on screen
    p.press('q');
    expect((await p.exited).exitCode).toBe(0);
  });

  it('usage is asked for the profiles on screen and a page around them, then for the rows PgDn and the filter bring into view', async () => {
    usageApi.requests.length = 0;
    // Each token of the fixture carries its profile's number (base 36) right after its prefix; the
    // profile an earlier test pasted has another kind of token and is left out.
    const asked = () =>
      usageApi.requests.flatMap((r) => {
        const m = /^(?:sk-ant-oat01-|acc-)([0-9a-z]{6})Large/.exec(r.token);
        return m ? [storeProfileId(parseInt(m[1]!, 36))] : [];
      });
    const anthropic = ids.filter((id) => id.startsWith('anthropic:'));
    const p = await open();
    const usageCell = (screen: string, id: string) => / (rejected) /.exec(screen.split('\n').find((l) => l.includes(` ${id} `)) ?? '')?.[1];
    // The selected first row, a setup-token, is asked; the stand-in refuses it.
    await p.waitFor((s) => usageCell(s, ids[0]!) === 'rejected', STEP_MS);
    const first = new Set(asked());
    // Never more than three screens of rows (the whole store would be ~1,670 requests at 10,000).
    expect(first.size).toBeLessThan(3 * ROWS);
    if (n > 1000) {
      // The first screen and the one below it are anthropic's.
      for (const id of first) expect(id).toMatch(/^anthropic:/);
      // Three pages down: the rows scrolled into view are asked, those asked already are not.
      p.write('\x1b[6~'.repeat(3));
      await p.waitFor((s) => !s.includes(` ${ids[0]} `) && screenIds(s, 'anthropic').some((id) => !first.has(id) && asked().includes(id)), STEP_MS);
    }
    // A profile far below the screen, found by the filter, is asked for (the last anthropic
    // setup-token that has not expired: every sixth anthropic profile from the first).
    const far = anthropic.filter((_, k) => k % 6 === 0).at(-1)!;
    p.press('/');
    await p.waitFor('filter: ▏', STEP_MS);
    p.write(far);
    await p.waitFor((s) => s.includes(`filter: ${far}▏`) && !s.includes(ids[0]!), STEP_MS);
    await p.waitFor(() => asked().includes(far), STEP_MS);
    // Nobody asked twice within the minute; a few screens' worth at most in all.
    expect(new Set(asked()).size).toBe(asked().length);
    expect(asked().length).toBeLessThan(8 * ROWS);
    p.press('escape');
    await p.waitFor((s) => !s.includes('filter:'), STEP_MS);
    p.press('q');
    expect((await p.exited).exitCode).toBe(0);
  });

  it('countdowns tick every second', async () => {
    const p = await open();
    // anthropic:p00000 expires within minutes: its countdown shows seconds.
    const countdown = (s: string) => /in (\d+m \d\ds)/.exec(s.split('\n').find((l) => l.includes(`${ids[0]} `)) ?? '')?.[1];
    const first = countdown(await p.waitFor((s) => Boolean(countdown(s)), STEP_MS))!;
    const second = countdown(await p.waitFor((s) => Boolean(countdown(s)) && countdown(s) !== first, STEP_MS))!;
    await p.waitFor((s) => Boolean(countdown(s)) && countdown(s) !== first && countdown(s) !== second, STEP_MS);
    p.press('q');
    expect((await p.exited).exitCode).toBe(0);
  });
});
