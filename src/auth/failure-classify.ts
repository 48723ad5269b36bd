// Turning a provider error into the FailureReason that drives cooldowns (Clawdbot's rules: the
// message patterns first, first match wins, then the HTTP status).
import type { FailureReason } from '../store/auth-profiles.js';

const RULES: Array<[FailureReason, RegExp[]]> = [
  [
    'rate_limit',
    [/rate[ _-]?limit/i, /too many requests/i, /\b429\b/, /quota/i, /resource[ _-]?exhausted/i, /usage limit/i, /overloaded/i],
  ],
  ['format', [/string should match pattern/i, /tool_use\.id/i, /invalid request format/i]],
  [
    'billing',
    [
      /\b402\b/,
      /payment required/i,
      /insufficient[ _-]?(credits|funds|balance)/i,
      /credit balance/i,
      /plans\s*&\s*billing/i,
      /billing.*\b(upgrade|credits?|payment|plan)\b/i,
      /\b(upgrade|credits?|payment|plan)\b.*billing/i,
    ],
  ],
  ['timeout', [/time[ d]?out/i, /timed out/i, /deadline exceeded/i, /ETIMEDOUT/]],
  [
    'auth',
    [
      /invalid[ _-]?(x-)?api[ _-]?key/i,
      /invalid[ _-]?token/i,
      /authentication/i,
      /unauthori[sz]ed/i,
      /forbidden/i,
      /expired/i,
      /\b40[13]\b/,
      /no api key found/i,
      /oauth token refresh failed/i,
      /invalid_grant/i,
    ],
  ],
];

/** Reason from a message alone, or undefined when no rule matches. */
export function classifyFailureMessage(message: string): FailureReason | undefined {
  for (const [reason, patterns] of RULES) if (patterns.some((re) => re.test(message))) return reason;
  return undefined;
}

/** Reason from an HTTP status alone (402, 429, 401/403, 408, 400), else undefined. */
export function classifyHttpStatus(status: number | undefined): FailureReason | undefined {
  switch (status) {
    case 402:
      return 'billing';
    case 429:
      return 'rate_limit';
    case 401:
    case 403:
      return 'auth';
    case 408:
    case 504:
      return 'timeout';
    case 400:
      return 'format';
    default:
      return undefined;
  }
}

function statusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { status?: unknown; statusCode?: unknown; response?: { status?: unknown } };
  for (const v of [e.status, e.statusCode, e.response?.status]) if (typeof v === 'number') return v;
  return undefined;
}

/**
 * Classify an error (an Error, a string, or `{message, status}`) and an optional HTTP status.
 * Message rules win over the status (a 400 "credit balance too low" is billing); an abort or
 * timeout error is `timeout`; anything else is `unknown`.
 */
export function classifyFailure(err: unknown, status?: number): FailureReason {
  const message =
    typeof err === 'string' ? err : err instanceof Error ? err.message : typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string' ? (err as { message: string }).message : '';
  const byMessage = message ? classifyFailureMessage(message) : undefined;
  if (byMessage) return byMessage;
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'timeout';
  return classifyHttpStatus(status ?? statusOf(err)) ?? 'unknown';
}
