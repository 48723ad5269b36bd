// Cooldown bookkeeping in `usageStats`, compatible with Clawdbot 2026.1.x:
// - any failure but billing: cooldownUntil = now + min(1h, 1min * 5^min(n-1, 3)) -> 1, 5, 25, 60 min
//   (n = failures in the current window);
// - billing: disabledUntil = now + min(max, base * 2^(k-1)) hours, base 5 h, max 24 h -> 5, 10, 20, 24 h
//   (k = billing failures in the window; `auth.cooldowns` in the config overrides base/max/window);
// - the counters restart after `failureWindowHours` (24 h) without a failure, and on success.
// These functions mutate an AuthProfileStore document; callers run them inside AgentStore.update
// so they always apply to the fresh file under the lock.
import type { AuthProfileStore, FailureReason, ProfileUsageStats } from '../store/auth-profiles.js';
import { profileProvider } from '../store/auth-profiles.js';
import type { ClawdbotConfig } from '../store/config.js';
import type { AgentStore } from '../store/agent-store.js';
import { NO_CHANGE } from '../store/auth-store.js';
import { readConfig } from '../store/config.js';
import { classifyFailure } from './failure-classify.js';
import type { UnusableState } from './report-types.js';

export type CooldownConfig = NonNullable<NonNullable<ClawdbotConfig['auth']>['cooldowns']>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const COOLDOWN_MAX_MS = HOUR;
export const DEFAULT_BILLING_BACKOFF_HOURS = 5;
export const DEFAULT_BILLING_MAX_HOURS = 24;
export const DEFAULT_FAILURE_WINDOW_HOURS = 24;

/** Cooldown after the n-th failure (n >= 1) in the window: 1, 5, 25, 60, 60 ... minutes. */
export function cooldownMsForCount(n: number): number {
  const exp = Math.min(Math.max(n, 1) - 1, 3);
  return Math.min(COOLDOWN_MAX_MS, MINUTE * 5 ** exp);
}

