// Usage of one stored profile: which endpoint (if any) its credential has, whether it may be asked
// at all, and every answer turned into windows or one short line. A usage fetch never refreshes a
// token: an expired access token is reported as such and nothing is sent.
import type { AnyCredential, Env } from '../store/index.js';
import { openAiAccountId } from '../oauth/jwt.js';
import { redact, registerSecret } from '../util/redact.js';
import { displaySafe } from '../util/sanitize.js';
import { ANTHROPIC_USAGE_DISPLAY_NAME, anthropicUsageHeaders, anthropicUsageUrl, isMissingScope, parseAnthropicUsage } from './anthropic.js';
import { CHATGPT_USAGE_DISPLAY_NAME, chatGptUsageHeaders, chatGptUsageUrl, parseChatGptUsage } from './chatgpt.js';
import { type HttpOutcome, getWithTimeout, parseJsonObject } from './http.js';
import type { ProfileUsage, UsageStatus, UsageWindow } from './types.js';
import { isNonBlank } from '../util/non-blank.js';

export const DEFAULT_USAGE_TIMEOUT_MS = 5000;

export interface UsageFetchOptions {
  env?: Env;
  now?: number;
  /** Per request (default 5 s, or CLAWDBOT_USAGE_TIMEOUT_MS). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

type Endpoint = 'anthropic' | 'chatgpt';

interface Target {
  endpoint: Endpoint;
  token: string;
  /** Epoch ms the token stops working, when known. */
  expires?: number;
  accountId?: string;
}

/** The providers with a usage endpoint (below); any other credential answers 'unsupported'. */
export const USAGE_PROVIDERS: ReadonlySet<string> = new Set(['anthropic', 'openai-codex']);

/** The usage endpoint a credential can ask, or why it has none. */
function targetFor(provider: string, cred: AnyCredential): Target | 'unsupported' | 'no_secret' {
  const c = cred as { key?: unknown; token?: unknown; access?: unknown; expires?: unknown; accountId?: unknown };
  const expires = typeof c.expires === 'number' && Number.isFinite(c.expires) && c.expires > 0 ? c.expires : undefined;
  if (provider === 'anthropic') {
    // Subscription credentials only: OAuth sign-ins and setup-tokens (also one pasted as a "key").
    if (cred.type === 'oauth') return isNonBlank(c.access) ? { endpoint: 'anthropic', token: c.access.trim(), ...(expires ? { expires } : {}) } : 'no_secret';
    if (cred.type === 'token') return isNonBlank(c.token) ? { endpoint: 'anthropic', token: c.token.trim(), ...(expires ? { expires } : {}) } : 'no_secret';
    if (cred.type === 'api_key' && isNonBlank(c.key) && c.key.includes('sk-ant-oat')) return { endpoint: 'anthropic', token: c.key.trim() };
    return 'unsupported';
  }
  if (provider === 'openai-codex' && (cred.type === 'oauth' || cred.type === 'token')) {
    const token = cred.type === 'oauth' ? c.access : c.token;
    if (!isNonBlank(token)) return 'no_secret';
    const accountId = isNonBlank(c.accountId) ? c.accountId.trim() : openAiAccountId(token.trim());
    return { endpoint: 'chatgpt', token: token.trim(), ...(expires ? { expires } : {}), ...(accountId ? { accountId } : {}) };
  }
  return 'unsupported';
}

/** The per-request deadline: the option, else CLAWDBOT_USAGE_TIMEOUT_MS, else 5 s. */
export function usageTimeoutMs(env: Env, explicit?: number): number {
  if (explicit !== undefined) return explicit;
  const n = Number(env.CLAWDBOT_USAGE_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_USAGE_TIMEOUT_MS;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10}s`;
}

type Answer = { ok: true; windows: UsageWindow[]; plan?: string } | { ok: false; status: UsageStatus; error: string };

/** Every outcome but a good 200 becomes one line; server bodies are never shown (they can echo a token). */
function interpret(endpoint: Endpoint, outcome: HttpOutcome, now: number): Answer {
  switch (outcome.kind) {
    case 'offline':
      return { ok: false, status: 'offline', error: 'usage unavailable (offline)' };
    case 'timeout':
      return { ok: false, status: 'timeout', error: `usage unavailable: no answer within ${seconds(outcome.timeoutMs)}` };
    case 'cancelled':
      return { ok: false, status: 'error', error: 'usage unavailable: the request was cancelled' };
    default:
      break;
  }
  const { status, body } = outcome;
  if (status === 200) {
    const json = parseJsonObject(body);
    if (json && endpoint === 'anthropic') {
      const windows = parseAnthropicUsage(json);
      if (windows) return { ok: true, windows };
    } else if (json) {
      const parsed = parseChatGptUsage(json, now);
      if (parsed) return { ok: true, ...parsed };
    }
    return { ok: false, status: 'error', error: 'usage unavailable: the usage endpoint sent an answer that is not usage data' };
  }
  if (endpoint === 'anthropic' && isMissingScope(status, body)) return { ok: false, status: 'no_scope', error: 'usage not available for this token' };
  if (status === 401 || status === 403) return { ok: false, status: 'rejected', error: `usage unavailable: the token was rejected (HTTP ${status})` };
  if (status === 429) return { ok: false, status: 'error', error: 'usage unavailable: rate limited (HTTP 429); try again in a minute' };
  if (status >= 500) return { ok: false, status: 'error', error: `usage unavailable: server error (HTTP ${status})` };
  return { ok: false, status: 'error', error: `usage unavailable: unexpected answer (HTTP ${status})` };
}

const DISPLAY: Record<Endpoint, string> = { anthropic: ANTHROPIC_USAGE_DISPLAY_NAME, chatgpt: CHATGPT_USAGE_DISPLAY_NAME };

/** Usage of one stored credential. Never throws, never refreshes, never returns a token. */
export async function fetchProfileUsage(profileId: string, cred: AnyCredential, opts: UsageFetchOptions = {}): Promise<ProfileUsage> {
  const env = opts.env ?? process.env;
  const now = opts.now ?? Date.now();
  const provider = String(cred.provider);
  const base = { profileId, provider };
  const target = targetFor(provider, cred);
  if (target === 'unsupported') return { ...base, status: 'unsupported', windows: [], error: 'no usage endpoint', updatedAt: now };
  if (target === 'no_secret') return { ...base, status: 'no_secret', windows: [], error: 'usage unavailable: no access token stored', updatedAt: now };
  const displayName = DISPLAY[target.endpoint];
  if (target.expires !== undefined && target.expires <= now) {
    return { ...base, displayName, status: 'expired', windows: [], error: 'usage: token expired', updatedAt: now };
  }
  registerSecret(target.token);
  const [url, headers] =
    target.endpoint === 'anthropic'
      ? [anthropicUsageUrl(env), anthropicUsageHeaders(target.token)]
      : [chatGptUsageUrl(env), chatGptUsageHeaders(target.token, target.accountId)];
  const outcome = await getWithTimeout(url, headers, {
    timeoutMs: usageTimeoutMs(env, opts.timeoutMs),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const answer = interpret(target.endpoint, outcome, now);
  const updatedAt = opts.now ?? Date.now();
  if (answer.ok) {
    // The plan is the one text of the answer that is shown: a server that echoes the token in it
    // gets it masked like any other text.
    const plan = answer.plan ? redact(displaySafe(answer.plan)).slice(0, 40) : undefined;
    return { ...base, displayName, status: 'ok', windows: answer.windows, ...(plan ? { plan } : {}), updatedAt };
  }
  return { ...base, displayName, status: answer.status, windows: [], error: redact(answer.error), updatedAt };
}
