// The refresh-grant HTTP calls: one request, classified. No retries and no storage here; the
// single-flight, retrying, storing logic is src/auth/refresh.ts.
// - openai-codex: POST <base>/oauth/token, form body (what pi sends); tokens rotate.
// - anthropic:    POST <base>/v1/oauth/token, JSON, no `scope` (a scope gets invalid_scope); the
//   response may omit refresh_token, in which case the old one stays valid.
// Error bodies can echo the refresh token: every message built here goes through redact(). The
// request itself and the error-body shapes are shared with sign-in (token-endpoint.ts).
import { ClawdbotError, UsageError } from '../util/errors.js';
import { redact, registerSecret } from '../util/redact.js';
import { jwtExpiryMs, openAiAccountId } from './jwt.js';
import { TOKEN_HTTP_TIMEOUT_MS, endpointBaseUrl, parseOAuthError, postTokenEndpoint, type TokenRequestBody } from './token-endpoint.js';
import { OPENAI_CODEX_CLIENT_ID, openAiOAuthBaseUrl, openAiTokenUrl } from './openai-codex/config.js';

export const ANTHROPIC_REFRESH_CLIENT_ID = '9d1c250a-e61b-44d9-88ed-5944d1962f5e';
export const DEFAULT_REFRESH_TIMEOUT_MS = TOKEN_HTTP_TIMEOUT_MS;
/** Anthropic tokens are treated as expiring 5 minutes early, as pi does. */
const ANTHROPIC_EXPIRY_SKEW_MS = 5 * 60_000;

export type RefreshFailureKind =
  /** network error, timeout, 5xx, 429: try again later; nothing about the credential changed */
  | 'transient'
  /** invalid_grant, refresh_token_expired/reused/invalidated: only a new sign-in helps */
  | 'reauth'
  /** another 4xx or a malformed answer: not retried, credential kept */
  | 'rejected';

export class TokenRefreshError extends ClawdbotError {
  override readonly code: string;
  constructor(
    message: string,
    readonly kind: RefreshFailureKind,
    readonly status?: number,
    /** `invalid_grant`, `refresh_token_reused`, ... when the server said. */
    readonly oauthError?: string,
  ) {
    super(redact(message));
    this.code = kind === 'reauth' ? 'reauth_required' : kind === 'transient' ? 'refresh_transient' : 'refresh_rejected';
  }
}

export interface RefreshedTokens {
  access: string;
  /** The new refresh token, or the old one when the server did not rotate it. */
  refresh: string;
  expires: number;
  accountId?: string;
  idToken?: string;
  /** True when the server sent a new refresh token. */
  rotated: boolean;
}

export interface RefreshRequestOptions {
  env?: Record<string, string | undefined>;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  now?: () => number;
  signal?: AbortSignal;
}

export const REFRESHABLE_PROVIDERS = ['openai-codex', 'anthropic'] as const;

export function isRefreshableProvider(p: string): p is (typeof REFRESHABLE_PROVIDERS)[number] {
  return (REFRESHABLE_PROVIDERS as readonly string[]).includes(p);
}

export function refreshEndpoint(provider: string, env: Record<string, string | undefined> = process.env): string {
  if (provider === 'openai-codex') {
    return openAiTokenUrl(openAiOAuthBaseUrl(env));
  }
  if (provider === 'anthropic') {
    return `${endpointBaseUrl(env.CLAWDBOT_ANTHROPIC_OAUTH_BASE_URL, 'https://console.anthropic.com', 'CLAWDBOT_ANTHROPIC_OAUTH_BASE_URL')}/v1/oauth/token`;
  }
  throw new UsageError(`Refreshing ${provider} credentials is not supported; sign in again instead.`);
}

const REAUTH_CODES = new Set(['invalid_grant', 'refresh_token_expired', 'refresh_token_reused', 'refresh_token_invalidated']);

