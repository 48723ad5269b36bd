// `models auth refresh` and `models auth cooldown list|clear`, run as the built CLI (dist/cli.js)
// against real files in a temp state dir and a loopback token server.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type TempState, makeTempState, requireBuild, runCli } from '../helpers/store-cli.js';
import { type RefreshTokenServer, startRefreshTokenServer } from '../helpers/refresh-token-server.js';

let t: TempState;
let server: RefreshTokenServer;
let env: NodeJS.ProcessEnv;
const NOW = Date.now();

beforeAll(() => requireBuild());
beforeEach(async () => {
  t = await makeTempState('engine-cli-');
  server = await startRefreshTokenServer();
  env = { ...t.env, CLAWDBOT_OPENAI_OAUTH_BASE_URL: server.url, CLAWDBOT_ANTHROPIC_OAUTH_BASE_URL: server.url };
});
afterEach(async () => {
  await server.close();
  await t.cleanup();
});

async function writeStore(doc: Record<string, unknown>): Promise<void> {
  await fsp.mkdir(path.dirname(t.storePath), { recursive: true, mode: 0o700 });
  await fsp.writeFile(t.storePath, JSON.stringify({ version: 1, ...doc }, null, 2) + '\n', { mode: 0o600 });
}
const readStore = async () => JSON.parse(await fsp.readFile(t.storePath, 'utf8'));

