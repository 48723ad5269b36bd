// Usage of several profiles of one agent's store, a few requests at a time. The store is read, never
// written: a usage fetch changes nothing on disk.
import { readAuthStore } from '../store/index.js';
import { type UsageFetchOptions, fetchProfileUsage } from './profile.js';
import type { ProfileUsage } from './types.js';

/** At most this many usage requests at once: one status run must not open dozens of connections. */
const CONCURRENCY = 4;

export interface StoreUsageOptions extends UsageFetchOptions {
  storePath: string;
  /** Only these profiles (default: every stored profile). Ids no longer stored are left out. */
  profileIds?: readonly string[];
}

/** Results by profile id. A store that cannot be read gives no results (the status shows why). */
export async function fetchStoreUsage(opts: StoreUsageOptions): Promise<Map<string, ProfileUsage>> {
  const out = new Map<string, ProfileUsage>();
  let profiles;
  try {
    profiles = (await readAuthStore(opts.storePath)).store.profiles;
  } catch {
    // The status report already says the store is unreadable; usage has nothing to add.
    return out;
  }
  const ids = (opts.profileIds ?? Object.keys(profiles)).filter((id) => Object.hasOwn(profiles, id));
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      out.set(id, await fetchProfileUsage(id, profiles[id]!, opts));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
  // In the order asked, whatever order the answers came in.
  return new Map(ids.filter((id) => out.has(id)).map((id) => [id, out.get(id)!]));
}
