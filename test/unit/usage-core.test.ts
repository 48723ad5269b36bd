// Subscription usage per profile against loopback stand-ins of Anthropic's and ChatGPT's usage
// endpoints: windows parsed, two accounts of one provider each get their own answer, every failure
// is one short line without the token, a setup-token's missing scope is not a credential error,
// an expired access token is never sent, and an unreachable endpoint reads "offline".
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetchStoreUsage } from '../../src/usage/store-usage.js';
import { fetchProfileUsage } from '../../src/usage/profile.js';
import { usageLine } from '../../src/usage/format.js';
import { makeAccessJwt } from '../helpers/refresh-token-server.js';
import { type FakeUsageApi, ANTHROPIC_USAGE_PATH, CHATGPT_USAGE_PATH, anthropicUsageBody, chatGptUsageBody, startFakeUsageApi } from '../helpers/fake-usage-api.js';
import { makeTempState, writeStore, type TempState } from '../helpers/store-cli.js';

const NOW = Date.now();
const HOUR = 3_600_000;
const tok = (name: string) => `sk-ant-oat01-${name}-${'u'.repeat(40)}`;
const T = {
  work: tok('work'),
  personal: tok('personal'),
  setup: `${tok('setup')}${'s'.repeat(40)}`,
  expired: tok('expired'),
  codexA: makeAccessJwt(101, Math.floor((NOW + 5 * HOUR) / 1000), 'acct-a'),
  codexB: makeAccessJwt(102, Math.floor((NOW + 5 * HOUR) / 1000), 'acct-b'),
};

let api: FakeUsageApi;
let t: TempState;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  api = await startFakeUsageApi();
  t = await makeTempState('cb-usage-core-');
  env = { ...t.env, ANTHROPIC_BASE_URL: api.url, CLAWDBOT_CHATGPT_BASE_URL: api.url, CLAWDBOT_USAGE_TIMEOUT_MS: '800' };
  await writeStore(t.storePath, {
    version: 1,
    profiles: {
      'anthropic:work': { type: 'oauth', provider: 'anthropic', access: T.work, refresh: 'sk-ant-ort01-work-refresh-xxxxxxxx', expires: NOW + 5 * HOUR },
      'anthropic:personal': { type: 'oauth', provider: 'anthropic', access: T.personal, refresh: 'sk-ant-ort01-personal-refresh-xxxx', expires: NOW + 5 * HOUR },
      'anthropic:setup': { type: 'token', provider: 'anthropic', token: T.setup },
      'anthropic:old': { type: 'oauth', provider: 'anthropic', access: T.expired, refresh: 'sk-ant-ort01-old-refresh-xxxxxxxxx', expires: NOW - 60_000 },
      'anthropic:key': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-usage-core-test-key-xxxxxxxx' },
      'openai-codex:a': { type: 'oauth', provider: 'openai-codex', access: T.codexA, refresh: 'rt_a_xxxxxxxxxxxxxxxx', expires: NOW + 5 * HOUR },
      'openai-codex:b': { type: 'oauth', provider: 'openai-codex', access: T.codexB, refresh: 'rt_b_xxxxxxxxxxxxxxxx', expires: NOW + 5 * HOUR, accountId: 'acct-b-stored' },
      'openrouter:x': { type: 'token', provider: 'openrouter', token: 'sk-or-v1-usage-core-xxxxxxxxxxxx' },
    },
  });
  api.replies.set(T.work, { status: 200, body: anthropicUsageBody(42, 12, NOW) });
  api.replies.set(T.personal, { status: 200, body: anthropicUsageBody(95, 70, NOW) });
  api.replies.set(T.setup, {
    status: 403,
    body: { type: 'error', error: { type: 'permission_error', message: 'OAuth token does not meet scope requirement user:profile' } },
  });
  api.replies.set(T.codexA, { status: 200, body: chatGptUsageBody(30, 55, NOW, 'plus') });
  api.replies.set(T.codexB, { status: 200, body: chatGptUsageBody(81, 20, NOW, 'pro') });
});
afterAll(async () => {
  await api.close();
  await t.cleanup();
});
afterEach(() => {
  api.requests.length = 0;
});

