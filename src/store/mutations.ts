// Pure edits of an auth store document, applied by callers inside updateAuthStore (so always to
// the fresh on-disk state). Removing a profile also removes every reference to it.
import { credentialRef } from './secret-ref.js';
import { type AnyCredential, type AuthProfileStore, slugifyProfileName } from './auth-profiles.js';

/** The fields of the credential model (see auth-profiles.ts); everything else is someone's extra. */
const CREDENTIAL_FIELDS = new Set(['type', 'provider', 'email', 'key', 'token', 'expires', 'access', 'refresh', 'accountId', 'projectId', 'enterpriseUrl']);

export type OrderPlacement = 'first' | 'last' | { index: number } | 'keep';

export function setProfile(store: AuthProfileStore, id: string, cred: AnyCredential, placement: OrderPlacement = 'keep'): void {
  const existing = store.profiles[id];
  // Keep fields we do not manage (a newer program's extras) when replacing a credential in place,
  // but none of the old credential's own fields: a new token pasted without an expiry must not
  // inherit the old token's `expires`, nor a new login the old `accountId` or `email`.
  if (existing && existing.type === cred.type) {
    const extras = Object.fromEntries(Object.entries(existing).filter(([k]) => !CREDENTIAL_FIELDS.has(k)));
    store.profiles[id] = { ...extras, ...cred };
  } else {
    store.profiles[id] = cred;
  }
  if (placement !== 'keep') placeInOrder(store, cred.provider, id, placement);
}

export function placeInOrder(store: AuthProfileStore, provider: string, id: string, placement: Exclude<OrderPlacement, 'keep'>): void {
  const current = store.order?.[provider];
  if (!current) {
    // No explicit order yet: an order is only created when the user asked for a position.
    if (placement === 'last') return;
    const others = Object.entries(store.profiles)
      .filter(([pid, c]) => c.provider === provider && pid !== id)
      .map(([pid]) => pid);
    store.order = { ...(store.order ?? {}), [provider]: placement === 'first' ? [id, ...others] : insertAt(others, id, placement.index) };
    return;
  }
  const without = current.filter((x) => x !== id);
  const next = placement === 'first' ? [id, ...without] : placement === 'last' ? [...without, id] : insertAt(without, id, placement.index);
  store.order = { ...store.order, [provider]: next };
}

function insertAt(list: string[], id: string, index: number): string[] {
  const i = Math.max(0, Math.min(index, list.length));
  return [...list.slice(0, i), id, ...list.slice(i)];
}

/** Returns false when the profile did not exist. */
export function removeProfile(store: AuthProfileStore, id: string): boolean {
  if (!store.profiles[id]) return false;
  delete store.profiles[id];
  if (store.order) {
    for (const [p, ids] of Object.entries(store.order)) {
      const next = ids.filter((x) => x !== id);
      if (next.length) store.order[p] = next;
      else delete store.order[p];
    }
  }
  if (store.lastGood) for (const [p, v] of Object.entries(store.lastGood)) if (v === id) delete store.lastGood[p];
  if (store.usageStats) delete store.usageStats[id];
  return true;
}

export function setOrder(store: AuthProfileStore, provider: string, ids: string[]): void {
  store.order = { ...(store.order ?? {}), [provider]: [...ids] };
}

export function clearOrder(store: AuthProfileStore, provider: string): boolean {
  if (!store.order?.[provider]) return false;
  delete store.order[provider];
  return true;
}

// ---------------------------------------------------------------------------------------------
// Which profile a new credential goes to, and how it relates to what is there. Pure: the one
// write path (credentials.ts) calls it inside the locked update, on the fresh document.

/**
 * How an incoming credential relates to the profile it would replace:
 * - `none`: no profile there;
 * - `same`: the same secret (a re-paste, or a login whose tokens did not change);
 * - `same-account`: an OAuth login of the same account (re-signing in, new tokens);
 * - `different`: anything else, which only an explicit yes may replace.
 */
export type ExistingRelation = 'none' | 'same' | 'same-account' | 'different';

function secretOf(c: AnyCredential): string | undefined {
  const v = c.type === 'api_key' ? c.key : c.type === 'token' ? c.token : c.type === 'oauth' ? c.refresh : undefined;
  return typeof v === 'string' && v ? v : undefined;
}

export function relationTo(existing: AnyCredential | undefined, incoming: AnyCredential): ExistingRelation {
  if (!existing) return 'none';
  if (existing.provider !== incoming.provider) return 'different';
  const secret = secretOf(incoming);
  if (existing.type === incoming.type && secret !== undefined && secretOf(existing) === secret) return 'same';
  // The same secret reference saved again (it names where the secret lives, not the secret).
  const ref = credentialRef(incoming);
  const had = credentialRef(existing);
  if (existing.type === incoming.type && ref && had && ref.source === had.source && ref.provider === had.provider && ref.id === had.id) return 'same';
  if (
    existing.type === 'oauth' &&
    incoming.type === 'oauth' &&
    typeof incoming.accountId === 'string' &&
    incoming.accountId &&
    existing.accountId === incoming.accountId
  ) {
    return 'same-account';
  }
  return 'different';
}

/** The OAuth profile already holding this account of this provider, if any. */
export function findProfileForAccount(store: AuthProfileStore, provider: string, accountId: string | undefined): string | undefined {
  if (!accountId) return undefined;
  for (const [id, c] of Object.entries(store.profiles)) if (c.provider === provider && c.type === 'oauth' && c.accountId === accountId) return id;
  return undefined;
}

/** A short id for a second account: `<provider>:account-<first 12 of the account id>`. */
function perAccountId(provider: string, accountId: string): string {
  return `${provider}:${slugifyProfileName(`account-${accountId.slice(0, 12)}`)}`;
}

/**
 * The profile id a credential is saved under. An id the user named always wins. Otherwise an
 * OAuth login of an account already stored updates that profile (whatever it is called), and a
 * default id holding ANOTHER account is left alone in favour of a per-account id.
 */
export function chooseProfileId(
  store: AuthProfileStore,
  req: { requested?: string; defaultId: string; credential: AnyCredential },
): { profileId: string; relation: ExistingRelation } {
  const { credential } = req;
  const accountId = credential.type === 'oauth' && typeof credential.accountId === 'string' ? credential.accountId : undefined;
  let id = req.requested;
  if (!id) id = findProfileForAccount(store, credential.provider, accountId);
  if (!id) {
    id = req.defaultId;
    const there = store.profiles[id];
    if (accountId && there?.type === 'oauth' && typeof there.accountId === 'string' && there.accountId && there.accountId !== accountId) {
      id = perAccountId(credential.provider, accountId);
    }
  }
  return { profileId: id, relation: relationTo(store.profiles[id], credential) };
}
