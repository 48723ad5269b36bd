// Subscription usage of one profile: the rolling windows a provider's usage endpoint reports
// (Clawdbot's field names: `windows[{label, usedPercent, resetAt}]`, `plan`, `error`), plus why
// there are none when there are none. Shown by `models status --usage`, `channels list` and the
// dashboard; never part of a credential's health.

export interface UsageWindow {
  /** `5h`, `Week`, `Opus`, `Sonnet`, `Day`... */
  label: string;
  /** 0-100. */
  usedPercent: number;
  /** Epoch ms when the window resets, when the provider says. */
  resetAt?: number;
}

/**
 * - ok: the endpoint answered (windows may still be empty);
 * - expired: the access token has expired, so nothing was asked (a usage fetch never refreshes);
 * - no_scope: the token works for requests but lacks the scope the usage endpoint needs;
 * - rejected: the endpoint refused the token (401/403);
 * - error / timeout / offline: the endpoint could not tell us now;
 * - unsupported: this kind of credential has no usage endpoint (API keys, other providers);
 * - no_secret: nothing stored to ask with.
 */
export type UsageStatus = 'ok' | 'expired' | 'no_scope' | 'rejected' | 'error' | 'timeout' | 'offline' | 'unsupported' | 'no_secret';

export interface ProfileUsage {
  profileId: string;
  provider: string;
  /** `Claude` / `ChatGPT`, for providers with an endpoint. */
  displayName?: string;
  status: UsageStatus;
  windows: UsageWindow[];
  plan?: string;
  /** One line saying why there are no windows (never holds a token). */
  error?: string;
  /** Epoch ms of the answer (or of the decision not to ask). */
  updatedAt: number;
}
