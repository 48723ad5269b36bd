// Which profiles a request for a provider tries, in which order, and why the others are skipped.
// Clawdbot's rules (order.ts in 2026.1.x):
// - the base list is the agent store's `order[provider]`, which wins over config `auth.order`;
//   without either, the config `auth.profiles` ids of the provider, else every store profile of it;
// - a profile is dropped (with a reason) when it is not in the store, is for another provider,
//   its config mode does not match (mode oauth accepts a stored token), it has no secret, its
//   token expired, or its refresh token was rejected and its access token expired;
// - an explicit order (store or config) is kept, but profiles cooling down or disabled go last,
//   soonest available first;
// - otherwise round-robin: oauth, then token, then api_key, then least recently used first;
//   cooling-down profiles last;
// - `preferredProfile` goes first when it is usable at all.
// Profiles in cooldown stay in `order` (at the end: they are tried only when their time is up) and
// are ALSO listed in `skipped` with the reason a request right now passes them by.
import type { AnyCredential, AuthProfileStore } from '../store/auth-profiles.js';
import { isKnownCredential } from '../store/auth-profiles.js';
import { hasSecretOrRef } from '../store/secret-ref.js';
import type { ClawdbotConfig } from '../store/config.js';
import { profileUnusable } from './cooldown.js';
import { credentialExpiry, reauthRequired } from './health.js';
import type { UnusableState } from './report-types.js';

export type OrderSource = 'store' | 'config' | 'round-robin';

export interface ResolveOrderArgs {
  provider: string;
  store: AuthProfileStore;
  config: ClawdbotConfig;
  now: number;
  preferredProfile?: string;
  /**
   * The ids of the store's profiles for this provider, when the caller has indexed them already
   * (a status report resolves every provider of a store that can hold thousands of profiles).
   */
  providerProfileIds?: readonly string[];
}

/** Index a store's profile ids by normalised provider, in store order. */
export function profileIdsByProvider(store: AuthProfileStore): Map<string, string[]> {
  const index = new Map<string, string[]>();
  // A store has a handful of provider spellings and can have thousands of profiles.
  const normalized = new Map<unknown, string>();
  for (const id in store.profiles) {
    const cred = store.profiles[id]!;
    let p = normalized.get(cred.provider);
    if (p === undefined) {
      p = normalizeProvider(String(cred.provider ?? ''));
      normalized.set(cred.provider, p);
    }
    const list = index.get(p);
    if (list) list.push(id);
    else index.set(p, [id]);
  }
  return index;
}

export interface SkippedProfile {
  profileId: string;
  reason: string;
}

export interface ResolvedOrder {
  order: string[];
  source: OrderSource;
  skipped: SkippedProfile[];
}

