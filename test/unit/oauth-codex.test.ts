import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAiAuth, freePort, type FakeOpenAiAuth } from '../helpers/fake-openai-auth.js';
import {
  startCodexLogin,
  startCodexDeviceLogin,
  type CodexLoginSession,
  type CodexSignInResult,
  OPENAI_CODEX_CLIENT_ID,
} from '../../src/oauth/openai-codex/index.js';
import { type AgentStore, openAgentStore, saveCredential } from '../../src/store/index.js';

/** A sign-in saved the way `models auth login` and the wizard save it. */
async function saveCodexSignIn(store: AgentStore, r: CodexSignInResult, o: { profileId?: string } = {}) {
  const saved = await saveCredential(store, { credential: r.credential, defaultProfileId: r.profileId, ...(o.profileId ? { profileId: o.profileId } : {}), ...(r.email ? { email: r.email } : {}) });
  return { profileId: saved.profileId, replaced: saved.relation !== 'none' };
}
import { waitFor } from '../helpers/store-cli.js';

let fake: FakeOpenAiAuth;
let port: number;
let env: NodeJS.ProcessEnv;
let dir: string;
const sessions: CodexLoginSession[] = [];

beforeEach(async () => {
  fake = await startFakeOpenAiAuth();
  port = await freePort();
  dir = await mkdtemp(path.join(os.tmpdir(), 'oauth-codex-'));
  env = { CLAWDBOT_OPENAI_OAUTH_BASE_URL: fake.url, CLAWDBOT_OAUTH_CALLBACK_PORT: String(port), CLAWDBOT_STATE_DIR: dir, HOME: dir };
});
afterEach(async () => {
  for (const s of sessions.splice(0)) s.cancel();
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

async function start(timeoutMs = 20_000): Promise<CodexLoginSession> {
  const s = await startCodexLogin({ env, timeoutMs });
  sessions.push(s);
  return s;
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

function connectError(host: string, p: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port: p });
    sock.setTimeout(3000);
    sock.on('connect', () => {
      sock.destroy();
      resolve(undefined);
    });
    sock.on('timeout', () => {
      sock.destroy();
      resolve('ETIMEDOUT');
    });
    sock.on('error', (e: NodeJS.ErrnoException) => resolve(e.code));
  });
}

const loopback = (redirect: string) => redirect.replace('http://localhost:', 'http://127.0.0.1:');

describe('authorize URL', () => {
  it('carries the client id, S256 challenge, 32-byte state, scope and localhost redirect on the configured port', async () => {
    const s = await start();
    const u = new URL(s.authorizeUrl);
    expect(`${u.origin}${u.pathname}`).toBe(`${fake.url}/oauth/authorize`);
    const q = Object.fromEntries(u.searchParams);
    expect(q).toMatchObject({
      response_type: 'code',
      client_id: OPENAI_CODEX_CLIENT_ID,
      redirect_uri: `http://localhost:${port}/auth/callback`,
      scope: 'openid profile email offline_access',
      code_challenge_method: 'S256',
      id_token_add_organizations: 'true',
      codex_cli_simplified_flow: 'true',
    });
    expect(q.originator).toBeTruthy();
    expect(q.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.callbackPort).toBe(port);
    expect(s.deadline).toBeGreaterThan(Date.now());
  });
});