function positive(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

/** Billing disable after the k-th billing failure (k >= 1): 5, 10, 20, 24 ... hours by default. */
export function billingDisableMsForCount(k: number, cfg?: CooldownConfig, provider?: string): number {
  const byProvider = provider ? cfg?.billingBackoffHoursByProvider?.[provider] : undefined;
  const baseH = positive(byProvider) ? byProvider : positive(cfg?.billingBackoffHours) ? cfg.billingBackoffHours : DEFAULT_BILLING_BACKOFF_HOURS;
  const maxH = positive(cfg?.billingMaxHours) ? cfg.billingMaxHours : DEFAULT_BILLING_MAX_HOURS;
  return Math.min(maxH * HOUR, baseH * HOUR * 2 ** (Math.max(k, 1) - 1));
}

function failureWindowMs(cfg?: CooldownConfig): number {
  return (positive(cfg?.failureWindowHours) ? cfg.failureWindowHours : DEFAULT_FAILURE_WINDOW_HOURS) * HOUR;
}

/** Cooling down or disabled at `now`: the later of cooldownUntil and disabledUntil wins. */
export function profileUnusable(stats: ProfileUsageStats | undefined, now: number): UnusableState | undefined {
  if (!stats) return undefined;
  const cd = positive(stats.cooldownUntil) && stats.cooldownUntil > now ? stats.cooldownUntil : 0;
  const dis = positive(stats.disabledUntil) && stats.disabledUntil > now ? stats.disabledUntil : 0;
  if (!cd && !dis) return undefined;
  if (dis >= cd) {
    return { kind: 'disabled', reason: stats.disabledReason ?? 'unknown', until: dis, remainingMs: dis - now };
  }
  const reason = typeof stats.lastFailureReason === 'string' ? stats.lastFailureReason : undefined;
  // Two literals, not a spread of a conditional one: a status report asks this twice for every
  // profile with usage stats, and the spread allocates and copies an object each time.
  if (reason) return { kind: 'cooldown', reason, until: cd, remainingMs: cd - now };
  return { kind: 'cooldown', until: cd, remainingMs: cd - now };
}

function statsFor(store: AuthProfileStore, id: string): ProfileUsageStats {
  store.usageStats ??= {};
  return (store.usageStats[id] ??= {});
}

/** A successful request: remember when, and forget every failure (Clawdbot's markAuthProfileUsed). */
export function markProfileUsed(store: AuthProfileStore, id: string, now: number): void {
  const s = statsFor(store, id);
  s.lastUsed = now;
  s.errorCount = 0;
  s.failureCounts = {};
  delete s.cooldownUntil;
  delete s.disabledUntil;
  delete s.disabledReason;
  delete s.lastFailureReason;
}

/** Record a failure and start the cooldown or billing disable it earns. Returns the new state. */
export function markProfileFailure(
  store: AuthProfileStore,
  id: string,
  reason: FailureReason,
  now: number,
  cooldownCfg?: CooldownConfig,
): UnusableState | undefined {
  const s = statsFor(store, id);
  const windowMs = failureWindowMs(cooldownCfg);
  if (positive(s.lastFailureAt) && now - s.lastFailureAt > windowMs) {
    s.errorCount = 0;
    s.failureCounts = {};
  }
  const counts: Record<string, number> = { ...(s.failureCounts ?? {}) } as Record<string, number>;
  counts[reason] = (counts[reason] ?? 0) + 1;
  s.failureCounts = counts;
  s.errorCount = (s.errorCount ?? 0) + 1;
  s.lastFailureAt = now;
  s.lastFailureReason = reason;
  if (reason === 'billing') {
    const provider = store.profiles[id]?.provider ?? profileProvider(id);
    s.disabledUntil = now + billingDisableMsForCount(counts.billing ?? 1, cooldownCfg, provider);
    s.disabledReason = 'billing';
  } else {
    s.cooldownUntil = now + cooldownMsForCount(s.errorCount);
  }
  return profileUnusable(s, now);
}

/** Lift a cooldown and a disable and reset the counters. Returns false when there was nothing. */
export function clearProfileCooldown(store: AuthProfileStore, id: string): boolean {
  const s = store.usageStats?.[id];
  if (!s) return false;
  const had =
    positive(s.cooldownUntil) || positive(s.disabledUntil) || s.disabledReason !== undefined ||
    (s.errorCount ?? 0) > 0 || Object.keys(s.failureCounts ?? {}).length > 0;
  delete s.cooldownUntil;
  delete s.disabledUntil;
  delete s.disabledReason;
  delete s.lastFailureReason;
  s.errorCount = 0;
  s.failureCounts = {};
  return had;
}

/**
 * For a gateway after each request: record success (lastUsed, counters reset) under the lock.
 * Also remembers the provider's lastGood, which only `/model status` and doctor read.
 */
export async function recordProfileSuccess(agentStore: AgentStore, id: string, now: number = Date.now()): Promise<void> {
  await agentStore.update((doc) => {
    if (!doc.profiles[id]) return NO_CHANGE;
    markProfileUsed(doc, id, now);
    const provider = doc.profiles[id]!.provider;
    doc.lastGood = { ...(doc.lastGood ?? {}), [provider]: id };
    return true;
  });
}

/**
 * For a gateway after a failed request: classify the error, record it and start the cooldown
 * (config `auth.cooldowns` applies), under the lock. Returns the reason and the new pause.
 */
export async function recordProfileFailure(
  agentStore: AgentStore,
  id: string,
  err: unknown,
  opts: { now?: number; status?: number; cooldownCfg?: CooldownConfig } = {},
): Promise<{ reason: FailureReason; unusable?: UnusableState }> {
  const reason = classifyFailure(err, opts.status);
  const cfg = opts.cooldownCfg ?? (await readConfig(agentStore.configPath).catch(() => undefined))?.config.auth?.cooldowns;
  const now = opts.now ?? Date.now();
  const unusable = await agentStore.update((doc) => (doc.profiles[id] ? markProfileFailure(doc, id, reason, now, cfg) ?? null : NO_CHANGE));
  return { reason, ...(unusable ? { unusable } : {}) };
}
