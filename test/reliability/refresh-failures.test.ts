// G9/G10: what a refresh does when things go wrong, against a real loopback token server and real
// store files: transient failures leave the file untouched, invalid_grant keeps the record
// byte-identical and marks it, a newer token on disk is adopted with 0 requests, another
// account's token is never adopted, a hung endpoint is cut off and the lock released.
import { spawn } from 'node:child_process';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RefreshTokenServer, makeAccessJwt, startRefreshTokenServer } from '../helpers/refresh-token-server.js';
import { AgentStore } from '../../src/store/agent-store.js';
import { withFileLock } from '../../src/store/lock.js';
import { locksDir } from '../../src/store/paths.js';
import { RefreshFailedError, ensureFreshCredential, refreshExpiringProfiles } from '../../src/auth/refresh.js';
import { refreshTokenFingerprint } from '../../src/auth/health.js';
import { CLAUDE_CLI_PROFILE_ID } from '../../src/auth/external-cli.js';

let tmp: string;
let server: RefreshTokenServer;
let env: Record<string, string | undefined>;
const ID = 'openai-codex:default';
const R0 = 'rt-codex-0-initial-yyyyyyyyyyyyyyyy';

beforeEach(async () => {
  tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'engine-refresh-'));
  server = await startRefreshTokenServer();
  env = {
    HOME: tmp,
    CLAWDBOT_STATE_DIR: path.join(tmp, 'state'),
    CLAWDBOT_OPENAI_OAUTH_BASE_URL: server.url,
    CLAWDBOT_ANTHROPIC_OAUTH_BASE_URL: server.url,
  };
});

afterEach(async () => {
  await server.close();
  await fsp.rm(tmp, { recursive: true, force: true });
});

async function seed(cred: Record<string, unknown>, id = ID): Promise<AgentStore> {
  const store = new AgentStore('main', env, () => {});
  await store.update((doc) => {
    doc.profiles[id] = cred as never;
    return true;
  });
  return store;
}

const expiredCodex = (extra: Record<string, unknown> = {}) => ({
  type: 'oauth',
  provider: 'openai-codex',
  access: 'expired-access-token-0000000000',
  refresh: R0,
  expires: Date.now() - 60_000,
  ...extra,
});

async function catchErr(p: Promise<unknown>): Promise<RefreshFailedError> {
  try {
    await p;
  } catch (err) {
    return err as RefreshFailedError;
  }
  throw new Error('expected a failure');
}

describe('transient failures', () => {
  it('a 500 is retried with backoff; when it keeps failing the store file is byte-identical', async () => {
    const store = await seed(expiredCodex());
    server.accept(R0);
    const before = await fsp.readFile(store.storePath);
    server.failNext(10, 503);
    const err = await catchErr(ensureFreshCredential(store, ID, { env, attempts: 3, backoffMs: 10 }));
    expect(err).toBeInstanceOf(RefreshFailedError);
    expect(err.kind).toBe('transient');
    expect(err.message).toMatch(/HTTP 503/);
    expect(err.message).toMatch(/stored credential is unchanged/);
    expect(server.requests).toHaveLength(3);
    expect(await fsp.readFile(store.storePath)).toEqual(before);
  });

  it('a 500 followed by success refreshes on the retry', async () => {
    const store = await seed(expiredCodex());
    server.accept(R0);
    server.failNext(1, 500);
    const cred = await ensureFreshCredential(store, ID, { env, attempts: 3, backoffMs: 10 });
    expect(server.requests).toHaveLength(2);
    expect((cred as { access: string }).access).toBe(server.lastAccess);
  });

  it('a hung endpoint is cut off by the timeout, the store is untouched and the lock is released', async () => {
    const store = await seed(expiredCodex());
    server.accept(R0);
    const before = await fsp.readFile(store.storePath);
    server.hang(true);
    const err = await catchErr(ensureFreshCredential(store, ID, { env, attempts: 1, timeoutMs: 300 }));
    expect(err.kind).toBe('transient');
    expect(err.message).toMatch(/did not answer within/);
    expect(await fsp.readFile(store.storePath)).toEqual(before);
    // lock released: the next attempt goes through at once
    server.hang(false);
    const cred = await ensureFreshCredential(store, ID, { env, attempts: 1, lockTimeoutMs: 2000 });
    expect((cred as { access: string }).access).toBe(server.lastAccess);
  });
});

