// Pure edits of an auth store document, applied by callers inside updateAuthStore (so always to
// the fresh on-disk state). Removing a profile also removes every reference to it.
import type { AnyCredential, AuthProfileStore } from './auth-profiles.js';

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
