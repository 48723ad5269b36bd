// A loopback OAuth token server for refresh tests (node:http on 127.0.0.1, port 0). It behaves
// like the real ones where it matters: every refresh rotates the refresh token, a spent or unknown
// refresh token gets 400 invalid_grant, and it counts what it was asked.
//   POST /oauth/token      openai-codex style (form body)
//   POST /v1/oauth/token   anthropic style (JSON body)
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TokenRequestRecord {
  path: string;
  contentType: string;
  body: Record<string, string>;
  at: number;
}

export interface RefreshTokenServer {
  url: string;
  /** Refresh requests received (both paths). */
  readonly requests: TokenRequestRecord[];
  readonly invalidGrants: number;
  /** The refresh token currently accepted, and the access token issued last. */
  readonly currentRefresh: string | undefined;
  readonly lastAccess: string | undefined;
  /** Make `refresh` the one valid token (the server forgets the others). */
  accept(refresh: string): void;
  /** Answer the next `n` requests with this status (default 500) without rotating. */
  failNext(n: number, status?: number, body?: string): void;
  /** Answer the next request `ms` late (its refresh token is spent on arrival, as a real server's is). */
  delayNext(ms: number): void;
  /** Never answer (until close) - a hung endpoint. */
  hang(on: boolean): void;
  /** Account id put in the access-token JWT claim (openai-codex). */
  accountId: string | undefined;
  /** Do not send refresh_token in the answer (Anthropic sometimes does this). */
  omitRefresh: boolean;
  /** Seconds the issued access token lives. */
  expiresIn: number;
  /** Echo the refresh token in the error body (to test redaction). */
  echoTokenInErrors: boolean;
  close(): Promise<void>;
}

function b64url(obj: unknown): string {
  return Buffer.from(JSON.stringify(obj)).toString('base64url');
}

/** A JWT-shaped access token (unsigned) with exp and, optionally, iat and the OpenAI account claim. */
export function makeAccessJwt(n: number, expSeconds: number, accountId?: string, iatSeconds?: number): string {
  const payload: Record<string, unknown> = { sub: `user-${n}`, exp: expSeconds, n, ...(iatSeconds !== undefined ? { iat: iatSeconds } : {}) };
  if (accountId) payload['https://api.openai.com/auth'] = { chatgpt_account_id: accountId };
  return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload)}.sig${n}`;
}

export async function startRefreshTokenServer(): Promise<RefreshTokenServer> {
  let valid: string | undefined;
  let lastAccess: string | undefined;
  let counter = 0;
  let invalidGrants = 0;
  let failures: { left: number; status: number; body?: string } = { left: 0, status: 500 };
  let hanging = false;
  let nextDelayMs = 0;
  const hung: http.ServerResponse[] = [];
  const requests: TokenRequestRecord[] = [];

  const state = {
    accountId: undefined as string | undefined,
    omitRefresh: false,
    expiresIn: 3600,
    echoTokenInErrors: false,
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      if (req.method !== 'POST' || (url !== '/oauth/token' && url !== '/v1/oauth/token')) {
        res.writeHead(404).end('not found');
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      const contentType = String(req.headers['content-type'] ?? '');
      let body: Record<string, string>;
      if (contentType.includes('application/json')) {
        try {
          body = JSON.parse(raw) as Record<string, string>;
        } catch {
          body = {};
        }
      } else body = Object.fromEntries(new URLSearchParams(raw));
      requests.push({ path: url, contentType, body, at: Date.now() });
      if (hanging) {
        hung.push(res);
        return;
      }
      if (failures.left > 0) {
        failures.left--;
        res.writeHead(failures.status, { 'content-type': 'application/json' });
        res.end(failures.body ?? JSON.stringify({ error: 'server_error', error_description: 'try later' }));
        return;
      }
      const delayMs = nextDelayMs;
      nextDelayMs = 0;
      const json = (status: number, v: unknown) => {
        const send = () => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(v));
        };
        if (delayMs > 0) setTimeout(send, delayMs);
        else send();
      };
      if (body.grant_type !== 'refresh_token') return json(400, { error: 'unsupported_grant_type' });
      if (!body.refresh_token || body.refresh_token !== valid) {
        invalidGrants++;
        const echo = state.echoTokenInErrors ? ` (got refresh_token=${body.refresh_token})` : '';
        return json(400, { error: 'invalid_grant', error_description: `Refresh token not found or already used${echo}` });
      }
      counter++;
      const access = url === '/oauth/token' ? makeAccessJwt(counter, Math.floor(Date.now() / 1000) + state.expiresIn, state.accountId, Math.floor(Date.now() / 1000)) : `sk-ant-oat01-access-${counter}-${'x'.repeat(24)}`;
      const nextRefresh = url === '/oauth/token' ? `rt-codex-${counter}-${'y'.repeat(24)}` : `sk-ant-ort01-refresh-${counter}-${'z'.repeat(24)}`;
      lastAccess = access;
      if (!state.omitRefresh) valid = nextRefresh; // rotate: the old one is now spent
      json(200, {
        access_token: access,
        ...(state.omitRefresh ? {} : { refresh_token: nextRefresh }),
        expires_in: state.expiresIn,
        token_type: 'Bearer',
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get invalidGrants() {
      return invalidGrants;
    },
    get currentRefresh() {
      return valid;
    },
    get lastAccess() {
      return lastAccess;
    },
    accept(refresh: string) {
      valid = refresh;
    },
    delayNext(ms: number) {
      nextDelayMs = ms;
    },
    failNext(n: number, status = 500, body?: string) {
      failures = { left: n, status, body };
    },
    hang(on: boolean) {
      hanging = on;
    },
    get accountId() {
      return state.accountId;
    },
    set accountId(v) {
      state.accountId = v;
    },
    get omitRefresh() {
      return state.omitRefresh;
    },
    set omitRefresh(v) {
      state.omitRefresh = v;
    },
    get expiresIn() {
      return state.expiresIn;
    },
    set expiresIn(v) {
      state.expiresIn = v;
    },
    get echoTokenInErrors() {
      return state.echoTokenInErrors;
    },
    set echoTokenInErrors(v) {
      state.echoTokenInErrors = v;
    },
    async close() {
      for (const r of hung) r.destroy();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
