// Every state has one fix, and it is the right one: the advice printed next to a problem matches
// the problem (a token that is expiring and also in cooldown needs a new token, not a cooldown
// clear), nothing is advised for what fixes itself (an expired access token that refreshes on
// use, a reused Claude Code login included), and the JSON never pairs "expiring" with a negative
// time left.
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildStatusReport, checkReport } from '../../src/auth/report.js';
import { agentAuthJson } from '../../src/auth/status-json.js';
import { ACCESS, D, H, REFRESH, TOKEN_A, writeStoreFile } from '../fixtures/status/scenarios.js';

let root: string | undefined;
afterEach(async () => {
  if (root) await fsp.rm(root, { recursive: true, force: true });
  root = undefined;
});

async function reportFor(doc: unknown, now: number) {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'cb-fix-'));
  const dirs = { stateDir: path.join(root, 'state'), home: path.join(root, 'home') };
  await fsp.mkdir(dirs.home, { recursive: true });
  await writeStoreFile(dirs, doc);
  const env = { HOME: dirs.home, CLAWDBOT_STATE_DIR: dirs.stateDir, PATH: process.env.PATH };
  return buildStatusReport({ env, now, warn: () => undefined, externalSync: false });
}

const T = Date.UTC(2026, 5, 1, 12, 0, 0);

describe('fix advice', () => {
  it('a token that is expiring and in cooldown is told to get a new token, not to clear the cooldown', async () => {
    const r = await reportFor(
      {
        version: 1,
        profiles: { 'anthropic:manual': { type: 'token', provider: 'anthropic', token: TOKEN_A, expires: T + 2 * H } },
        usageStats: { 'anthropic:manual': { cooldownUntil: T + 5 * 60_000, errorCount: 1 } },
      },
      T,
    );
    const p = r.agents[0]!.providers[0]!.profiles[0]!;
    expect(p.fix).toBe('clawdbot models auth setup-token --provider anthropic --profile-id anthropic:manual');
    const expiring = checkReport(r).problems.find((x) => x.message.includes('expires within the warn window'));
    expect(expiring?.fix).toBe(p.fix);
  });

  it('a profile only in cooldown is told to clear it', async () => {
    const r = await reportFor(
      {
        version: 1,
        profiles: { 'anthropic:manual': { type: 'token', provider: 'anthropic', token: TOKEN_A, expires: T + 30 * D } },
        usageStats: { 'anthropic:manual': { cooldownUntil: T + 5 * 60_000, errorCount: 1 } },
      },
      T,
    );
    expect(r.agents[0]!.providers[0]!.profiles[0]!.fix).toBe('clawdbot models auth cooldown clear anthropic:manual');
  });

  it('an expired Claude Code login that refreshes on use needs no fix and raises no problem', async () => {
    const r = await reportFor(
      { version: 1, profiles: { 'anthropic:claude-cli': { type: 'oauth', provider: 'anthropic', access: ACCESS, refresh: REFRESH, expires: T - H } } },
      T,
    );
    const p = r.agents[0]!.providers[0]!.profiles[0]!;
    expect(p).toMatchObject({ status: 'expired', canRefresh: true });
    expect(p.fix).toBeUndefined();
    expect(checkReport(r).problems).toEqual([]);
  });

  it('the JSON provider summary never shows "expiring" with a negative time left', async () => {
    const r = await reportFor(
      {
        version: 1,
        profiles: {
          'openai-codex:a': { type: 'oauth', provider: 'openai-codex', access: ACCESS, refresh: REFRESH, expires: T - H },
          'openai-codex:b': { type: 'oauth', provider: 'openai-codex', access: ACCESS + 'b', refresh: REFRESH + 'b', expires: T + 2 * H },
        },
      },
      T,
    );
    const json = agentAuthJson(r, r.agents[0]!) as { oauth: { providers: { provider: string; status: string; remainingMs?: number }[] } };
    const codex = json.oauth.providers.find((x) => x.provider === 'openai-codex')!;
    expect(codex.status).toBe('expiring');
    expect(codex.remainingMs).toBe(2 * H);
  });
});
