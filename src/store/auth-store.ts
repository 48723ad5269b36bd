// Reading and updating one agent's auth-profiles.json. Every write is a patch applied, under the
// cross-process lock, to the file as it is on disk at that moment: a mutator never sees a stale
// in-memory copy, so a profile another process added a millisecond earlier is never lost.
import fsp from 'node:fs/promises';
import {
  type AuthProfileStore,
  emptyAuthStore,
  parseAuthStore,
  serializeAuthStore,
} from './auth-profiles.js';
import {
  type WarningSink,
  defaultWarningSink,
  ensurePrivateDir,
  readFileIfExists,
  sweepOrphanedTempFiles,
  tightenFileMode,
  writePrivateFileAtomic,
} from './atomic-file.js';
import { type LockOptions, sweepLockRecords, withFileLock } from './lock.js';
import path from 'node:path';

export interface LoadedAuthStore {
  store: AuthProfileStore;
  /** False when the file does not exist yet (an empty store is returned). */
  exists: boolean;
  path: string;
}

/** Read and validate. Throws StoreCorruptError for a bad file; a missing file is an empty store. */
export async function readAuthStore(filePath: string): Promise<LoadedAuthStore> {
  const bytes = await readFileIfExists(filePath);
  if (bytes === undefined) return { store: emptyAuthStore(), exists: false, path: filePath };
  return { store: parseAuthStore(filePath, bytes), exists: true, path: filePath };
}

/** Returned by a mutator to say "nothing changed": no write happens. */
export const NO_CHANGE = Symbol('no-change');

export type StoreMutator<T> = (store: AuthProfileStore, ctx: { exists: boolean }) => T | typeof NO_CHANGE | Promise<T | typeof NO_CHANGE>;

export interface UpdateOptions extends LockOptions {
  warn?: WarningSink;
}

/**
 * Lock, re-read, apply `mutate` to the fresh document, write atomically, unlock. A corrupt file
 * throws before the mutator runs and is never overwritten. Returns what the mutator returned
 * (undefined when it returned NO_CHANGE).
 */
export async function updateAuthStore<T>(
  filePath: string,
  mutate: StoreMutator<T>,
  options: UpdateOptions = {},
): Promise<T | undefined> {
  const warn = options.warn ?? defaultWarningSink;
  await ensurePrivateDir(path.dirname(filePath), warn);
  return withFileLock(
    filePath,
    async (lock) => {
      const { store, exists } = await readAuthStore(filePath);
      const result = await mutate(store, { exists });
      if (result === NO_CHANGE) return undefined;
      await lock.assertHeld();
      await writePrivateFileAtomic(filePath, serializeAuthStore(store), warn);
      return result;
    },
    options,
  );
}

const housekeptDirs = new Set<string>();

/**
 * Once per process per store: remove orphaned temp files from crashed writers and tighten a
 * file that others can read. Best effort for read-only callers (a read-only dir is not an error).
 */
export async function housekeepStoreFile(filePath: string, warn: WarningSink = defaultWarningSink): Promise<void> {
  if (housekeptDirs.has(filePath)) return;
  housekeptDirs.add(filePath);
  try {
    await sweepOrphanedTempFiles(filePath);
    await sweepLockRecords(filePath);
    await tightenFileMode(filePath, warn);
  } catch {
    /* e.g. EACCES on someone else's tree: reading may still work */
  }
}

export async function fileExists(p: string): Promise<boolean> {
  try {
    await fsp.access(p);
    return true;
  } catch {
    return false;
  }
}

export { ensurePrivateDir };