export function normalizeProvider(p: string): string {
  return p.trim().toLowerCase();
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `14:05` (local time) when within the next day, else `Nov 24 14:05`. */
export function formatClock(ts: number, now: number): string {
  const d = new Date(ts);
  const hm = `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
  const n = new Date(now);
  const sameDay = d.getFullYear() === n.getFullYear() && d.getMonth() === n.getMonth() && d.getDate() === n.getDate();
  if (sameDay || (ts > now && ts - now < 12 * 3_600_000)) return hm;
  return `${MONTHS[d.getMonth()]} ${d.getDate()} ${hm}`;
}

/** "cooldown until 14:05 (rate_limit)" / "disabled for billing until Nov 24 09:00". */
export function describeUnusable(u: UnusableState, now: number): string {
  const at = formatClock(u.until, now);
  if (u.kind === 'disabled') return `disabled for ${u.reason ?? 'unknown reason'} until ${at}`;
  return `cooldown until ${at}${u.reason ? ` (${u.reason})` : ''}`;
}

function nonEmpty(v: unknown): boolean {
  return typeof v === 'string' && v.trim().length > 0;
}

/** Why this credential cannot be used at all for `provider` right now, or undefined when it can. */
export function credentialSkipReason(
  id: string,
  cred: AnyCredential | undefined,
  provider: string,
  store: AuthProfileStore,
  config: ClawdbotConfig,
  now: number,
): string | undefined {
  if (!cred) return 'not in the store';
  const credProvider = normalizeProvider(String(cred.provider ?? ''));
  if (credProvider !== provider) return `profile is for ${cred.provider}, not ${provider}`;
  const mode = config.auth?.profiles?.[id]?.mode;
  if (mode !== undefined && mode !== cred.type && !(mode === 'oauth' && cred.type === 'token')) {
    return `config says mode ${mode}, store has ${cred.type}`;
  }
  if (!isKnownCredential(cred)) return `unknown credential type "${cred.type}" (written by a newer program)`;
  switch (cred.type) {
    case 'api_key':
      return hasSecretOrRef(cred) ? undefined : 'no secret stored';
    case 'token':
      if (!hasSecretOrRef(cred)) return 'no secret stored';
      if ((credentialExpiry(cred) ?? Infinity) <= now) return 'token expired';
      return undefined;
    case 'oauth': {
      const hasAccess = nonEmpty(cred.access);
      const hasRefresh = nonEmpty(cred.refresh);
      if (!hasAccess && !hasRefresh) return 'no secret stored';
      const accessExpired = !hasAccess || (credentialExpiry(cred) ?? Infinity) <= now;
      if (accessExpired && !hasRefresh) return 'token expired (no refresh token)';
      const reauth = reauthRequired(cred, store.usageStats?.[id]);
      if (accessExpired && reauth) return `sign-in required: refresh rejected (${reauth.reason})`;
      return undefined;
    }
  }
}

const TYPE_RANK: Record<string, number> = { oauth: 0, token: 1, api_key: 2 };

export function resolveProfileOrder(args: ResolveOrderArgs): ResolvedOrder {
  const provider = normalizeProvider(args.provider);
  const { store, config, now } = args;
  const ownIds = args.providerProfileIds ?? profileIdsByProvider(store).get(provider) ?? [];
  const findKey = <T>(rec: Record<string, T> | undefined): T | undefined => {
    if (!rec) return undefined;
    if (rec[provider] !== undefined) return rec[provider];
    for (const [k, v] of Object.entries(rec)) if (normalizeProvider(k) === provider) return v;
    return undefined;
  };
  const storeOrder = findKey(store.order);
  const configOrder = findKey(config.auth?.order);
  let source: OrderSource;
  let base: readonly string[];
  let notListedReason: string;
  let implicitBase = false;
  if (Array.isArray(storeOrder) && storeOrder.length > 0) {
    source = 'store';
    base = storeOrder;
    notListedReason = `not in the stored order for ${provider}`;
  } else if (Array.isArray(configOrder) && configOrder.length > 0) {
    source = 'config';
    base = configOrder;
    notListedReason = `not in config auth.order for ${provider}`;
  } else {
    source = 'round-robin';
    const fromConfig = Object.entries(config.auth?.profiles ?? {})
      .filter(([, p]) => p && normalizeProvider(String(p.provider ?? '')) === provider)
      .map(([id]) => id);
    implicitBase = fromConfig.length === 0;
    base = implicitBase ? ownIds : fromConfig;
    notListedReason = `not in config auth.profiles for ${provider}`;
  }

  const skipped: SkippedProfile[] = [];
  const usable: string[] = [];
  const seen = new Set<string>();
  for (const id of base) {
    if (seen.has(id)) continue;
    seen.add(id);
    const cred = store.profiles[id];
    // In the implicit "every store profile" base, other providers' profiles are simply not ours;
    // an id someone wrote into an order or the config is reported whatever it is.
    if (implicitBase && cred && normalizeProvider(String(cred.provider ?? '')) !== provider) continue;
    const reason = credentialSkipReason(id, cred, provider, store, config, now);
    if (reason) {
      skipped.push({ profileId: id, reason });
    } else usable.push(id);
  }
  // Profiles of this provider the base list leaves out are never tried: say so.
  for (const id of ownIds) {
    if (seen.has(id)) continue;
    skipped.push({ profileId: id, reason: notListedReason });
  }

  const cooling: Array<{ id: string; u: UnusableState }> = [];
  const available: string[] = [];
  for (const id of usable) {
    const u = profileUnusable(store.usageStats?.[id], now);
    if (u) cooling.push({ id, u });
    else available.push(id);
  }
  if (source === 'round-robin') {
    // Keys computed once per profile, not once per comparison (thousands of profiles).
    const keyed = available.map((id) => ({ id, rank: TYPE_RANK[store.profiles[id]!.type] ?? 3, lastUsed: store.usageStats?.[id]?.lastUsed ?? 0 }));
    keyed.sort((a, b) => a.rank - b.rank || a.lastUsed - b.lastUsed);
    for (let i = 0; i < keyed.length; i++) available[i] = keyed[i]!.id;
  }
  cooling.sort((a, b) => a.u.until - b.u.until);
  for (const { id, u } of cooling) skipped.push({ profileId: id, reason: describeUnusable(u, now) });

  // Pushed, not spread: spreading arrays of thousands of ids is the slowest line of a
  // 10,000-profile report.
  let order = available;
  for (const c of cooling) order.push(c.id);
  const pref = args.preferredProfile;
  if (pref && order.includes(pref)) order = [pref, ...order.filter((x) => x !== pref)];
  return { order, source, skipped };
}

/** The candidate a request would use now: the first in order that is not cooling down. */
export function nextProfile(resolved: ResolvedOrder, store: AuthProfileStore, now: number): string | undefined {
  return resolved.order.find((id) => !profileUnusable(store.usageStats?.[id], now));
}
