// Reading and updating one agent's auth-profiles.json. Every write is a patch applied, under the
// cross-process lock, to the file as it is on disk at that moment: a mutator never sees a stale
// in-memory copy, so a profile another process added a millisecond earlier is never lost.
import fs from 'node:fs';
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
  readFileIfExistsSync,
  sweepOrphanedTempFiles,
  tightenFileMode,
  writePrivateFileAtomic,
} from './atomic-file.js';
import { type HeldLock, type LockOptions, sweepLockRecords, withFileLock } from './lock.js';
import { readWhileSettling } from './settled-read.js';
import { fileVersion } from './file-version.js';
import path from 'node:path';

export interface LoadedAuthStore {
  store: AuthProfileStore;
  /** False when the file does not exist yet (an empty store is returned). */
  exists: boolean;
  path: string;
  /**
   * The file's version (src/store/file-version.ts) when it was the same before and after the
   * read: while the file still has it, `store` is what is on disk. Absent when the file is
   * missing or changed during the read.
   */
  version?: string;
}

/** Read and validate. Throws StoreCorruptError for a bad file; a missing file is an empty store. */
export async function readAuthStore(filePath: string): Promise<LoadedAuthStore> {
  // The gateway saves with a plain (truncating) writeFile: a file caught mid-write is read again.
  return readWhileSettling(filePath, async () => {
    const before = fileVersion(filePath);
    const bytes = readFileIfExistsSync(filePath);
    if (bytes === undefined) return { store: emptyAuthStore(), exists: false, path: filePath };
    const version = before !== undefined && fileVersion(filePath) === before ? before : undefined;
    return { store: parseAuthStore(filePath, bytes), exists: true, path: filePath, ...(version ? { version } : {}) };
  });
}

/** Returned by a mutator to say "nothing changed": no write happens. */
export const NO_CHANGE = Symbol('no-change');

export type StoreMutator<T> = (store: AuthProfileStore, ctx: { exists: boolean }) => T | typeof NO_CHANGE | Promise<T | typeof NO_CHANGE>;

export interface UpdateOptions extends LockOptions {
  warn?: WarningSink;
}

/** A store whose lock the caller holds: it may read and patch it as often as it needs. */
export interface LockedAuthStore {
  readonly lock: HeldLock;
  read(): Promise<LoadedAuthStore>;
  /** Re-read, apply `mutate`, check the lock is still ours, write atomically (see updateAuthStore). */
  update<T>(mutate: StoreMutator<T>): Promise<T | undefined>;
}

/**
 * Hold the store's lock across `fn` (the same lock the gateway takes on auth-profiles.json), e.g.
 * for an OAuth refresh that must re-read, ask the provider and save as one step. Do not call
 * AgentStore.update/updateAuthStore on the same file inside `fn` (the lock is not re-entrant):
 * use `locked.update`.
 */
export async function withAuthStoreLock<T>(
  filePath: string,
  fn: (locked: LockedAuthStore) => Promise<T>,
  options: UpdateOptions = {},
): Promise<T> {
  const warn = options.warn ?? defaultWarningSink;
  await ensurePrivateDir(path.dirname(filePath), warn);
  return withFileLock(
    filePath,
    (lock) =>
      fn({
        lock,
        read: () => readAuthStore(filePath),
        async update<R>(mutate: StoreMutator<R>): Promise<R | undefined> {
          const { store, exists } = await readAuthStore(filePath);
          const result = await mutate(store, { exists });
          if (result === NO_CHANGE) return undefined;
          await lock.assertHeld();
          await writePrivateFileAtomic(filePath, serializeAuthStore(store), warn);
          return result;
        },
      }),
    options,
  );
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
  return withAuthStoreLock(filePath, (locked) => locked.update(mutate), options);
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

/** Blocking, like the small reads of a status run (see readFileIfExists): one access(2) call. */
export async function fileExists(p: string): Promise<boolean> {
  try {
    fs.accessSync(p);
    return true;
  } catch {
    return false;
  }
}

export { ensurePrivateDir };
