// Copies of one OAuth sign-in in several agents' stores. `agents add --copy-from` (and Clawdbot
// itself, for sub-agents) gives each agent its own auth-profiles.json holding the same refresh
// token. The gateway refreshes a copy under the lock of that one file, so refreshing ours under our
// file's lock alone would let both spend the token (the second gets invalid_grant and the agent is
// signed out). A refresh therefore holds the locks of every store with a copy, taken in one global
// order (by real path) so two of our refreshers never deadlock; the gateway holds one store lock at
// a time and waits for nothing while holding it, so it cannot close a cycle. Under those locks a
// token the gateway rotated in a copy is adopted instead of spending ours, and the new tokens reach
// every copy before any lock is released.
import fsp from 'node:fs/promises';
import { AgentStore } from '../store/agent-store.js';
import type { OAuthCredential } from '../store/auth-profiles.js';
import { type LockedAuthStore, NO_CHANGE, type UpdateOptions } from '../store/auth-store.js';
import { resolveRealFile } from '../store/real-path.js';
import { keepUnsavedCredential } from '../store/recovery.js';
import { type Env, DEFAULT_AGENT_ID, agentsRoot } from '../store/paths.js';

/** Two credentials of one account (an unknown account id matches any). */
export function sameAccount(a: OAuthCredential, b: OAuthCredential): boolean {
  return !a.accountId || !b.accountId || a.accountId === b.accountId;
}

/**
 * Another agent's store holding a copy: the profiles in it that held the token when it was found,
 * or that hold the same profile id for the same (known) account, which is what a copy the gateway
 * refreshed a moment before we looked is.
 */
export interface CopyHolder {
  store: AgentStore;
  realPath: string;
  profileIds: string[];
  /** Of those, the ones that held the very token (the rest matched by account id). */
  sharedToken: Set<string>;
}

export interface LockedCopy extends CopyHolder {
  locked: LockedAuthStore;
}

function isOAuth(c: unknown): c is OAuthCredential {
  return (c as OAuthCredential | undefined)?.type === 'oauth';
}

/** Both credentials name an account, and it is the same one. */
function provenSameAccount(a: OAuthCredential, b: OAuthCredential): boolean {
  return Boolean(a.accountId && b.accountId && a.accountId === b.accountId);
}

/** The agent ids with a directory under <state>/agents, plus main (which may live elsewhere). */
export async function agentIds(env: Env): Promise<string[]> {
  let ids: string[] = [];
  try {
    ids = await fsp.readdir(agentsRoot(env));
  } catch {
    /* no agents dir */
  }
  if (!ids.includes(DEFAULT_AGENT_ID)) ids.push(DEFAULT_AGENT_ID);
  return ids;
}

/**
 * Other agents' stores holding `refresh` for the account of `of`, or (given `profileId`) that
 * profile of the same provider for the same known account; a store that is the origin's file
 * (through a symlink) is the same store, not a copy. A store that cannot be read is skipped: its
 * problems are doctor's business, and the post-refresh pass still reaches it.
 */
export async function findCopies(origin: AgentStore, refresh: string, of: OAuthCredential, env: Env, profileId?: string): Promise<CopyHolder[]> {
  const originReal = await resolveRealFile(origin.storePath);
  const seen = new Set([originReal]);
  const copies: CopyHolder[] = [];
  for (const id of await agentIds(env)) {
    let store: AgentStore;
    try {
      store = new AgentStore(id, env, origin.warn);
    } catch {
      continue; // not an agent id
    }
    try {
      const realPath = await resolveRealFile(store.storePath);
      if (seen.has(realPath)) continue;
      const { store: doc, exists } = await store.load();
      if (!exists) continue;
      const sharedToken = new Set<string>();
      const profileIds: string[] = [];
      for (const [pid, c] of Object.entries(doc.profiles)) {
        if (!isOAuth(c) || c.provider !== of.provider) continue;
        if (c.refresh === refresh && sameAccount(c, of)) sharedToken.add(pid);
        else if (pid !== profileId || !provenSameAccount(c, of)) continue;
        profileIds.push(pid);
      }
      if (profileIds.length === 0) continue;
      seen.add(realPath);
      copies.push({ store, realPath, profileIds, sharedToken });
    } catch {
      continue;
    }
  }
  return copies;
}

