// OpenAI Codex (ChatGPT Plus/Pro) sign-in: authorization code + PKCE with a loopback callback
// server that races a pasted redirect, and the device-code variant for hosts without a browser.
// Every endpoint lives under $CLAWDBOT_OPENAI_OAUTH_BASE_URL so the flow runs against a local
// server in tests. Nothing here prints or writes files: saving goes through the store's saveCredential.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type OAuthCredential,
  CancelledError,
  ClawdbotError,
  UsageError,
  isValidProfileId,
  slugifyProfileName,
} from '../store/index.js';
import { redact, registerSecret } from '../util/redact.js';
import { formatDuration } from '../util/duration.js';
import { createPkce, randomState } from './pkce.js';
import { openAiAccountId, openAiEmail, jwtExpiryMs } from './jwt.js';
import { parseAuthorizationInput } from './paste.js';

export const OPENAI_CODEX_PROVIDER = 'openai-codex';
export const OPENAI_CODEX_CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann';
export const OPENAI_OAUTH_DEFAULT_BASE_URL = 'https://auth.openai.com';
export const OPENAI_OAUTH_SCOPE = 'openid profile email offline_access';
export const OPENAI_OAUTH_ORIGINATOR = 'clawdbot';
export const DEFAULT_CALLBACK_PORT = 1455;
export const CALLBACK_PATH = '/auth/callback';
/** How long the callback server (and the paste box) wait by default. */
export const DEFAULT_LOGIN_TIMEOUT_MS = 5 * 60_000;
/** Device codes expire after 15 minutes. */
export const DEVICE_CODE_TIMEOUT_MS = 15 * 60_000;
const HTTP_TIMEOUT_MS = 30_000;

export class OAuthTimeoutError extends ClawdbotError {
  override readonly code: string = 'timeout';
}
export class OAuthDeniedError extends ClawdbotError {
  override readonly code: string = 'access_denied';
}
export class TokenExchangeError extends ClawdbotError {
  override readonly code: string = 'exchange_failed';
  constructor(
    message: string,
    readonly status?: number,
    readonly oauthError?: string,
  ) {
    super(message);
  }
}

export interface CodexSignInResult {
  credential: OAuthCredential;
  email?: string;
  /** ChatGPT account id from the token's `https://api.openai.com/auth` claim; '' when the token has none. */
  accountId: string;
  profileId: string;
}

export interface CodexLoginSession {
  authorizeUrl: string;
  /** Port the loopback callback server listens on, or null when it could not bind (paste only). */
  callbackPort: number | null;
  /** One line when the callback server could not start, e.g. "port 1455 is in use; paste the redirect URL instead". */
  callbackProblem?: string;
  /** The redirect URI sent in the authorize URL and the exchange. */
  redirectUri: string;
  /**
   * Feed a pasted redirect URL / code#state / code=... / bare code; rejects with a UsageError for bad
   * input (unparseable, wrong state), which leaves the attempt running. Once a code is exchanged
   * the attempt is over either way: a failed exchange rejects both this call and `result`.
   */
  submitPaste(input: string): Promise<void>;
  /** Resolves once the code (from callback or paste, whichever is first) was exchanged exactly once. */
  result: Promise<CodexSignInResult>;
  /** Ms since epoch when the callback wait times out. */
  deadline: number;
  cancel(): void;
}

export interface CodexDeviceSession {
  verificationUrl: string;
  userCode: string;
  expiresAt: number;
  /** Seconds between polls, as the server asked. */
  intervalMs: number;
  result: Promise<CodexSignInResult>;
  cancel(): void;
}