describe('permanent failures', () => {
  it('invalid_grant keeps the credential byte-identical, marks reauth, names the fix, and makes no further request', async () => {
    const store = await seed(expiredCodex());
    server.accept('some-other-token'); // R0 is spent
    const beforeDoc = JSON.parse(await fsp.readFile(store.storePath, 'utf8'));
    const err = await catchErr(ensureFreshCredential(store, ID, { env, backoffMs: 10 }));
    expect(err.kind).toBe('reauth');
    expect(err.message).toContain('clawdbot models auth login --provider openai-codex');
    expect(server.requests).toHaveLength(1); // not retried

    const afterDoc = JSON.parse(await fsp.readFile(store.storePath, 'utf8'));
    expect(JSON.stringify(afterDoc.profiles[ID])).toBe(JSON.stringify(beforeDoc.profiles[ID]));
    expect(afterDoc.usageStats[ID].reauthRequired).toMatchObject({ reason: 'invalid_grant', refreshFingerprint: refreshTokenFingerprint(R0) });

    const again = await catchErr(ensureFreshCredential(store, ID, { env }));
    expect(again.kind).toBe('reauth');
    expect(server.requests).toHaveLength(1); // no request for a known-bad token
  });

  it('an error body echoing the refresh token is redacted', async () => {
    const store = await seed(expiredCodex());
    server.accept('another');
    server.echoTokenInErrors = true;
    const err = await catchErr(ensureFreshCredential(store, ID, { env }));
    expect(err.message).not.toContain(R0);
    expect(err.message).not.toContain(R0.slice(0, 12));
  });

  it('refresh_token_reused from the Codex error shape is a reauth', async () => {
    const store = await seed(expiredCodex());
    server.failNext(1, 401, JSON.stringify({ error: { code: 'refresh_token_reused', message: 'already used' } }));
    const err = await catchErr(ensureFreshCredential(store, ID, { env }));
    expect(err.kind).toBe('reauth');
    expect(err.message).toMatch(/already used/);
  });

  it('a new sign-in (a different refresh token) lifts the reauth mark', async () => {
    const store = await seed(expiredCodex());
    server.accept('nope');
    await catchErr(ensureFreshCredential(store, ID, { env }));
    await store.update((doc) => {
      (doc.profiles[ID] as { refresh: string }).refresh = 'rt-new-login-zzzzzzzzzzzzzzzzzzzz';
      return true;
    });
    server.accept('rt-new-login-zzzzzzzzzzzzzzzzzzzz');
    const cred = await ensureFreshCredential(store, ID, { env });
    expect((cred as { access: string }).access).toBe(server.lastAccess);
    const { store: doc } = await store.load();
    expect(doc.usageStats?.[ID]?.reauthRequired).toBeUndefined();
  });
});

