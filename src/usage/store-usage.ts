// Usage of several profiles of one agent's store, a few requests at a time. The store is read, never
// written: a usage fetch changes nothing on disk.
import { type AnyCredential, type LoadedAuthStore, readAuthStore } from '../store/index.js';
import { fileVersion } from '../store/file-version.js';
import { type UsageFetchOptions, fetchProfileUsage } from './profile.js';
import type { ProfileUsage } from './types.js';

/**
 * The profiles of each store this process read last, while its file is the same one (see
 * src/store/file-version.ts). The status report reads the store just before usage is asked for
 * (the dashboard after each report, `models status --usage`) and hands its read over
 * (rememberStoreRead), and the live dashboard asks again each time scrolling or the filter brings
 * rows into view: reading and validating a 10,000-profile store again for ~20 credentials took
 * 40-50 ms and a second copy of the store in memory each time. The report's own parsed profiles
 * are kept as they are (no copy: a copy made right after the report is the dashboard's peak).
 */
const lastReads = new Map<string, { version: string; profiles: Record<string, AnyCredential> }>();
/** Stores remembered at once (the dashboard switches agents with `a`; --all-agents reads them all). */
const REMEMBERED_STORES = 8;

/** Remember what a read of the store saw, for the usage requests that follow it. */
export function rememberStoreRead(loaded: LoadedAuthStore): void {
  if (!loaded.version) return;
  lastReads.delete(loaded.path);
  lastReads.set(loaded.path, { version: loaded.version, profiles: loaded.store.profiles });
  if (lastReads.size > REMEMBERED_STORES) lastReads.delete(lastReads.keys().next().value!);
}

async function usageCredentials(storePath: string): Promise<Record<string, AnyCredential>> {
  const last = lastReads.get(storePath);
  if (last && fileVersion(storePath) === last.version) return last.profiles;
  const loaded = await readAuthStore(storePath);
  rememberStoreRead(loaded);
  return loaded.store.profiles;
}

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
    profiles = await usageCredentials(opts.storePath);
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
