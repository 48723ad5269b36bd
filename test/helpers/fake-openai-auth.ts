// A loopback stand-in for auth.openai.com: /oauth/authorize (auto-approves and redirects like a
// signed-in browser would), /oauth/token (authorization_code, checks PKCE, single-use codes,
// redirect_uri), and the device-code endpoints. Every request is recorded.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: string;
  form?: Record<string, string>;
  json?: Record<string, unknown>;
}

export interface IssuedTokens {
  access_token: string;
  refresh_token: string;
  id_token: string;
  expires_in: number;
}

export interface FakeAccount {
  email?: string;
  accountId?: string;
}

interface PendingCode {
  challenge: string;
  redirectUri: string;
  used: boolean;
}

interface DeviceEntry {
  userCode: string;
  state: 'pending' | 'approved' | 'denied' | 'expired';
  verifier?: string;
}

function b64url(buf: Buffer | string): string {
  return Buffer.from(buf).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function makeJwt(payload: Record<string, unknown>): string {
  return `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}.${b64url(randomBytes(16))}`;
}

export interface FakeOpenAiAuth {
  url: string;
  requests: RecordedRequest[];
  /** Every token response this server sent, in order. */
  issued: IssuedTokens[];
  account: FakeAccount;
  expiresIn: number;
  /** When set, the next token exchange answers with this instead (then it is cleared). */
  failNextExchange?: { status: number; body: unknown };
  /** Delay before answering a token exchange, ms. */
  exchangeDelayMs: number;
  /** The device `interval` string sent to clients. */
  deviceInterval: string;
  /** Extra fields merged into the usercode response (e.g. expires_in). */
  deviceExtra: Record<string, unknown>;
  /** Answer this many pending polls with 400 slow_down instead of 403. */
  slowDownPolls: number;
  tokenRequests(): RecordedRequest[];
  approveDevice(userCode?: string): void;
  denyDevice(userCode?: string): void;
  expireDevice(userCode?: string): void;
  devices(): DeviceEntry[];
  /** Follow the authorize URL as a signed-in browser: returns the redirect Location. */
  authorize(authorizeUrl: string): Promise<string>;
  close(): Promise<void>;
}

export async function startFakeOpenAiAuth(opts: { account?: FakeAccount; expiresIn?: number } = {}): Promise<FakeOpenAiAuth> {
  const codes = new Map<string, PendingCode>();
  const devices = new Map<string, DeviceEntry>();
  const requests: RecordedRequest[] = [];
  const issued: IssuedTokens[] = [];
  const server = http.createServer();

  const fake: FakeOpenAiAuth = {
    url: '',
    requests,
    issued,
    account: opts.account ?? { email: 'ada@example.com', accountId: 'acct_1234567890' },
    expiresIn: opts.expiresIn ?? 3600,
    exchangeDelayMs: 0,
    deviceInterval: '0.05',
    deviceExtra: {},
    slowDownPolls: 0,
    tokenRequests: () => requests.filter((r) => r.path === '/oauth/token'),
    approveDevice: (code) => setDevice(code, 'approved'),
    denyDevice: (code) => setDevice(code, 'denied'),
    expireDevice: (code) => setDevice(code, 'expired'),
    devices: () => [...devices.values()],
    authorize: async (authorizeUrl) => {
      const res = await fetch(authorizeUrl, { redirect: 'manual' });
      const loc = res.headers.get('location');
      if (res.status !== 302 || !loc) throw new Error(`authorize answered ${res.status}: ${await res.text()}`);
      return loc;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  function setDevice(code: string | undefined, state: DeviceEntry['state']) {
    for (const d of devices.values()) if (!code || d.userCode === code) d.state = state;
  }

  function issueTokens(): IssuedTokens {
    const now = Math.floor(Date.now() / 1000);
    const auth: Record<string, unknown> = { chatgpt_plan_type: 'plus' };
    if (fake.account.accountId) auth.chatgpt_account_id = fake.account.accountId;
    const access = makeJwt({
      iss: fake.url,
      exp: now + fake.expiresIn,
      'https://api.openai.com/auth': auth,
      ...(fake.account.email ? { 'https://api.openai.com/profile': { email: fake.account.email } } : {}),
      nonce: b64url(randomBytes(8)),
    });
    const idToken = makeJwt({ exp: now + fake.expiresIn, ...(fake.account.email ? { email: fake.account.email } : {}), 'https://api.openai.com/auth': auth });
    const t = { access_token: access, refresh_token: `rt_${b64url(randomBytes(24))}`, id_token: idToken, expires_in: fake.expiresIn };
    issued.push(t);
    return t;
  }

  function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = Buffer.concat(chunks).toString('utf8');
      const rec: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
      };
      const ctype = String(req.headers['content-type'] ?? '');
      if (ctype.includes('application/x-www-form-urlencoded')) rec.form = Object.fromEntries(new URLSearchParams(body));
      if (ctype.includes('application/json') && body) {
        try {
          rec.json = JSON.parse(body) as Record<string, unknown>;
        } catch {
          /* recorded raw */
        }
      }
      requests.push(rec);
      void handle(rec, res);
    });
  });

  async function handle(rec: RecordedRequest, res: http.ServerResponse) {
    if (rec.method === 'GET' && rec.path === '/oauth/authorize') {
      const q = rec.query;
      if (q.client_id !== 'app_EMoamEEZ73f0CkXaXp7hrann' || q.response_type !== 'code' || q.code_challenge_method !== 'S256' || !q.code_challenge) {
        return send(res, 400, { error: 'invalid_request' });
      }
      const code = `ac_${b64url(randomBytes(18))}`;
      codes.set(code, { challenge: q.code_challenge, redirectUri: q.redirect_uri ?? '', used: false });
      const target = new URL(q.redirect_uri ?? '');
      target.searchParams.set('code', code);
      if (q.state) target.searchParams.set('state', q.state);
      return send(res, 302, '', { location: target.toString() });
    }
    if (rec.method === 'POST' && rec.path === '/oauth/token') {
      if (fake.exchangeDelayMs) await new Promise((r) => setTimeout(r, fake.exchangeDelayMs));
      if (fake.failNextExchange) {
        const f = fake.failNextExchange;
        fake.failNextExchange = undefined;
        return send(res, f.status, f.body);
      }
      const f = rec.form ?? {};
      if (f.grant_type !== 'authorization_code') return send(res, 400, { error: 'unsupported_grant_type' });
      if (f.client_id !== 'app_EMoamEEZ73f0CkXaXp7hrann') return send(res, 401, { error: 'invalid_client' });
      const entry = f.code ? codes.get(f.code) : undefined;
      if (!entry || entry.used) return send(res, 400, { error: 'invalid_grant', error_description: 'Invalid or used authorization code' });
      entry.used = true;
      if (entry.redirectUri !== f.redirect_uri) return send(res, 400, { error: 'invalid_grant', error_description: "Invalid 'redirect_uri' in request" });
      const challenge = b64url(createHash('sha256').update(f.code_verifier ?? '').digest());
      if (challenge !== entry.challenge) return send(res, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
      return send(res, 200, { ...issueTokens(), token_type: 'Bearer', scope: 'openid profile email offline_access' });
    }
    if (rec.method === 'POST' && rec.path === '/api/accounts/deviceauth/usercode') {
      if (rec.json?.client_id !== 'app_EMoamEEZ73f0CkXaXp7hrann') return send(res, 400, { error: 'invalid_client' });
      const id = `dev_${b64url(randomBytes(12))}`;
      const userCode = `${randomBytes(2).toString('hex').toUpperCase()}-${randomBytes(2).toString('hex').toUpperCase()}`;
      devices.set(id, { userCode, state: 'pending' });
      return send(res, 200, { device_auth_id: id, user_code: userCode, interval: fake.deviceInterval, ...fake.deviceExtra });
    }
    if (rec.method === 'POST' && rec.path === '/api/accounts/deviceauth/token') {
      const d = devices.get(String(rec.json?.device_auth_id ?? ''));
      if (!d || d.userCode !== rec.json?.user_code) return send(res, 400, { error: 'invalid_request' });
      if (d.state === 'pending' && fake.slowDownPolls > 0) {
        fake.slowDownPolls--;
        return send(res, 400, { error: 'slow_down' });
      }
      if (d.state === 'pending') return send(res, 403, { error: 'authorization_pending' });
      if (d.state === 'denied') return send(res, 400, { error: 'access_denied' });
      if (d.state === 'expired') return send(res, 410, { error: 'expired_token' });
      if (!d.verifier) {
        d.verifier = b64url(randomBytes(32));
        const code = `dc_${b64url(randomBytes(18))}`;
        const challenge = b64url(createHash('sha256').update(d.verifier).digest());
        codes.set(code, { challenge, redirectUri: `${fake.url}/deviceauth/callback`, used: false });
        return send(res, 200, { authorization_code: code, code_verifier: d.verifier, code_challenge: challenge });
      }
      return send(res, 400, { error: 'invalid_request', error_description: 'already redeemed' });
    }
    return send(res, 404, { error: 'not_found' });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