/**
 * Hold the origin's store lock and every copy's, taken in order of real path, across `fn`. The
 * options (the wait for each lock) apply to each store in turn.
 */
export async function withCopiesLocked<T>(
  origin: AgentStore,
  copies: CopyHolder[],
  options: UpdateOptions,
  fn: (origin: LockedAuthStore, copies: LockedCopy[]) => Promise<T>,
): Promise<T> {
  const originReal = await resolveRealFile(origin.storePath);
  const all = [{ realPath: originReal, copy: undefined as CopyHolder | undefined, store: origin }, ...copies.map((c) => ({ realPath: c.realPath, copy: c, store: c.store }))];
  all.sort((a, b) => (a.realPath < b.realPath ? -1 : a.realPath > b.realPath ? 1 : 0));
  const held = new Map<string, LockedAuthStore>();
  const take = async (i: number): Promise<T> => {
    if (i === all.length) {
      return fn(
        held.get(originReal)!,
        copies.map((c) => ({ ...c, locked: held.get(c.realPath)! })),
      );
    }
    const entry = all[i]!;
    return entry.store.withLock(async (locked) => {
      held.set(entry.realPath, locked);
      return take(i + 1);
    }, options);
  };
  return take(0);
}

/**
 * What a copy holds now in place of `seen`: the same account under another refresh token, i.e. the
 * gateway (or an agent of ours) refreshed it there. The one that lives longest wins.
 */
export async function successorInCopies(copies: LockedCopy[], seen: OAuthCredential): Promise<OAuthCredential | undefined> {
  let best: OAuthCredential | undefined;
  for (const copy of copies) {
    const { store } = await copy.locked.read().catch(() => ({ store: undefined }));
    if (!store) continue;
    for (const pid of copy.profileIds) {
      const c = store.profiles[pid] as OAuthCredential | undefined;
      if (!isOAuth(c) || !c.refresh || c.refresh === seen.refresh || c.provider !== seen.provider) continue;
      if (!(copy.sharedToken.has(pid) ? sameAccount(c, seen) : provenSameAccount(c, seen))) continue;
      if (!best || (c.expires ?? 0) > (best.expires ?? 0)) best = c;
    }
  }
  return best;
}

/** The token fields a rotation changes; everything else a profile holds (email, labels, ...) stays. */
export function rotatedFields(next: OAuthCredential): Pick<OAuthCredential, 'access' | 'refresh' | 'expires'> & { accountId?: string } {
  return { access: next.access, refresh: next.refresh, expires: next.expires, ...(next.accountId ? { accountId: next.accountId } : {}) };
}

/**
 * Give the profiles of each copy that still hold one of the `spent` tokens the tokens of `next`,
 * under the locks held. A copy whose write fails gets them in a recovery file beside its store
 * (its own token is spent: without them that agent would be signed out).
 */
export async function updateCopies(copies: LockedCopy[], spent: ReadonlySet<string>, next: OAuthCredential): Promise<void> {
  const fresh = rotatedFields(next);
  for (const copy of copies) {
    try {
      await copy.locked.update((doc) => {
        let n = 0;
        for (const pid of copy.profileIds) {
          const c = doc.profiles[pid] as OAuthCredential | undefined;
          if (!isOAuth(c) || !spent.has(c.refresh) || !sameAccount(c, next)) continue;
          doc.profiles[pid] = { ...c, ...fresh };
          n++;
        }
        return n ? n : NO_CHANGE;
      });
    } catch (err) {
      await keepForCopy(copy, next, err);
    }
  }
}

/** A copy that could not be written keeps the tokens in a recovery file beside its store. */
export async function keepForCopy(copy: CopyHolder, next: OAuthCredential, err: unknown): Promise<void> {
  const fresh = rotatedFields(next);
  const kept = await keepUnsavedCredential(
    copy.store.storePath,
    copy.profileIds.map((pid) => ({ profileId: pid, credential: { ...next, ...fresh } })),
    `the refreshed token for agent ${copy.store.agentId}`,
    err,
  );
  copy.store.warn(kept.message);
}