describe('guarded reload (G9)', () => {
  it('a newer token written by another process while we waited for the lock is adopted with 0 requests', async () => {
    const store = await seed(expiredCodex({ accountId: 'acct-1' }));
    server.accept(R0);
    await fsp.mkdir(locksDir(env), { recursive: true });
    const lockTarget = path.join(locksDir(env), `refresh-${refreshTokenFingerprint(R0)}`);
    let pending!: Promise<unknown>;
    await withFileLock(lockTarget, async () => {
      pending = ensureFreshCredential(store, ID, { env });
      // "another process" refreshes while holding the lock
      await new Promise((r) => setTimeout(r, 50));
      await store.update((doc) => {
        Object.assign(doc.profiles[ID]!, { access: 'fresh-from-elsewhere-000000000', refresh: 'rt-elsewhere-1', expires: Date.now() + 3_600_000 });
        return true;
      });
    });
    const cred = (await pending) as { access: string };
    expect(cred.access).toBe('fresh-from-elsewhere-000000000');
    expect(server.requests).toHaveLength(0);
  });

  it('a new sign-in that is itself expired is refreshed with its own token (1 request, not the spent one)', async () => {
    const store = await seed(expiredCodex());
    server.accept('rt-new-sign-in');
    await fsp.mkdir(locksDir(env), { recursive: true });
    const lockTarget = path.join(locksDir(env), `refresh-${refreshTokenFingerprint(R0)}`);
    let pending!: Promise<unknown>;
    await withFileLock(lockTarget, async () => {
      pending = ensureFreshCredential(store, ID, { env });
      await new Promise((r) => setTimeout(r, 50));
      await store.update((doc) => {
        Object.assign(doc.profiles[ID]!, { access: 'new-but-expired', refresh: 'rt-new-sign-in', expires: Date.now() - 1 });
        return true;
      });
    });
    const cred = (await pending) as { access: string };
    expect(server.requests.map((r) => r.body.refresh_token)).toEqual(['rt-new-sign-in']);
    expect(cred.access).toBe(server.lastAccess);
  });

  it('a token for a different account on disk is never adopted', async () => {
    const store = await seed(expiredCodex({ accountId: 'acct-1' }));
    server.accept(R0);
    await fsp.mkdir(locksDir(env), { recursive: true });
    const lockTarget = path.join(locksDir(env), `refresh-${refreshTokenFingerprint(R0)}`);
    let pending!: Promise<unknown>;
    await withFileLock(lockTarget, async () => {
      pending = ensureFreshCredential(store, ID, { env }).catch((e) => e);
      await new Promise((r) => setTimeout(r, 50));
      await store.update((doc) => {
        Object.assign(doc.profiles[ID]!, { access: 'other-account-token-0000000', refresh: 'rt-other', expires: Date.now() + 3_600_000, accountId: 'acct-2' });
        return true;
      });
    });
    const res = await pending;
    expect(res).toBeInstanceOf(RefreshFailedError);
    expect((res as Error).message).toMatch(/different account/);
    expect(server.requests).toHaveLength(0);
  });

  it('a fresh token already on disk means no request at all', async () => {
    const store = await seed(expiredCodex({ expires: Date.now() + 3_600_000 }));
    server.accept(R0);
    const cred = await ensureFreshCredential(store, ID, { env });
    expect((cred as { access: string }).access).toBe('expired-access-token-0000000000');
    expect(server.requests).toHaveLength(0);
  });

  it('within the skew margin it refreshes ahead of expiry', async () => {
    const store = await seed(expiredCodex({ expires: Date.now() + 60_000 }));
    server.accept(R0);
    await ensureFreshCredential(store, ID, { env, skewMs: 5 * 60_000 });
    expect(server.requests).toHaveLength(1);
  });
});

