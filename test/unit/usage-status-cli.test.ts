// `models status --usage` and `--warn-usage` on the built CLI against loopback stand-ins of both
// usage endpoints and of the OAuth token endpoints: usage per profile in text and JSON, the
// `--check --warn-usage` exit codes, and no refresh: the token server sees no request even though
// an access token has expired.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccessJwt, startRefreshTokenServer, type RefreshTokenServer } from '../helpers/refresh-token-server.js';
import { type FakeUsageApi, anthropicUsageBody, chatGptUsageBody, startFakeUsageApi } from '../helpers/fake-usage-api.js';
import { expectNoSecretIn, makeTempState, requireBuild, runCli, writeStore, type TempState } from '../helpers/store-cli.js';

const NOW = Date.now();
const HOUR = 3_600_000;
// Random bodies: a profile id ("personal") must not look like a piece of a token.
const tok = (_name: string) => `sk-ant-oat01-${crypto.randomBytes(30).toString('base64url')}`;
const T = {
  work: tok('work'),
  personal: tok('personal'),
  old: tok('old'),
  oldRefresh: `sk-ant-ort01-${crypto.randomBytes(30).toString('base64url')}`,
  codex: makeAccessJwt(201, Math.floor((NOW + 5 * HOUR) / 1000), 'acct-cli'),
  codexRefresh: `rt_${crypto.randomBytes(30).toString('base64url')}`,
};

let api: FakeUsageApi;
let tokens: RefreshTokenServer;
let t: TempState;
let env: NodeJS.ProcessEnv;

function store(personalFiveHour: number) {
  return {
    version: 1,
    profiles: {
      'anthropic:work': { type: 'oauth', provider: 'anthropic', access: T.work, refresh: `sk-ant-ort01-work-${'r'.repeat(40)}`, expires: NOW + 5 * HOUR },
      'anthropic:personal': { type: 'oauth', provider: 'anthropic', access: T.personal, refresh: `sk-ant-ort01-pers-${'r'.repeat(40)}`, expires: NOW + 5 * HOUR },
      'anthropic:old': { type: 'oauth', provider: 'anthropic', access: T.old, refresh: T.oldRefresh, expires: NOW - 10 * 60_000 },
      'openai-codex:default': { type: 'oauth', provider: 'openai-codex', access: T.codex, refresh: T.codexRefresh, expires: NOW - 60_000 },
    },
    order: { anthropic: ['anthropic:work', 'anthropic:personal', 'anthropic:old'] },
    _personal: personalFiveHour,
  };
}

beforeAll(async () => {
  requireBuild();
  api = await startFakeUsageApi();
  tokens = await startRefreshTokenServer();
  tokens.accept(T.oldRefresh);
  t = await makeTempState('cb-usage-cli-');
  env = {
    ...t.env,
    ANTHROPIC_BASE_URL: api.url,
    CLAWDBOT_CHATGPT_BASE_URL: api.url,
    CLAWDBOT_ANTHROPIC_OAUTH_BASE_URL: tokens.url,
    CLAWDBOT_OPENAI_OAUTH_BASE_URL: tokens.url,
  };
  await writeStore(t.storePath, store(95));
  api.replies.set(T.work, { status: 200, body: anthropicUsageBody(42, 12, NOW) });
  api.replies.set(T.personal, { status: 200, body: anthropicUsageBody(95, 70, NOW) });
  api.replies.set(T.codex, { status: 200, body: chatGptUsageBody(99, 99, NOW) });
});
afterAll(async () => {
  await api.close();
  await tokens.close();
  await t.cleanup();
});

function noSecrets(out: string) {
  for (const s of [T.work, T.personal, T.old, T.oldRefresh, T.codex, T.codexRefresh]) expectNoSecretIn(out, s);
}