describe('usage per profile', () => {
  it('parses both endpoints, per profile, with the right headers, and never asks with an expired token', async () => {
    const usage = await fetchStoreUsage({ storePath: t.storePath, env, now: NOW });
    const work = usage.get('anthropic:work')!;
    expect(work).toMatchObject({ status: 'ok', provider: 'anthropic', displayName: 'Claude' });
    expect(work.windows.map((w) => [w.label, w.usedPercent])).toEqual([['5h', 42], ['Week', 12]]);
    expect(work.windows[0]!.resetAt).toBe(NOW + 2 * HOUR + 10 * 60_000);
    // Two accounts of one provider: each its own answer.
    expect(usage.get('anthropic:personal')!.windows.map((w) => w.usedPercent)).toEqual([95, 70]);
    expect(usageLine(work, NOW)).toBe('usage: 5h 58% left (resets in 2h 10m) · Week 88% left (resets in 3d 4h)');

    const a = usage.get('openai-codex:a')!;
    expect(a).toMatchObject({ status: 'ok', displayName: 'ChatGPT', plan: 'plus' });
    expect(a.windows.map((w) => [w.label, w.usedPercent])).toEqual([['5h', 30], ['Week', 55]]);
    expect(a.windows[0]!.resetAt).toBe(Math.floor((NOW + 90 * 60_000) / 1000) * 1000);
    expect(usage.get('openai-codex:b')!.windows.map((w) => w.usedPercent)).toEqual([81, 20]);

    // Headers as the providers want them; the account id from the JWT claim, or the stored one.
    const byToken = new Map(api.requests.map((r) => [r.token, r]));
    expect(byToken.get(T.work)).toMatchObject({ path: ANTHROPIC_USAGE_PATH });
    expect(byToken.get(T.work)!.headers['anthropic-beta']).toBe('oauth-2025-04-20');
    expect(byToken.get(T.work)!.headers['anthropic-version']).toBe('2023-06-01');
    expect(byToken.get(T.codexA)).toMatchObject({ path: CHATGPT_USAGE_PATH });
    expect(byToken.get(T.codexA)!.headers['chatgpt-account-id']).toBe('acct-a');
    expect(byToken.get(T.codexB)!.headers['chatgpt-account-id']).toBe('acct-b-stored');

    // The setup-token's missing scope is not a credential error.
    expect(usage.get('anthropic:setup')).toMatchObject({ status: 'no_scope', error: 'usage not available for this token' });
    // Expired: reported without a request; API keys and other providers have no endpoint.
    expect(usage.get('anthropic:old')).toMatchObject({ status: 'expired', error: 'usage: token expired' });
    expect(api.requests.some((r) => r.token === T.expired)).toBe(false);
    expect(usage.get('anthropic:key')).toMatchObject({ status: 'unsupported', error: 'no usage endpoint' });
    expect(usage.get('openrouter:x')).toMatchObject({ status: 'unsupported', error: 'no usage endpoint' });
    expect(api.requests).toHaveLength(5);
  });

  it.each([
    ['401', { status: 401, body: { error: { message: 'invalid token TOKEN' } } }, 'rejected', 'usage unavailable: the token was rejected (HTTP 401)'],
    ['403 (ChatGPT: revoked)', { status: 403, body: { detail: 'TOKEN revoked' } }, 'rejected', 'usage unavailable: the token was rejected (HTTP 403)'],
    ['500', { status: 500, raw: 'Internal error for TOKEN' }, 'error', 'usage unavailable: server error (HTTP 500)'],
    ['timeout', { status: 200, hang: true }, 'timeout', 'usage unavailable: no answer within 0.8s'],
    ['garbage', { status: 200, raw: '<html>TOKEN</html>' }, 'error', 'usage unavailable: the usage endpoint sent an answer that is not usage data'],
    ['a JSON answer of another shape', { status: 200, body: ['TOKEN'] }, 'error', 'usage unavailable: the usage endpoint sent an answer that is not usage data'],
  ])('%s is one short line, with no token in it', async (_name, reply, status, line) => {
    for (const [provider, token] of [
      ['anthropic', tok('fail')],
      ['openai-codex', makeAccessJwt(7, Math.floor((NOW + HOUR) / 1000), 'acct-f')],
    ] as const) {
      const r = { ...reply } as { status: number; body?: unknown; raw?: string; hang?: boolean };
      if (typeof r.raw === 'string') r.raw = r.raw.replace('TOKEN', token);
      if (r.body) r.body = JSON.parse(JSON.stringify(r.body).replace('TOKEN', token));
      api.replies.set(token, r);
      const u = await fetchProfileUsage(`${provider}:f`, { type: 'oauth', provider, access: token, refresh: 'r', expires: NOW + HOUR }, { env, now: NOW });
      expect(u.status).toBe(status);
      expect(u.error).toBe(line);
      expect(u.windows).toEqual([]);
      expect(JSON.stringify(u)).not.toContain(token.slice(14, 30));
    }
  });

  it('a 403 about a missing scope from ChatGPT is still a rejection (only setup-tokens lack a scope)', async () => {
    const token = makeAccessJwt(8, Math.floor((NOW + HOUR) / 1000), 'acct-s');
    api.replies.set(token, { status: 403, body: { error: { message: 'missing scope' } } });
    const u = await fetchProfileUsage('openai-codex:s', { type: 'oauth', provider: 'openai-codex', access: token, refresh: 'r', expires: NOW + HOUR }, { env, now: NOW });
    expect(u.status).toBe('rejected');
  });

  it('an unreachable endpoint reads "usage unavailable (offline)"', async () => {
    const s = http.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
    const port = (s.address() as AddressInfo).port;
    await new Promise<void>((r) => s.close(() => r()));
    const offEnv = { ...env, ANTHROPIC_BASE_URL: `http://127.0.0.1:${port}`, CLAWDBOT_CHATGPT_BASE_URL: `http://127.0.0.1:${port}` };
    const usage = await fetchStoreUsage({ storePath: t.storePath, env: offEnv, now: NOW, profileIds: ['anthropic:work', 'openai-codex:a'] });
    for (const u of usage.values()) expect(u).toMatchObject({ status: 'offline', error: 'usage unavailable (offline)' });
  });

  it('a base URL given with /v1 (as for the API) still reaches the usage path', async () => {
    const u = await fetchProfileUsage('anthropic:work', { type: 'token', provider: 'anthropic', token: T.work }, { env: { ...env, ANTHROPIC_BASE_URL: `${api.url}/v1/` }, now: NOW });
    expect(u.status).toBe('ok');
    expect(api.requests.at(-1)!.path).toBe(ANTHROPIC_USAGE_PATH);
  });
});