describe('models auth refresh', () => {
  it('--profile refreshes one OAuth profile now and stores the rotated tokens', async () => {
    await writeStore({ profiles: { 'openai-codex:default': { type: 'oauth', provider: 'openai-codex', access: 'old-access-0000000000000', refresh: 'rt-0', expires: NOW + 3_600_000 } } });
    server.accept('rt-0');
    const r = await runCli(['models', 'auth', 'refresh', '--profile', 'openai-codex:default'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^openai-codex:default: refreshed, expires in (59m|1h)/);
    expect(server.requests).toHaveLength(1);
    const doc = await readStore();
    expect(doc.profiles['openai-codex:default'].refresh).toBe(server.currentRefresh);
    expect(r.stdout + r.stderr).not.toContain(server.currentRefresh!);
  });

  it('--all --json: refreshes each OAuth profile, reports a revoked one with its fix, exit 1', async () => {
    await writeStore({
      profiles: {
        'openai-codex:default': { type: 'oauth', provider: 'openai-codex', access: 'a', refresh: 'rt-good', expires: NOW - 1 },
        'anthropic:me': { type: 'oauth', provider: 'anthropic', access: 'b', refresh: 'sk-ant-ort01-revoked-xxxxxxxxxxxxxxxx', expires: NOW - 1 },
        'anthropic:key': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-kkkkkkkkkkkkkkkkkkkk' },
      },
    });
    server.accept('rt-good');
    const before = await readStore();
    const r = await runCli(['models', 'auth', 'refresh', '--all', '--json'], { env });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.agentId).toBe('main');
    const byId = Object.fromEntries(out.results.map((x: { profileId: string }) => [x.profileId, x]));
    expect(Object.keys(byId).sort()).toEqual(['anthropic:me', 'openai-codex:default']);
    expect(byId['openai-codex:default']).toMatchObject({ ok: true });
    expect(byId['anthropic:me']).toMatchObject({ ok: false, kind: 'reauth' });
    expect(byId['anthropic:me'].fix).toMatch(/claude setup-token.*paste-token --provider anthropic/);
    expect(r.stdout).not.toContain('revoked-xxxx');
    const after = await readStore();
    expect(after.profiles['anthropic:me']).toEqual(before.profiles['anthropic:me']);
  });

  it('a newer Codex CLI sign-in replaces a stale reused copy before refreshing (no spent token sent)', async () => {
    await writeStore({ profiles: { 'openai-codex:codex-cli': { type: 'oauth', provider: 'openai-codex', access: 'a', refresh: 'rt-spent', expires: NOW - 1 } } });
    const codexDir = path.join(t.home, '.codex');
    await fsp.mkdir(codexDir, { recursive: true });
    const jwt = (exp: number) => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.s`;
    await fsp.writeFile(path.join(codexDir, 'auth.json'), JSON.stringify({ tokens: { access_token: jwt(Math.floor(NOW / 1000) + 600), refresh_token: 'rt-relogin' } }, null, 2), { mode: 0o600 });
    server.accept('rt-relogin');
    const r = await runCli(['models', 'auth', 'refresh', '--profile', 'openai-codex:codex-cli'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/openai-codex:codex-cli: upgraded|openai-codex:codex-cli: updated from ~\/\.codex\/auth\.json/);
    expect(r.stdout).toMatch(/wrote the refreshed tokens back to ~\/\.codex\/auth\.json/);
    expect(server.requests.map((q) => q.body.refresh_token)).toEqual(['rt-relogin']);
    const file = JSON.parse(await fsp.readFile(path.join(codexDir, 'auth.json'), 'utf8'));
    expect(file.tokens.refresh_token).toBe(server.currentRefresh);
  });

  it('bad usage is one clear line and exit 1', async () => {
    await writeStore({ profiles: { 'anthropic:key': { type: 'api_key', provider: 'anthropic', key: 'k' } } });
    for (const [args, re] of [
      [[], /--profile <id> for one OAuth profile, or --all/],
      [['--profile', 'x:y', '--all'], /either --profile <id> or --all/],
      [['--profile', 'anthropic:nope'], /No profile "anthropic:nope"/],
      [['--profile', 'anthropic:key'], /is a api_key credential, which has nothing to refresh/],
    ] as const) {
      const r = await runCli(['models', 'auth', 'refresh', ...args], { env });
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(re);
    }
  });

  it('a server error leaves the store file byte-identical', async () => {
    await writeStore({ profiles: { 'openai-codex:default': { type: 'oauth', provider: 'openai-codex', access: 'a', refresh: 'rt-0', expires: NOW - 1 } } });
    server.accept('rt-0');
    server.failNext(100, 502);
    const before = await fsp.readFile(t.storePath);
    const r = await runCli(['models', 'auth', 'refresh', '--profile', 'openai-codex:default'], { env, timeoutMs: 30_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^clawdbot: openai-codex:default: .*HTTP 502.*stored credential is unchanged/);
    expect(await fsp.readFile(t.storePath)).toEqual(before);
  }, 40_000);
});

describe('models auth cooldown', () => {
  const soon = NOW + 10 * 60_000;
  const later = NOW + 5 * 3_600_000;
  const stats = {
    'anthropic:a': { cooldownUntil: soon, errorCount: 2, failureCounts: { rate_limit: 2 }, lastFailureAt: NOW, lastFailureReason: 'rate_limit' },
    'anthropic:b': { disabledUntil: later, disabledReason: 'billing', errorCount: 1, failureCounts: { billing: 1 }, lastFailureAt: NOW },
    'anthropic:c': { lastUsed: NOW },
  };
  const profiles = {
    'anthropic:a': { type: 'api_key', provider: 'anthropic', key: 'k1' },
    'anthropic:b': { type: 'api_key', provider: 'anthropic', key: 'k2' },
    'anthropic:c': { type: 'api_key', provider: 'anthropic', key: 'k3' },
  };

  it('list shows who is paused, why and until when; --json has the fields', async () => {
    await writeStore({ profiles, usageStats: stats });
    const r = await runCli(['models', 'auth', 'cooldown', 'list'], { env });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^anthropic:a {2}cooldown (9|10)m \d\ds left: cooldown until \d\d:\d\d \(rate_limit\) {2}\(2 recent failures: rate_limit 2\)$/);
    expect(lines[1]).toMatch(/^anthropic:b {2}disabled 4h 59m left: disabled for billing until/);
    expect(r.stdout).not.toContain('anthropic:c');
    const j = JSON.parse((await runCli(['models', 'auth', 'cooldown', 'list', '--json'], { env })).stdout);
    expect(j.profiles.map((p: { profileId: string; kind: string }) => [p.profileId, p.kind])).toEqual([
      ['anthropic:a', 'cooldown'],
      ['anthropic:b', 'disabled'],
    ]);
    expect(j.profiles[1]).toMatchObject({ reason: 'billing', until: later, provider: 'anthropic' });
  });

  it('clear ID lifts one pause (also a billing disable); clear without id lifts all', async () => {
    await writeStore({ profiles, usageStats: stats });
    let r = await runCli(['models', 'auth', 'cooldown', 'clear', 'anthropic:b'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Cleared: anthropic:b/);
    let doc = await readStore();
    expect(doc.usageStats['anthropic:b'].disabledUntil).toBeUndefined();
    expect(doc.usageStats['anthropic:a'].cooldownUntil).toBe(soon);
    r = await runCli(['models', 'auth', 'cooldown', 'clear', '--json'], { env });
    expect(JSON.parse(r.stdout).cleared).toEqual(['anthropic:a']);
    doc = await readStore();
    expect(doc.usageStats['anthropic:a'].cooldownUntil).toBeUndefined();
    expect(doc.usageStats['anthropic:c'].lastUsed).toBe(NOW); // untouched
    r = await runCli(['models', 'auth', 'cooldown', 'list'], { env });
    expect(r.stdout).toMatch(/No profile is cooling down/);
  });

  it('clear of an unknown id is one clear line, exit 1, nothing written', async () => {
    await writeStore({ profiles, usageStats: stats });
    const before = await fsp.readFile(t.storePath);
    const r = await runCli(['models', 'auth', 'cooldown', 'clear', 'anthropic:zzz'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/No profile "anthropic:zzz"/);
    expect(await fsp.readFile(t.storePath)).toEqual(before);
  });
});