export interface CodexLoginOptions {
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

export function openAiOAuthBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.CLAWDBOT_OPENAI_OAUTH_BASE_URL?.trim() || OPENAI_OAUTH_DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`CLAWDBOT_OPENAI_OAUTH_BASE_URL is not a URL ("${raw}"); set it to e.g. https://auth.openai.com or unset it.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`CLAWDBOT_OPENAI_OAUTH_BASE_URL must be an http(s) URL, not "${raw}".`);
  }
  return raw.replace(/\/+$/, '');
}

export function callbackPortFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.CLAWDBOT_OAUTH_CALLBACK_PORT?.trim();
  if (!raw) return DEFAULT_CALLBACK_PORT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new UsageError(`CLAWDBOT_OAUTH_CALLBACK_PORT must be a port number 1-65535, not "${raw}".`);
  }
  return n;
}

/** Login wait from the option, else $CLAWDBOT_OAUTH_TIMEOUT_MS, else 5 minutes. */
export function loginTimeoutMs(env: NodeJS.ProcessEnv = process.env, explicit?: number): number {
  if (explicit !== undefined && explicit > 0) return explicit;
  const n = Number(env.CLAWDBOT_OAUTH_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_LOGIN_TIMEOUT_MS;
}

export function buildAuthorizeUrl(args: { baseUrl: string; redirectUri: string; challenge: string; state: string }): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: OPENAI_CODEX_CLIENT_ID,
    redirect_uri: args.redirectUri,
    scope: OPENAI_OAUTH_SCOPE,
    code_challenge: args.challenge,
    code_challenge_method: 'S256',
    state: args.state,
    id_token_add_organizations: 'true',
    codex_cli_simplified_flow: 'true',
    originator: OPENAI_OAUTH_ORIGINATOR,
  });
  return `${args.baseUrl}/oauth/authorize?${params.toString()}`;
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers

async function readJson(res: Response): Promise<Record<string, unknown> | undefined> {
  const text = await res.text().catch(() => '');
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function oauthErrorOf(body: Record<string, unknown> | undefined): { error?: string; description?: string } {
  if (!body) return {};
  const err = body.error;
  if (err && typeof err === 'object') {
    const e = err as Record<string, unknown>;
    return {
      error: typeof e.code === 'string' ? e.code : typeof e.type === 'string' ? e.type : undefined,
      description: typeof e.message === 'string' ? e.message : undefined,
    };
  }
  return {
    error: typeof err === 'string' ? err : undefined,
    description: typeof body.error_description === 'string' ? body.error_description : undefined,
  };
}

function networkProblem(err: unknown, what: string, url: string): ClawdbotError {
  if (err instanceof ClawdbotError) return err;
  const e = err as { name?: string; cause?: { code?: string; message?: string }; message?: string };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return new ClawdbotError(`${what} timed out talking to ${new URL(url).origin}; check the network and try again.`);
  }
  const detail = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
  return new ClawdbotError(`${what} failed: could not reach ${new URL(url).origin} (${redact(String(detail))}); check the network and try again.`);
}

async function postForm(fetchImpl: typeof fetch, url: string, form: Record<string, string>, signal?: AbortSignal): Promise<Response> {
  return fetchImpl(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
    signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(HTTP_TIMEOUT_MS)]) : AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
}

async function postJson(fetchImpl: typeof fetch, url: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetchImpl(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
    signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(HTTP_TIMEOUT_MS)]) : AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
}

// ---------------------------------------------------------------------------------------------
// Token exchange

export interface CodexTokenResponse {
  access_token: string;
  refresh_token: string;
  id_token?: string;
  expires_in?: number;
  [extra: string]: unknown;
}

/** POST {base}/oauth/token (form-encoded, grant_type=authorization_code). */
export async function exchangeAuthorizationCode(args: {
  baseUrl: string;
  code: string;
  verifier: string;
  redirectUri: string;
  fetchImpl?: typeof fetch;
  signal?: AbortSignal;
}): Promise<CodexTokenResponse> {
  const url = `${args.baseUrl}/oauth/token`;
  registerSecret(args.code);
  registerSecret(args.verifier);
  let res: Response;
  try {
    res = await postForm(
      args.fetchImpl ?? fetch,
      url,
      {
        grant_type: 'authorization_code',
        client_id: OPENAI_CODEX_CLIENT_ID,
        code: args.code,
        code_verifier: args.verifier,
        redirect_uri: args.redirectUri,
      },
      args.signal,
    );
  } catch (err) {
    throw networkProblem(err, 'The token exchange', url);
  }
  const body = await readJson(res);
  if (!res.ok) {
    const { error, description } = oauthErrorOf(body);
    const what = error ? `${error}${description ? `: ${description}` : ''}` : `HTTP ${res.status}`;
    const advice =
      error === 'invalid_grant'
        ? 'the code was already used, expired or belongs to another attempt; run the login again'
        : 'run the login again, or try --device';
    throw new TokenExchangeError(redact(`The token exchange was refused (${what}); ${advice}.`), res.status, error);
  }
  if (!body) throw new TokenExchangeError(`The token endpoint answered HTTP ${res.status} without JSON; run the login again.`, res.status);
  const access = body.access_token;
  const refresh = body.refresh_token;
  if (typeof access !== 'string' || !access) throw new TokenExchangeError('The token response has no access_token; run the login again.', res.status);
  if (typeof refresh !== 'string' || !refresh) throw new TokenExchangeError('The token response has no refresh_token; run the login again.', res.status);
  registerSecret(access);
  registerSecret(refresh);
  if (typeof body.id_token === 'string') registerSecret(body.id_token);
  const expiresIn = typeof body.expires_in === 'string' ? Number(body.expires_in) : body.expires_in;
  return { ...body, access_token: access, refresh_token: refresh, expires_in: typeof expiresIn === 'number' && Number.isFinite(expiresIn) ? expiresIn : undefined };
}

/** Turn a token response into the stored credential and its labels. */
export function signInResultFromTokens(tokens: CodexTokenResponse, now = Date.now()): CodexSignInResult {
  const expires =
    tokens.expires_in !== undefined && tokens.expires_in > 0 ? now + tokens.expires_in * 1000 : jwtExpiryMs(tokens.access_token);
  if (expires === undefined) {
    throw new TokenExchangeError('The token response says nothing about when the access token expires (no expires_in); run the login again.');
  }
  const accountId = openAiAccountId(tokens.access_token) ?? openAiAccountId(tokens.id_token) ?? '';
  const email = openAiEmail(tokens.id_token) ?? openAiEmail(tokens.access_token);
  const credential: OAuthCredential = {
    type: 'oauth',
    provider: OPENAI_CODEX_PROVIDER,
    access: tokens.access_token,
    refresh: tokens.refresh_token,
    expires,
  };
  if (accountId) credential.accountId = accountId;
  if (email) credential.email = email;
  const profileId = `${OPENAI_CODEX_PROVIDER}:${email ? slugifyProfileName(email) : 'default'}`;
  return { credential, email, accountId, profileId: isValidProfileId(profileId) ? profileId : `${OPENAI_CODEX_PROVIDER}:default` };
}

// ---------------------------------------------------------------------------------------------
// Loopback sign-in

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function page(title: string, body: string): string {
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body style="font-family:sans-serif;margin:3em"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></body></html>`
  );
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    // 127.0.0.1 only: never reachable from another machine (RFC 8252 §8.3).
    server.listen({ port, host: '127.0.0.1', exclusive: true });
  });
}

