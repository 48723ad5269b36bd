// The device-code sign-in for hosts without a browser: ask for a user code, show it with the
// verification URL, poll until the user approves it elsewhere, then exchange the code the
// approval returns (same token step as the browser sign-in).
import { CancelledError, ClawdbotError } from '../../util/errors.js';
import { redact } from '../../util/redact.js';
import { formatDuration } from '../../util/duration.js';
import { oauthErrorText, parseOAuthError, postTokenEndpoint } from '../token-endpoint.js';
import { DEVICE_CODE_TIMEOUT_MS, OPENAI_CODEX_CLIENT_ID, openAiOAuthBaseUrl } from './config.js';
import { OAuthDeniedError, OAuthTimeoutError, unreachable } from './errors.js';
import { exchangeAuthorizationCode } from './code-exchange.js';
import { type CodexSignInResult, signInResultFromTokens } from './token-data.js';

export interface CodexDeviceSession {
  verificationUrl: string;
  userCode: string;
  expiresAt: number;
  /** Seconds between polls, as the server asked. */
  intervalMs: number;
  result: Promise<CodexSignInResult>;
  cancel(): void;
}

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
  const answer = await postTokenEndpoint(userCodeUrl, { json: { client_id: OPENAI_CODEX_CLIENT_ID } }, { fetchImpl, signal: opts.signal });
  if (!answer.reached) {
    if (opts.signal?.aborted) throw new CancelledError();
    throw unreachable('Requesting a device code', userCodeUrl, answer);
  }
  const body = answer.body;
  if (!answer.ok || !body) {
    throw new ClawdbotError(
      redact(`Requesting a device code was refused (${oauthErrorText(parseOAuthError(body), answer.status)}); try the browser sign-in without --device.`),
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
      const r = await postTokenEndpoint(tokenUrl, { json: { device_auth_id: deviceAuthId, user_code: userCode } }, { fetchImpl, signal: abort.signal });
      if (!r.reached) {
        if (abort.signal.aborted) throw new CancelledError();
        throw unreachable('Polling for device approval', tokenUrl, r);
      }
      if (r.status === 403 || r.status === 404) continue; // still pending
      const err = parseOAuthError(r.body);
      if (err.error === 'authorization_pending') continue;
      if (err.error === 'slow_down') {
        intervalMs += 5000; // RFC 8628 §3.5
        continue;
      }
      if (r.status === 410 || (err.error && /expired/i.test(err.error))) throw expired();
      if (err.error === 'access_denied') throw new OAuthDeniedError('The device sign-in was declined; nothing was saved. Run the login again to retry.');
      if (!r.ok || !r.body) {
        throw new ClawdbotError(redact(`Polling for device approval failed (${oauthErrorText(err, r.status)}); run the login again.`));
      }
      const code = r.body.authorization_code;
      const verifier = r.body.code_verifier;
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
