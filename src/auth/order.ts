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
import { isNonBlank } from '../util/non-blank.js';

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

/**
 * Index a store's profile ids by normalised provider, in store order. `each`, when given, sees every
 * profile on the way: a caller that needs one pass over all profiles anyway (the status report
 * registers every secret for redaction) saves enumerating an object of thousands of keys twice.
 */
export function profileIdsByProvider(store: AuthProfileStore, each?: (id: string, cred: AnyCredential) => void): Map<string, string[]> {
  const index = new Map<string, string[]>();
  // A store has a handful of provider spellings and can have thousands of profiles.
  const normalized = new Map<unknown, string>();
  for (const id in store.profiles) {
    const cred = store.profiles[id]!;
    if (each) each(id, cred);
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
  // `provider` is normalised: a credential spelled the same way needs no trim/lower-case copy.
  if (cred.provider !== provider && normalizeProvider(String(cred.provider ?? '')) !== provider) return `profile is for ${cred.provider}, not ${provider}`;
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
      const hasAccess = isNonBlank(cred.access);
      const hasRefresh = isNonBlank(cred.refresh);
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

/**
 * Round-robin order in place: oauth, then token, then api_key (then unknown types), each least
 * recently used first; ties keep their order. The same result as one stable sort by (rank,
 * lastUsed), done as a stable split by rank and a sort of each part only when it is not in order
 * already (a store without usage stats needs no comparisons at all).
 *
 * The parts hold positions, not {id, lastUsed} objects, and the loops are indexed: this runs cold
 * for every profile of a status report, where an object per profile (its lastUsed a boxed number)
 * and an iterator result per step are megabytes of garbage for the young generation.
 */
function sortRoundRobin(ids: string[], ranks: readonly number[], lastUsed: readonly number[]): void {
  const n = ids.length;
  const byRank: number[][] = [[], [], [], []];
  for (let i = 0; i < n; i++) byRank[ranks[i]!]!.push(i);
  const from = ids.slice();
  let k = 0;
  for (let r = 0; r < byRank.length; r++) {
    const part = byRank[r]!;
    let sorted = true;
    for (let i = 1; i < part.length && sorted; i++) if (lastUsed[part[i - 1]!]! - lastUsed[part[i]!]! > 0) sorted = false;
    // Equal lastUsed: the earlier position first, as the stable sort this stands for keeps them.
    if (!sorted) part.sort((a, b) => lastUsed[a]! - lastUsed[b]! || a - b);
    for (let i = 0; i < part.length; i++) ids[k++] = from[part[i]!]!;
  }
}

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
  const cooling: Array<{ id: string; u: UnusableState }> = [];
  const available: string[] = [];
  // Round-robin sort keys, gathered while each profile's record is at hand: a store of thousands
  // of profiles is a dictionary, and every lookup by id costs a hash probe.
  const roundRobin = source === 'round-robin';
  const ranks: number[] = [];
  const lastUsed: number[] = [];
  const usageStats = store.usageStats;
  const consider = (id: string, cred: AnyCredential | undefined): void => {
    const reason = credentialSkipReason(id, cred, provider, store, config, now);
    if (reason) {
      skipped.push({ profileId: id, reason });
      return;
    }
    const stats = usageStats?.[id];
    const u = profileUnusable(stats, now);
    if (u) cooling.push({ id, u });
    else {
      available.push(id);
      if (roundRobin) {
        ranks.push(TYPE_RANK[cred!.type] ?? 3);
        lastUsed.push(stats?.lastUsed ?? 0);
      }
    }
  };
  // Indexed loops over the ids (here and below): unoptimised code, which a cold status run mostly
  // is, allocates an iterator result for every step of a for-of.
  const profiles = store.profiles;
  if (implicitBase) {
    // The base is this provider's own ids: unique, and each one's provider is `provider`
    // (profileIdsByProvider indexes by the normalised provider), so nothing is filtered out.
    for (let i = 0; i < base.length; i++) consider(base[i]!, profiles[base[i]!]);
  } else {
    const seen = new Set<string>();
    for (let i = 0; i < base.length; i++) {
      const id = base[i]!;
      if (seen.has(id)) continue;
      seen.add(id);
      consider(id, profiles[id]);
    }
    // Profiles of this provider the base list leaves out are never tried: say so.
    for (let i = 0; i < ownIds.length; i++) {
      if (seen.has(ownIds[i]!)) continue;
      skipped.push({ profileId: ownIds[i]!, reason: notListedReason });
    }
  }

  if (roundRobin) sortRoundRobin(available, ranks, lastUsed);
  cooling.sort((a, b) => a.u.until - b.u.until);
  for (let i = 0; i < cooling.length; i++) skipped.push({ profileId: cooling[i]!.id, reason: describeUnusable(cooling[i]!.u, now) });

  // Pushed, not spread: spreading arrays of thousands of ids is the slowest line of a
  // 10,000-profile report.
  let order = available;
  for (let i = 0; i < cooling.length; i++) order.push(cooling[i]!.id);
  const pref = args.preferredProfile;
  if (pref && order.includes(pref)) order = [pref, ...order.filter((x) => x !== pref)];
  return { order, source, skipped };
}

/** The candidate a request would use now: the first in order that is not cooling down. */
export function nextProfile(resolved: ResolvedOrder, store: AuthProfileStore, now: number): string | undefined {
  return resolved.order.find((id) => !profileUnusable(store.usageStats?.[id], now));
}