function describeReauth(code: string): string {
  switch (code) {
    case 'refresh_token_expired':
      return 'the refresh token has expired';
    case 'refresh_token_reused':
      return 'the refresh token was already used (another program refreshed it)';
    case 'refresh_token_invalidated':
      return 'the refresh token was revoked';
    default:
      return 'the refresh token was rejected (invalid_grant)';
  }
}

/** One refresh request. Throws TokenRefreshError (kind transient | reauth | rejected). */
export async function requestTokenRefresh(provider: string, refreshToken: string, opts: RefreshRequestOptions = {}): Promise<RefreshedTokens> {
  const env = opts.env ?? process.env;
  const url = refreshEndpoint(provider, env);
  const now = opts.now ?? Date.now;
  registerSecret(refreshToken);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_REFRESH_TIMEOUT_MS;
  const payload: TokenRequestBody =
    provider === 'openai-codex'
      ? { form: { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: OPENAI_CODEX_CLIENT_ID } }
      : { json: { grant_type: 'refresh_token', client_id: ANTHROPIC_REFRESH_CLIENT_ID, refresh_token: refreshToken } };
  const answer = await postTokenEndpoint(url, payload, { fetchImpl: opts.fetchImpl, signal: opts.signal, timeoutMs });
  if (!answer.reached) {
    if (answer.reason === 'timeout') throw new TokenRefreshError(`the token endpoint did not answer within ${Math.round(timeoutMs / 1000)}s`, 'transient');
    if (answer.reason === 'cancelled') throw new TokenRefreshError('the refresh was cancelled', 'transient');
    throw new TokenRefreshError(`could not reach ${new URL(url).host}: ${answer.detail}`, 'transient');
  }
  const { status } = answer;

  if (!answer.ok) {
    const { error: code, description: message } = parseOAuthError(answer.body);
    const detail = message ? `: ${message.slice(0, 200)}` : '';
    if (code && REAUTH_CODES.has(code)) {
      throw new TokenRefreshError(`${describeReauth(code)}${detail}`, 'reauth', status, code);
    }
    if (status >= 500 || status === 429 || status === 408) {
      throw new TokenRefreshError(`the token endpoint answered HTTP ${status}${code ? ` (${code})` : ''}${detail}`, 'transient', status, code);
    }
    throw new TokenRefreshError(`the token endpoint refused the refresh: HTTP ${status}${code ? ` (${code})` : ''}${detail}`, 'rejected', status, code);
  }

  const body = answer.body;
  if (!body) throw new TokenRefreshError('the token endpoint answered with something that is not JSON', 'transient', status);
  const access = typeof body.access_token === 'string' ? body.access_token : '';
  if (!access) throw new TokenRefreshError('the token endpoint answered without an access_token', 'rejected', status);
  const newRefresh = typeof body.refresh_token === 'string' && body.refresh_token ? body.refresh_token : undefined;
  registerSecret(access);
  registerSecret(newRefresh);
  const idToken = typeof body.id_token === 'string' && body.id_token ? body.id_token : undefined;
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in);
  const t = now();
  let expires: number;
  if (Number.isFinite(expiresIn) && expiresIn > 0) {
    expires = t + expiresIn * 1000 - (provider === 'anthropic' ? ANTHROPIC_EXPIRY_SKEW_MS : 0);
  } else {
    expires = jwtExpiryMs(access) ?? t + 3_600_000;
  }
  if (provider === 'openai-codex' && !newRefresh) {
    // Codex rotates on every refresh; a missing one means the old one is already spent.
    throw new TokenRefreshError('the token endpoint answered without a new refresh_token', 'rejected', status);
  }
  const accountId = provider === 'openai-codex' ? openAiAccountId(access) ?? (idToken ? openAiAccountId(idToken) : undefined) : undefined;
  return {
    access,
    refresh: newRefresh ?? refreshToken,
    expires,
    rotated: Boolean(newRefresh && newRefresh !== refreshToken),
    ...(accountId ? { accountId } : {}),
    ...(idToken ? { idToken } : {}),
  };
}