describe('models status --usage', () => {
  it('--json: a usage object per profile, with Clawdbot field names', async () => {
    const r = await runCli(['models', 'status', '--usage', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    noSecrets(r.stdout + r.stderr);
    const doc = JSON.parse(r.stdout);
    const byId = new Map<string, any>(doc.auth.oauth.profiles.map((p: any) => [p.profileId, p]));
    expect(byId.get('anthropic:work').usage).toMatchObject({
      provider: 'anthropic',
      displayName: 'Claude',
      status: 'ok',
      windows: [
        { label: '5h', usedPercent: 42, resetAt: NOW + 2 * HOUR + 10 * 60_000 },
        { label: 'Week', usedPercent: 12 },
      ],
    });
    expect(byId.get('anthropic:personal').usage.windows[0].usedPercent).toBe(95);
    expect(byId.get('anthropic:old').usage).toMatchObject({ status: 'expired', error: 'usage: token expired', windows: [] });
    expect(byId.get('openai-codex:default').usage).toMatchObject({ status: 'expired' });
    // No refresh, and nothing sent with the expired tokens.
    expect(tokens.requests).toEqual([]);
    expect(api.requests.map((q) => q.token).sort()).toEqual([T.personal, T.work].sort());
  });

  it('text: one usage line under each profile, percent left and time to reset', async () => {
    const r = await runCli(['models', 'status', '--usage', '--plain'], { env });
    expect(r.code, r.stderr).toBe(0);
    noSecrets(r.stdout + r.stderr);
    const lines = r.stdout.split('\n');
    const after = (id: string) => lines[lines.findIndex((l) => l.includes(` ${id} `)) + 1]!.trim();
    // The stand-in's reset times are fixed when the test starts; a minute may pass before it runs.
    expect(after('anthropic:work')).toMatch(/^usage: 5h 58% left \(resets in 2h (10|09)m\) · Week 88% left \(resets in 3d (4|3)h\)$/);
    expect(after('anthropic:personal')).toMatch(/^usage: 5h 5% left/);
    expect(after('anthropic:old')).toBe('usage: token expired');
    expect(tokens.requests).toEqual([]);
  });

  it('without --usage nothing is fetched and no usage is shown', async () => {
    const before = api.requests.length;
    const r = await runCli(['models', 'status', '--json'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('"usage"');
    expect(api.requests.length).toBe(before);
  });
});

describe('models status --check --warn-usage', () => {
  it('exits 2 when a profile in use has a window more than the percent used, naming it', async () => {
    const r = await runCli(['models', 'status', '--check', '--warn-usage', '90'], { env });
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stdout).toMatch(/^warning: anthropic:personal: 5h window 95% used \(over 90%, resets in 2h (10|09)m\)$/m);
    // openai-codex is 99% used but not in use (the default model is Anthropic's): no warning.
    expect(r.stdout).not.toContain('openai-codex:default: ');
    noSecrets(r.stdout + r.stderr);
  });

  it('exits 0 when every window in use is under the percent; 96% also works as "96%"', async () => {
    for (const arg of ['96', '96%']) {
      const r = await runCli(['models', 'status', '--check', '--warn-usage', arg], { env });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain('ok: every credential in use is usable');
    }
  });

  it('a credential error stays exit 1 with usage warnings beside it', async () => {
    const expiredStatic = { ...store(95) } as any;
    expiredStatic.profiles = { ...expiredStatic.profiles, 'anthropic:static': { type: 'token', provider: 'anthropic', token: tok('static'), expires: NOW - 1000 } };
    expiredStatic.order = { anthropic: [...expiredStatic.order.anthropic, 'anthropic:static'] };
    await writeStore(t.storePath, expiredStatic);
    try {
      const r = await runCli(['models', 'status', '--check', '--warn-usage', '90', '--json'], { env });
      expect(r.code).toBe(1);
      const doc = JSON.parse(r.stdout);
      expect(doc.check.problems.map((p: any) => p.message)).toEqual(
        expect.arrayContaining(['anthropic:static: expired', expect.stringMatching(/^anthropic:personal: 5h window 95% used/)]),
      );
    } finally {
      await writeStore(t.storePath, store(95));
    }
  });

  it('a bad percentage is one clear line and exit 1; usage that cannot be read never alarms', async () => {
    for (const bad of ['abc', '0', '101', '-5']) {
      const r = await runCli(['models', 'status', '--check', `--warn-usage=${bad}`], { env });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`clawdbot: Invalid --warn-usage "${bad}": use a percentage from 1 to 100, like 90.\n`);
    }
    const offline = await runCli(['models', 'status', '--check', '--warn-usage', '90'], { env: { ...env, ANTHROPIC_BASE_URL: 'http://127.0.0.1:1' } });
    expect(offline.code, offline.stdout).toBe(0);
  });
});