describe('providers', () => {
  it('openai-codex: form body, account id from the new access token JWT', async () => {
    const store = await seed(expiredCodex());
    server.accept(R0);
    server.accountId = 'acct-from-jwt';
    const cred = (await ensureFreshCredential(store, ID, { env })) as { accountId?: string; expires: number };
    expect(server.requests[0]!.contentType).toContain('application/x-www-form-urlencoded');
    expect(cred.accountId).toBe('acct-from-jwt');
    expect(Math.abs(cred.expires - (Date.now() + 3_600_000))).toBeLessThan(10_000);
  });

  it('anthropic: JSON body without scope; a missing refresh_token in the answer keeps the old one', async () => {
    const RA = 'sk-ant-ort01-original-aaaaaaaaaaaaaaaaaaaa';
    const store = await seed({ type: 'oauth', provider: 'anthropic', access: 'sk-ant-oat01-old-bbbbbbbbbbbbbbbbbbbb', refresh: RA, expires: Date.now() - 1 }, 'anthropic:me');
    server.accept(RA);
    server.omitRefresh = true;
    const cred = (await ensureFreshCredential(store, 'anthropic:me', { env })) as { access: string; refresh: string; expires: number };
    const req = server.requests[0]!;
    expect(req.path).toBe('/v1/oauth/token');
    expect(req.contentType).toContain('application/json');
    expect(req.body).toEqual({ grant_type: 'refresh_token', client_id: '9d1c250a-e61b-44d9-88ed-5944d1962f5e', refresh_token: RA });
    expect(cred.refresh).toBe(RA);
    expect(cred.access).toBe(server.lastAccess);
    // 5 minutes early, like pi
    expect(cred.expires).toBeLessThan(Date.now() + 3_600_000 - 4 * 60_000);
  });

  it('api keys and static tokens come back as they are; an expired static token names the fix', async () => {
    const store = await seed({ type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-kkkkkkkkkkkkkkkkkkkk' }, 'anthropic:key');
    expect(await ensureFreshCredential(store, 'anthropic:key', { env })).toMatchObject({ key: 'sk-ant-api03-kkkkkkkkkkkkkkkkkkkk' });
    await store.update((doc) => {
      doc.profiles['anthropic:manual'] = { type: 'token', provider: 'anthropic', token: 'sk-ant-oat01-tttttttttttttttttttt', expires: Date.now() - 1000 };
      return true;
    });
    const err = await catchErr(ensureFreshCredential(store, 'anthropic:manual', { env }));
    expect(err.message).toMatch(/paste-token --provider anthropic --profile-id anthropic:manual/);
    expect(server.requests).toHaveLength(0);
  });

  it("uses the agent store's env (base URL) when no env option is given", async () => {
    expect(process.env.CLAWDBOT_OPENAI_OAUTH_BASE_URL).toBeUndefined();
    const store = await seed(expiredCodex());
    server.accept(R0);
    const cred = (await ensureFreshCredential(store, ID, { attempts: 1 })) as { access: string };
    expect(cred.access).toBe(server.lastAccess);
  });

  it('an unknown profile is a clear not-found', async () => {
    const store = await seed(expiredCodex());
    await expect(ensureFreshCredential(store, 'openai-codex:nope', { env })).rejects.toThrow(/No profile "openai-codex:nope"/);
  });
});

it('makeAccessJwt helper produces a decodable exp', () => {
  const t = makeAccessJwt(1, 2_000_000_000, 'a');
  expect(JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()).exp).toBe(2_000_000_000);
});

describe('401 before the local expiry (openclaw#8223)', () => {
  it('rejectedAccess forces a refresh of a token that looks fresh', async () => {
    const store = await seed(expiredCodex({ expires: Date.now() + 3_600_000 }));
    server.accept(R0);
    const cred = (await ensureFreshCredential(store, ID, { env, rejectedAccess: 'expired-access-token-0000000000' })) as { access: string };
    expect(server.requests).toHaveLength(1);
    expect(cred.access).toBe(server.lastAccess);
  });

  it('but if the store already holds a different fresh token, that one is used with 0 requests', async () => {
    const store = await seed(expiredCodex({ expires: Date.now() + 3_600_000 }));
    server.accept(R0);
    const cred = (await ensureFreshCredential(store, ID, { env, rejectedAccess: 'some-older-access-token' })) as { access: string };
    expect(server.requests).toHaveLength(0);
    expect(cred.access).toBe('expired-access-token-0000000000');
  });
});

describe('reused Claude Code sign-in', () => {
  it('refreshing anthropic:claude-cli writes the rotated tokens back to ~/.claude/.credentials.json (0600, other fields kept)', async () => {
    const RA = 'sk-ant-ort01-claude-cli-aaaaaaaaaaaaaaaaaaaa';
    const file = path.join(tmp, '.claude', '.credentials.json');
    await fsp.mkdir(path.dirname(file), { recursive: true });
    await fsp.writeFile(file, JSON.stringify({ claudeAiOauth: { accessToken: 'sk-ant-oat01-old-cccccccccccccccccccc', refreshToken: RA, expiresAt: Date.now() - 1, subscriptionType: 'max' } }), { mode: 0o600 });
    const store = await seed({ type: 'oauth', provider: 'anthropic', access: 'sk-ant-oat01-old-cccccccccccccccccccc', refresh: RA, expires: Date.now() - 1 }, CLAUDE_CLI_PROFILE_ID);
    server.accept(RA);
    const notes: string[] = [];
    const cred = (await ensureFreshCredential(store, CLAUDE_CLI_PROFILE_ID, { env, onNote: (n) => notes.push(n) })) as { access: string; refresh: string };
    expect(notes).toEqual(['wrote the refreshed tokens back to ~/.claude/.credentials.json']);
    const doc = JSON.parse(await fsp.readFile(file, 'utf8'));
    expect(doc.claudeAiOauth).toMatchObject({ accessToken: cred.access, refreshToken: cred.refresh, subscriptionType: 'max' });
    expect(cred.refresh).toBe(server.currentRefresh);
    expect((await fsp.stat(file)).mode & 0o777).toBe(0o600);
  });
});

describe('refreshExpiringProfiles (daemon, G11)', () => {
  it('refreshes only OAuth profiles within the window and reports revoked ones with the fix', async () => {
    const store = await seed(expiredCodex({ expires: Date.now() + 2 * 60_000 }));
    await store.update((doc) => {
      doc.profiles['openai-codex:later'] = { type: 'oauth', provider: 'openai-codex', access: 'x', refresh: 'rt-later', expires: Date.now() + 3_600_000 };
      doc.profiles['openai-codex:dead'] = { type: 'oauth', provider: 'openai-codex', access: 'y', refresh: 'rt-dead', expires: Date.now() - 1 };
      doc.profiles['anthropic:key'] = { type: 'api_key', provider: 'anthropic', key: 'k' };
      return true;
    });
    server.accept(R0);
    const res = await refreshExpiringProfiles(store, { env, withinMs: 5 * 60_000 });
    const by = Object.fromEntries(res.map((r) => [r.profileId, r]));
    expect(Object.keys(by).sort()).toEqual(['openai-codex:dead', 'openai-codex:default', 'openai-codex:later']);
    expect(by['openai-codex:default']).toMatchObject({ ok: true });
    expect(by['openai-codex:default']!.skipped).toBeUndefined();
    expect(by['openai-codex:later']).toMatchObject({ ok: true, skipped: true });
    expect(by['openai-codex:dead']).toMatchObject({ ok: false });
    expect(by['openai-codex:dead']!.fix).toContain('models auth login --provider openai-codex --profile-id openai-codex:dead');
    expect(server.requests.map((r) => r.body.refresh_token).sort()).toEqual([R0, 'rt-dead']);
  });
});

describe('a refresher that crashed while holding the refresh lock', () => {
  it('is taken over at once (its pid is gone) and the refresh goes through', async () => {
    const store = await seed(expiredCodex());
    server.accept(R0);
    await fsp.mkdir(locksDir(env), { recursive: true });
    const target = path.join(locksDir(env), `refresh-${refreshTokenFingerprint(R0)}`);
    const dist = path.resolve(__dirname, '../../dist/index.js');
    const holder = spawn(
      process.execPath,
      ['--input-type=module', '-e', `const m = await import(${JSON.stringify(dist)}); await m.withFileLock(${JSON.stringify(target)}, async () => { console.log('locked'); await new Promise(() => {}); });`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
      holder.on('exit', (c) => reject(new Error(`holder exited ${c}`)));
    });
    const exited = new Promise((r) => holder.once('exit', r));
    holder.kill('SIGKILL');
    await exited;
    const started = Date.now();
    const cred = (await ensureFreshCredential(store, ID, { env, lockTimeoutMs: 10_000 })) as { access: string };
    expect(cred.access).toBe(server.lastAccess);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.requests).toHaveLength(1);
  });
});