describe('callback server', () => {
  it('exchanges a good callback exactly once, answers success only after it, closes, and refuses replays', async () => {
    fake.exchangeDelayMs = 300;
    const s = await start();
    const redirect = loopback(await fake.authorize(s.authorizeUrl));
    const first = get(redirect);
    // While the exchange is in flight a second delivery is refused without a second exchange.
    await waitFor(() => fake.tokenRequests().length === 1, 'the token request', 5000);
    const during = await get(redirect);
    expect(during.status).toBe(409);
    const page = await first;
    expect(page.status).toBe(200);
    expect(page.body).toContain('Authentication successful');
    const r = await s.result;
    expect(fake.tokenRequests()).toHaveLength(1);
    const form = fake.tokenRequests()[0]!.form!;
    expect(form).toMatchObject({ grant_type: 'authorization_code', client_id: OPENAI_CODEX_CLIENT_ID, redirect_uri: `http://localhost:${port}/auth/callback` });
    const issued = fake.issued[0]!;
    expect(r.credential).toMatchObject({ type: 'oauth', provider: 'openai-codex', access: issued.access_token, refresh: issued.refresh_token, accountId: 'acct_1234567890', email: 'ada@example.com' });
    expect(Math.abs(r.credential.expires - (Date.now() + 3600_000))).toBeLessThan(10_000);
    expect(r.profileId).toBe('openai-codex:ada@example.com');
    // Port closed: a replay cannot even connect.
    await waitFor(async () => (await connectError('127.0.0.1', port)) === 'ECONNREFUSED', 'the port to close', 1000);
    expect(fake.tokenRequests()).toHaveLength(1);
  });

  it('answers 400 to a wrong or missing state, exchanges nothing, and keeps waiting', async () => {
    const s = await start();
    const redirect = new URL(loopback(await fake.authorize(s.authorizeUrl)));
    const wrong = new URL(redirect);
    wrong.searchParams.set('state', 'not-the-state');
    expect((await get(wrong.toString())).status).toBe(400);
    const missing = new URL(redirect);
    missing.searchParams.delete('state');
    expect((await get(missing.toString())).status).toBe(400);
    // A forged error with the wrong state cannot cancel the attempt either.
    expect((await get(`http://127.0.0.1:${port}/auth/callback?error=access_denied&state=nope`)).status).toBe(400);
    expect(fake.tokenRequests()).toHaveLength(0);
    expect((await get(redirect.toString())).status).toBe(200);
    await expect(s.result).resolves.toMatchObject({ accountId: 'acct_1234567890' });
  });

  it('gives 404 on other paths and keeps waiting', async () => {
    const s = await start();
    expect((await get(`http://127.0.0.1:${port}/`)).status).toBe(404);
    expect((await get(`http://127.0.0.1:${port}/cancel`)).status).toBe(404);
    expect((await get(`http://127.0.0.1:${port}/success`)).status).toBe(404);
    const redirect = loopback(await fake.authorize(s.authorizeUrl));
    expect((await get(redirect)).status).toBe(200);
    await s.result;
  });

  it('turns error=access_denied (with the right state) into a clean error and closes', async () => {
    const s = await start();
    const state = new URL(s.authorizeUrl).searchParams.get('state')!;
    const res = await get(`http://127.0.0.1:${port}/auth/callback?error=access_denied&state=${encodeURIComponent(state)}`);
    expect(res.status).toBe(400);
    await expect(s.result).rejects.toThrow(/declined in the browser \(access_denied\); nothing was saved/);
    await waitFor(async () => (await connectError('127.0.0.1', port)) === 'ECONNREFUSED', 'the port to close', 1000);
    expect(fake.tokenRequests()).toHaveLength(0);
  });

  it('times out: closes the server with a clear message and never exchanges', async () => {
    const s = await start(300);
    await expect(s.result).rejects.toThrow(/No sign-in arrived within .*nothing was saved/);
    expect(await connectError('127.0.0.1', port)).toBe('ECONNREFUSED');
    await expect(s.submitPaste('somecode')).rejects.toThrow(/over/);
    expect(fake.tokenRequests()).toHaveLength(0);
  });

  it('falls back to paste with one line when the port is in use', async () => {
    const blocker = http.createServer((_q, r) => r.end('other app'));
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', () => r()));
    try {
      const s = await start();
      expect(s.callbackPort).toBeNull();
      expect(s.callbackProblem).toBe(`port ${port} is in use; paste the redirect URL instead`);
      const redirect = await fake.authorize(s.authorizeUrl);
      await s.submitPaste(redirect);
      const r = await s.result;
      expect(r.credential.access).toBe(fake.issued[0]!.access_token);
      expect((await get(`http://127.0.0.1:${port}/`)).body).toBe('other app');
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });

  it('is not reachable on a non-loopback address of this machine', async (ctx) => {
    const addrs = Object.values(os.networkInterfaces())
      .flat()
      .filter((a): a is os.NetworkInterfaceInfo => Boolean(a) && !a!.internal && a!.family === 'IPv4');
    if (!addrs.length) {
      ctx.skip('no non-loopback IPv4 address on this machine');
      return;
    }
    const s = await start();
    expect(await connectError('127.0.0.1', port)).toBeUndefined();
    for (const a of addrs) expect(await connectError(a.address, port)).toBe('ECONNREFUSED');
    s.cancel();
  });
});

describe('paste', () => {
  async function pasteForm(make: (redirect: URL) => string) {
    const s = await start();
    const redirect = new URL(await fake.authorize(s.authorizeUrl));
    await s.submitPaste(make(redirect));
    const r = await s.result;
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(r.credential.refresh).toBe(fake.issued[0]!.refresh_token);
    // The exchange uses the same redirect_uri as the authorize request even for a paste.
    expect(fake.tokenRequests()[0]!.form!.redirect_uri).toBe(`http://localhost:${port}/auth/callback`);
  }
  it('accepts the full redirect URL', () => pasteForm((u) => `  ${u.toString()}\n`));
  it('accepts code#state', () => pasteForm((u) => `${u.searchParams.get('code')}#${u.searchParams.get('state')}`));
  it('accepts a code= query', () => pasteForm((u) => `?code=${u.searchParams.get('code')}&state=${u.searchParams.get('state')}`));
  it('accepts a bare code', () => pasteForm((u) => u.searchParams.get('code')!));

  it('rejects a pasted wrong state without ending the attempt', async () => {
    const s = await start();
    const redirect = new URL(await fake.authorize(s.authorizeUrl));
    await expect(s.submitPaste(`${redirect.searchParams.get('code')}#wrongstate`)).rejects.toThrow(/State mismatch/);
    await expect(s.submitPaste('   ')).rejects.toThrow(/Nothing was pasted/);
    expect(fake.tokenRequests()).toHaveLength(0);
    await s.submitPaste(redirect.toString());
    await s.result;
  });

  it('races the callback: whichever is first wins and the code is exchanged once', async () => {
    fake.exchangeDelayMs = 200;
    const s = await start();
    const redirect = await fake.authorize(s.authorizeUrl);
    const cb = get(loopback(redirect));
    await waitFor(() => fake.tokenRequests().length === 1, 'the token request', 5000);
    await s.submitPaste(redirect); // resolves with the same outcome, no second exchange
    expect((await cb).status).toBe(200);
    await s.result;
    expect(fake.tokenRequests()).toHaveLength(1);
  });
});

describe('token exchange errors', () => {
  it('reports invalid_grant clearly and shows a failure page, not success', async () => {
    fake.failNextExchange = { status: 400, body: { error: 'invalid_grant', error_description: 'Code expired' } };
    const s = await start();
    const page = await get(loopback(await fake.authorize(s.authorizeUrl)));
    expect(page.status).toBe(502);
    expect(page.body).not.toContain('successful');
    await expect(s.result).rejects.toThrow(/token exchange was refused \(invalid_grant: Code expired\)/);
  });

  it('reports a 500 and a response without refresh_token', async () => {
    fake.failNextExchange = { status: 500, body: 'oops' };
    let s = await start();
    await expect(s.submitPaste(await fake.authorize(s.authorizeUrl))).rejects.toThrow(/HTTP 500/);
    await expect(s.result).rejects.toThrow(/HTTP 500/);
    fake.failNextExchange = { status: 200, body: { access_token: 'eyJx.eyJ9.x', expires_in: 10 } };
    s = await start();
    await expect(s.submitPaste(await fake.authorize(s.authorizeUrl))).rejects.toThrow(/no refresh_token/);
  });

  it('never repeats the code or verifier an error body echoes back', async () => {
    const s = await start();
    const redirect = new URL(await fake.authorize(s.authorizeUrl));
    const code = redirect.searchParams.get('code')!;
    fake.failNextExchange = { status: 400, body: { error: 'invalid_request', error_description: `bad code ${code} for this client` } };
    const err = await s.submitPaste(redirect.toString()).then(() => undefined, (e: Error) => e);
    expect(err?.message).toMatch(/token exchange was refused \(invalid_request: bad code/);
    expect(err?.message).not.toContain(code);
  });

  it('reads the error shapes the refresh grant reads: {error: {code, message}} and {code, message}', async () => {
    fake.failNextExchange = { status: 400, body: { error: { code: 'invalid_request', message: 'Unknown client' } } };
    let s = await start();
    await expect(s.submitPaste(await fake.authorize(s.authorizeUrl))).rejects.toThrow(/refused \(invalid_request: Unknown client\)/);
    fake.failNextExchange = { status: 400, body: { code: 'token_exchange_user_error', message: 'Invalid request.' } };
    s = await start();
    await expect(s.submitPaste(await fake.authorize(s.authorizeUrl))).rejects.toThrow(/refused \(token_exchange_user_error: Invalid request\.\)/);
  });

  it('reports an unreachable token endpoint as a network problem', async () => {
    const deadPort = await freePort();
    env.CLAWDBOT_OPENAI_OAUTH_BASE_URL = `http://127.0.0.1:${deadPort}`;
    const s = await start();
    await expect(s.submitPaste('abc123code')).rejects.toThrow(/could not reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });
});

describe('device code', () => {
  it('polls at the server interval until approved, then exchanges with the deviceauth redirect', async () => {
    const s = await startCodexDeviceLogin({ env });
    expect(s.verificationUrl).toBe(`${fake.url}/codex/device`);
    expect(s.userCode).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
    expect(s.intervalMs).toBe(50);
    await waitFor(() => fake.requests.filter((r) => r.path === '/api/accounts/deviceauth/token').length >= 2, 'two device polls', 5000);
    fake.approveDevice(s.userCode);
    const r = await s.result;
    expect(r.credential.access).toBe(fake.issued[0]!.access_token);
    expect(fake.tokenRequests()[0]!.form!.redirect_uri).toBe(`${fake.url}/deviceauth/callback`);
    expect(fake.requests.find((q) => q.path === '/api/accounts/deviceauth/usercode')!.json).toEqual({ client_id: OPENAI_CODEX_CLIENT_ID });
  });

  it('backs off by 5 s on slow_down (RFC 8628)', async () => {
    fake.slowDownPolls = 1;
    const s = await startCodexDeviceLogin({ env });
    await waitFor(() => fake.slowDownPolls === 0, 'the slow_down answers', 5000);
    await waitFor(() => s.intervalMs === 5050, 'the longer interval', 5000);
    s.cancel();
    await expect(s.result).rejects.toThrow(/Cancelled/);
  });

  it('stops with a clear error when the server says the code expired', async () => {
    const s = await startCodexDeviceLogin({ env });
    fake.expireDevice();
    await expect(s.result).rejects.toThrow(/device code expired/);
    expect(fake.tokenRequests()).toHaveLength(0);
  });

  it('gives up by itself at the expiry time', async () => {
    fake.deviceExtra = { expires_in: 0.3 };
    const s = await startCodexDeviceLogin({ env });
    await expect(s.result).rejects.toThrow(/device code expired/);
  });

  it('can be cancelled', async () => {
    const s = await startCodexDeviceLogin({ env });
    s.cancel();
    await expect(s.result).rejects.toThrow(/Cancelled/);
  });
});

describe('saving a sign-in (saveCredential)', () => {
  it('writes exactly the issued tokens and updates the same account in place on a second sign-in', async () => {
    const store = openAgentStore('main', env);
    let s = await start();
    await s.submitPaste(await fake.authorize(s.authorizeUrl));
    const first = await saveCodexSignIn(store, await s.result);
    expect(first).toEqual({ profileId: 'openai-codex:ada@example.com', replaced: false });
    // Same account, renamed profile: the second sign-in finds it by account id.
    await store.update((doc) => {
      doc.profiles['openai-codex:work'] = doc.profiles['openai-codex:ada@example.com']!;
      delete doc.profiles['openai-codex:ada@example.com'];
      return true;
    });
    s = await start();
    await s.submitPaste(await fake.authorize(s.authorizeUrl));
    const second = await saveCodexSignIn(store, await s.result);
    expect(second).toEqual({ profileId: 'openai-codex:work', replaced: true });
    const doc = JSON.parse(await readFile(store.storePath, 'utf8'));
    expect(Object.keys(doc.profiles)).toEqual(['openai-codex:work']);
    expect(doc.profiles['openai-codex:work']).toMatchObject({ access: fake.issued[1]!.access_token, refresh: fake.issued[1]!.refresh_token });
    const cfg = JSON.parse(await readFile(store.configPath, 'utf8'));
    expect(cfg.auth.profiles['openai-codex:work']).toMatchObject({ provider: 'openai-codex', mode: 'oauth' });
  });

  it('an explicit profile id wins, and an invalid one is refused before writing', async () => {
    const store = openAgentStore('main', env);
    const s = await start();
    await s.submitPaste(await fake.authorize(s.authorizeUrl));
    const r = await s.result;
    await expect(saveCodexSignIn(store, r, { profileId: 'anthropic:x' })).rejects.toThrow(/Invalid profile id "anthropic:x": use openai-codex:<name>/);
    expect(await saveCodexSignIn(store, r, { profileId: 'openai-codex:work' })).toEqual({ profileId: 'openai-codex:work', replaced: false });
    const doc = JSON.parse(await readFile(store.storePath, 'utf8'));
    expect(Object.keys(doc.profiles)).toEqual(['openai-codex:work']);
  });

  it('uses openai-codex:default without an email, and does not overwrite a different account there', async () => {
    const store = openAgentStore('main', env);
    fake.account = { accountId: 'acct_A' };
    let s = await start();
    await s.submitPaste(await fake.authorize(s.authorizeUrl));
    expect((await saveCodexSignIn(store, await s.result)).profileId).toBe('openai-codex:default');
    fake.account = { accountId: 'acct_B' };
    s = await start();
    await s.submitPaste(await fake.authorize(s.authorizeUrl));
    const b = await saveCodexSignIn(store, await s.result);
    expect(b.profileId).not.toBe('openai-codex:default');
    const doc = JSON.parse(await readFile(store.storePath, 'utf8'));
    expect(doc.profiles['openai-codex:default'].accountId).toBe('acct_A');
    expect(doc.profiles[b.profileId].accountId).toBe('acct_B');
  });
});
