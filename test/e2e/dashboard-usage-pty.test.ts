// The dashboard's USAGE column and detail line in a real terminal on the built CLI, against a
// loopback stand-in of both usage endpoints that holds its answers: the table and the keys come
// first, the usage fills in when the stand-in answers, `u` within the minute asks nothing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type PtyRun, spawnCli, uiEnv } from '../helpers/pty.js';
import { makeAccessJwt } from '../helpers/refresh-token-server.js';
import { type FakeUsageApi, anthropicUsageBody, chatGptUsageBody, startFakeUsageApi } from '../helpers/fake-usage-api.js';
import { expectNoSecretIn, writeStore } from '../helpers/store-cli.js';

const NOW = Date.now();
const HOUR = 3_600_000;
const S = {
  work: `sk-ant-oat01-${crypto.randomBytes(30).toString('base64url')}`,
  personal: `sk-ant-oat01-${crypto.randomBytes(30).toString('base64url')}`,
  codex: makeAccessJwt(301, Math.floor((NOW + 30 * HOUR) / 1000), 'acct-pty'),
};

let api: FakeUsageApi;
const runs: PtyRun[] = [];
const dirs: string[] = [];
beforeAll(async () => {
  api = await startFakeUsageApi();
  api.replies.set(S.work, { status: 200, body: anthropicUsageBody(42, 12, NOW) });
  api.replies.set(S.personal, { status: 200, body: anthropicUsageBody(95, 70, NOW) });
  api.replies.set(S.codex, { status: 200, body: chatGptUsageBody(20, 40, NOW, 'pro') });
});
afterAll(async () => {
  await api.close();
});
afterEach(() => {
  while (runs.length) runs.pop()!.kill();
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** The USAGE cell of a profile's row: the text between the masked credential and the state. */
function usageCellOf(screen: string, id: string): string | undefined {
  const line = screen.split('\n').find((l) => l.includes(` ${id} `));
  return line ? /…\S{4}\s+(.*?)\s{2,}(?:ok|expiring|expired|static|missing)\b/.exec(line)?.[1] ?? '' : undefined;
}

describe('dashboard usage in a real terminal', () => {
  it('table first, usage when the endpoint answers; keys work meanwhile; u within the minute asks nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-usage-pty-'));
    dirs.push(dir);
    const env = uiEnv({ HOME: dir, CLAWDBOT_STATE_DIR: path.join(dir, 'state'), ANTHROPIC_BASE_URL: api.url, CLAWDBOT_CHATGPT_BASE_URL: api.url });
    for (const k of Object.keys(env)) if (/_API_KEY$|_TOKEN$|^CLAWDBOT_AGENT_DIR$|^CODEX_HOME$|^CLAUDE_CONFIG_DIR$/.test(k)) delete env[k];
    await writeStore(path.join(dir, 'state', 'agents', 'main', 'agent', 'auth-profiles.json'), {
      version: 1,
      profiles: {
        'anthropic:work': { type: 'oauth', provider: 'anthropic', access: S.work, refresh: `sk-ant-ort01-${'a'.repeat(30)}`, expires: NOW + 30 * HOUR },
        'anthropic:personal': { type: 'oauth', provider: 'anthropic', access: S.personal, refresh: `sk-ant-ort01-${'b'.repeat(30)}`, expires: NOW + 30 * HOUR },
        'openai-codex:a': { type: 'oauth', provider: 'openai-codex', access: S.codex, refresh: `rt_${'c'.repeat(30)}`, expires: NOW + 30 * HOUR },
      },
      order: { anthropic: ['anthropic:work', 'anthropic:personal'] },
    });
    api.hold();
    const p = spawnCli(['models', 'status'], { env, cols: 140, rows: 24 });
    runs.push(p);
    try {
      // The table and the key hints are on screen while every usage answer is still held.
      await p.waitFor((s) => s.includes('anthropic:personal') && s.includes('USAGE') && s.includes('u usage'), 15_000);
      await p.waitFor(() => api.requests.length === 3, 10_000);
      await p.waitFor((s) => usageCellOf(s, 'anthropic:work') === '…');
      p.press('down');
      await p.waitFor((s) => s.split('\n').some((l) => l.startsWith('›') && l.includes('anthropic:personal')));

      api.release();
      const s = await p.waitFor((x) => usageCellOf(x, 'anthropic:work') === '58% left' && usageCellOf(x, 'openai-codex:a') === '60% left', 10_000);
      expect(usageCellOf(s, 'anthropic:personal')).toBe('5% left');
      // The selected profile's windows with the time to each reset.
      await p.waitFor(/anthropic:personal · usage: 5h 5% left \(resets in 2h \d\dm\) · Week 30% left \(resets in 3d \dh\)/);

      p.press('u');
      await p.waitFor('Usage was asked less than a minute ago; ask again in');
      expect(api.requests.length).toBe(3);
      expectNoSecretIn(p.output(), S.work);
      expectNoSecretIn(p.output(), S.personal);
      expectNoSecretIn(p.output(), S.codex);

      p.press('q');
      expect((await p.exited).exitCode).toBe(0);
    } finally {
      api.release();
    }
  }, 60_000);
});
