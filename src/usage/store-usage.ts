// Usage of several profiles of one agent's store, a few requests at a time. The store is read, never
// written: a usage fetch changes nothing on disk.
import fs from 'node:fs';
import { type AnyCredential, readAuthStore } from '../store/index.js';
import { USAGE_PROVIDERS, type UsageFetchOptions, fetchProfileUsage } from './profile.js';
import type { ProfileUsage } from './types.js';

/**
 * The credentials of the last store read, while the file is the same one (same inode, size and
 * modification time to the nanosecond: an atomic save is a new inode, an in-place save a new
 * time). The live dashboard asks again each time scrolling or the filter brings rows into view,
 * and reading and validating a 10,000-profile store for ~20 credentials took 40-50 ms each time.
 * Only what a usage request needs is kept: the credentials of providers with a usage endpoint, and
 * the type and provider of the others.
 */
let lastRead: { path: string; version: string; profiles: Record<string, AnyCredential> } | undefined;

function fileVersion(file: string): string | undefined {
  try {
    const st = fs.statSync(file, { bigint: true });
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}`;
  } catch {
    return undefined;
  }
}

async function usageCredentials(storePath: string): Promise<Record<string, AnyCredential>> {
  const version = fileVersion(storePath);
  if (version && lastRead?.path === storePath && lastRead.version === version) return lastRead.profiles;
  const { profiles } = (await readAuthStore(storePath)).store;
  const kept = Object.create(null) as Record<string, AnyCredential>; // an id may be "__proto__"
  for (const [id, cred] of Object.entries(profiles)) {
    kept[id] = USAGE_PROVIDERS.has(String(cred.provider)) ? cred : ({ type: cred.type, provider: cred.provider } as AnyCredential);
  }
  // Read while unchanged: a file that changed during the read is read again next time.
  if (version && fileVersion(storePath) === version) lastRead = { path: storePath, version, profiles: kept };
  return kept;
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