/**
 * Start a sign-in: PKCE + state, the authorize URL, and the callback server on 127.0.0.1. The
 * caller shows the URL (and maybe opens a browser) and feeds pasted input to submitPaste.
 */
export async function startCodexLogin(opts: CodexLoginOptions = {}): Promise<CodexLoginSession> {
  const env = opts.env ?? process.env;
  const fetchImpl = opts.fetchImpl ?? fetch;
  const baseUrl = openAiOAuthBaseUrl(env);
  const port = callbackPortFromEnv(env);
  const timeoutMs = loginTimeoutMs(env, opts.timeoutMs);
  const pkce = createPkce();
  const state = randomState();
  registerSecret(pkce.verifier);
  const redirectUri = `http://localhost:${port}${CALLBACK_PATH}`;
  const authorizeUrl = buildAuthorizeUrl({ baseUrl, redirectUri, challenge: pkce.challenge, state });

  const outcome = deferred<CodexSignInResult>();
  outcome.promise.catch(() => {}); // the caller may never await a failed session
  const abort = new AbortController();
  let claimed = false; // a code is being (or was) exchanged: never a second exchange
  let finished = false;
  let timer: NodeJS.Timeout | undefined;

  const server = http.createServer();
  let callbackPort: number | null = null;
  let callbackProblem: string | undefined;
  try {
    callbackPort = await listen(server, port);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    callbackProblem =
      code === 'EADDRINUSE'
        ? `port ${port} is in use; paste the redirect URL instead`
        : code === 'EACCES'
          ? `port ${port} is not allowed here; paste the redirect URL instead`
          : `the callback server could not start on 127.0.0.1:${port} (${code ?? 'error'}); paste the redirect URL instead`;
  }

  const closeServer = () => {
    if (callbackPort === null) return;
    server.close();
    server.closeAllConnections();
  };

  const finish = (err: unknown, value?: CodexSignInResult) => {
    if (finished) return;
    finished = true;
    if (timer) clearTimeout(timer);
    closeServer();
    if (err) outcome.reject(err);
    else outcome.resolve(value!);
  };

  const exchange = async (code: string): Promise<CodexSignInResult> => {
    const tokens = await exchangeAuthorizationCode({ baseUrl, code, verifier: pkce.verifier, redirectUri, fetchImpl, signal: abort.signal });
    return signInResultFromTokens(tokens);
  };

  server.on('request', (req, res) => {
    const send = (status: number, title: string, body: string) => {
      if (res.headersSent) return;
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', connection: 'close', 'cache-control': 'no-store' });
      res.end(page(title, body));
    };
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      return send(400, 'Bad request', 'Malformed URL.');
    }
    if (url.pathname !== CALLBACK_PATH) return send(404, 'Not found', 'Not found.');
    if (req.method !== 'GET') return send(405, 'Method not allowed', 'Use GET.');
    const gotState = url.searchParams.get('state');
    // A request without this attempt's state cannot end or cancel the attempt: 400, keep waiting.
    if (gotState !== state) return send(400, 'State mismatch', 'This sign-in link does not belong to the waiting clawdbot login. Start again from your terminal.');
    if (claimed || finished) return send(409, 'Already used', 'This sign-in was already completed or is being completed. Return to your terminal.');
    const error = url.searchParams.get('error');
    if (error) {
      const description = url.searchParams.get('error_description');
      send(400, 'Sign-in cancelled', 'Nothing was saved. Return to your terminal.');
      finish(
        new OAuthDeniedError(
          error === 'access_denied'
            ? 'Sign-in was declined in the browser (access_denied); nothing was saved. Run the login again to retry.'
            : redact(`The provider returned an error (${error}${description ? `: ${description}` : ''}); nothing was saved. Run the login again.`),
        ),
      );
      return;
    }
    const code = url.searchParams.get('code');
    if (!code) return send(400, 'Missing authorization code', 'The redirect has no code. Start again from your terminal.');
    claimed = true;
    registerSecret(code);
    exchange(code).then(
      (result) => {
        // Success is shown only after the exchange succeeded.
        res.on('finish', () => finish(undefined, result));
        send(200, 'Signed in', 'Authentication successful. Return to your terminal to continue.');
        if (res.writableFinished) finish(undefined, result);
      },
      (err) => {
        send(502, 'Sign-in failed', `${err instanceof ClawdbotError ? err.message : 'The token exchange failed.'} Return to your terminal.`);
        finish(err);
      },
    );
  });

  timer = setTimeout(() => {
    if (claimed) return; // an exchange is in flight; its own HTTP timeout ends it
    finish(
      new OAuthTimeoutError(
        `No sign-in arrived within ${formatDuration(timeoutMs)}${callbackPort !== null ? ' (callback server closed)' : ''}; nothing was saved. Run the login again, or use --device.`,
      ),
    );
  }, timeoutMs);
  timer.unref?.();

  const submitPaste = async (input: string): Promise<void> => {
    if (finished) {
      if (claimed) return outcome.promise.then(() => undefined);
      throw new UsageError('This sign-in attempt is over; run the login again.');
    }
    const { code } = parseAuthorizationInput(input, state);
    if (claimed) {
      await outcome.promise;
      return;
    }
    claimed = true;
    registerSecret(code);
    try {
      const result = await exchange(code);
      finish(undefined, result);
    } catch (err) {
      finish(err);
      throw err;
    }
  };

  return {
    authorizeUrl,
    callbackPort,
    callbackProblem,
    redirectUri,
    submitPaste,
    result: outcome.promise,
    deadline: Date.now() + timeoutMs,
    cancel: () => {
      abort.abort();
      finish(new CancelledError());
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Device code

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new CancelledError());
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new CancelledError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The server sends the interval as a string of seconds ("5"); fall back to 5 s. */
export function parseDeviceInterval(raw: unknown): number {
  const n = typeof raw === 'string' ? Number.parseFloat(raw) : typeof raw === 'number' ? raw : NaN;
  if (!Number.isFinite(n) || n < 0) return 5000;
  return Math.max(50, Math.round(n * 1000));
}

export async function startCodexDeviceLogin(
  opts: { env?: NodeJS.ProcessEnv; fetchImpl?: typeof fetch; timeoutMs?: number; /** Ends the code request too (Esc while it is pending). */ signal?: AbortSignal } = {},
): Promise<CodexDeviceSession> {
  const env = opts.env ?? process.env;
  const fetchImpl = opts.fetchImpl ?? fetch;
  const baseUrl = openAiOAuthBaseUrl(env);
  const abort = new AbortController();
  const userCodeUrl = `${baseUrl}/api/accounts/deviceauth/usercode`;
  let res: Response;
  try {
    res = await postJson(fetchImpl, userCodeUrl, { client_id: OPENAI_CODEX_CLIENT_ID }, opts.signal);
  } catch (err) {
    if (opts.signal?.aborted) throw new CancelledError();
    throw networkProblem(err, 'Requesting a device code', userCodeUrl);
  }
  const body = await readJson(res);
  if (!res.ok || !body) {
    const { error, description } = oauthErrorOf(body);
    throw new ClawdbotError(
      redact(`Requesting a device code was refused (${error ? `${error}${description ? `: ${description}` : ''}` : `HTTP ${res.status}`}); try the browser sign-in without --device.`),
    );
  }
  const deviceAuthId = body.device_auth_id;
  const userCode = typeof body.user_code === 'string' ? body.user_code : body.usercode;
  if (typeof deviceAuthId !== 'string' || typeof userCode !== 'string' || !deviceAuthId || !userCode) {
    throw new ClawdbotError('The device-code response has no device_auth_id or user_code; try the browser sign-in without --device.');
  }
  let intervalMs = parseDeviceInterval(body.interval);
  const serverExpiresIn = Number(body.expires_in);
  const lifetime =
    opts.timeoutMs ?? (Number.isFinite(serverExpiresIn) && serverExpiresIn > 0 ? serverExpiresIn * 1000 : DEVICE_CODE_TIMEOUT_MS);
  const expiresAt = Date.now() + lifetime;
  const verificationUrl =
    typeof body.verification_uri === 'string' && body.verification_uri ? body.verification_uri : `${baseUrl}/codex/device`;
  const expired = () =>
    new OAuthTimeoutError(`The device code expired before it was approved (after ${formatDuration(lifetime)}); nothing was saved. Run the login again.`);

  const poll = async (): Promise<CodexSignInResult> => {
    const tokenUrl = `${baseUrl}/api/accounts/deviceauth/token`;
    for (;;) {
      await sleep(Math.min(intervalMs, Math.max(0, expiresAt - Date.now())), abort.signal);
      if (Date.now() >= expiresAt) throw expired();
      let r: Response;
      try {
        r = await postJson(fetchImpl, tokenUrl, { device_auth_id: deviceAuthId, user_code: userCode }, abort.signal);
      } catch (err) {
        if (abort.signal.aborted) throw new CancelledError();
        throw networkProblem(err, 'Polling for device approval', tokenUrl);
      }
      const b = await readJson(r);
      if (r.status === 403 || r.status === 404) continue; // still pending
      const { error, description } = oauthErrorOf(b);
      if (error === 'authorization_pending') continue;
      if (error === 'slow_down') {
        intervalMs += 5000; // RFC 8628 §3.5
        continue;
      }
      if (r.status === 410 || (error && /expired/i.test(error))) throw expired();
      if (error === 'access_denied') throw new OAuthDeniedError('The device sign-in was declined; nothing was saved. Run the login again to retry.');
      if (!r.ok || !b) {
        throw new ClawdbotError(
          redact(`Polling for device approval failed (${error ? `${error}${description ? `: ${description}` : ''}` : `HTTP ${r.status}`}); run the login again.`),
        );
      }
      const code = b.authorization_code;
      const verifier = b.code_verifier;
      if (typeof code !== 'string' || typeof verifier !== 'string' || !code || !verifier) {
        throw new ClawdbotError('The approved device code came back without authorization_code or code_verifier; run the login again.');
      }
      const tokens = await exchangeAuthorizationCode({
        baseUrl,
        code,
        verifier,
        redirectUri: `${baseUrl}/deviceauth/callback`,
        fetchImpl,
        signal: abort.signal,
      });
      return signInResultFromTokens(tokens);
    }
  };

  opts.signal?.addEventListener('abort', () => abort.abort(), { once: true });
  const result = poll();
  result.catch(() => {});
  return {
    verificationUrl,
    userCode,
    expiresAt,
    get intervalMs() {
      return intervalMs;
    },
    result,
    cancel: () => abort.abort(),
  };
}
