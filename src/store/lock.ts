// The cross-process lock on a file, one protocol with the Clawdbot gateway's proper-lockfile:
// the lock is the directory `<realpath>.lock`, created with mkdir and kept fresh (mtime) while
// held, so a gateway that finds it waits, and can reclaim it if we die. Anything else at that path
// (the gateway's directory, a lock file of another program or of an earlier version of this tool)
// is held until it is stale by its owner's rule (see lock-holders.ts), never an error.
// What we do beyond proper-lockfile:
// - our holder record (pid, host, nonce) lives in the sidecar `<lock>.owner`, tied to the exact
//   directory by its inode and a marker access time, so a holder of ours whose pid is gone is taken
//   over at once, and a record left by an earlier holder never vouches for a directory someone
//   else made since (the directory stays empty, so proper-lockfile's `rmdir` still works on it);
// - take-over happens under a second O_EXCL guard file and re-checks that the lock judged stale is
//   still the same one, so two of our waiters can never both reclaim and both hold;
// - before committing a write the holder checks the lock is still its own (assertHeld), so a
//   holder that stalled past the stale time aborts instead of overwriting a newer state;
// - a waiter starved by back-to-back writers claims to be next (anti-starvation).
import { lazyCrypto } from '../util/lazy-builtins.js';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { ClawdbotError, LockCompromisedError, LockTimeoutError, isNodeError } from './errors.js';
import { GATEWAY_STALE_MS, HOST, LOCK_DIR_MODE, type LockOwner, type SeenLock, ownerMatches, ownerPath, parseOwner, sameLock, seeLock } from './lock-holders.js';
import { resolveRealFile } from './real-path.js';

export { GATEWAY_STALE_MS } from './lock-holders.js';

export interface LockOptions {
  /** A lock of ours not heartbeaten for this long is stale (the gateway's own locks: 30 s). */
  staleMs?: number;
  /** Give up (LockTimeoutError) after waiting this long. */
  timeoutMs?: number;
}

export const DEFAULT_STALE_MS = 10_000;
// Longer than the gateway's stale time, so a gateway that died holding the lock is outwaited.
export const DEFAULT_LOCK_TIMEOUT_MS = 45_000;
const GUARD_STALE_MS = 5_000;
// Our marker access times are whole seconds in 2033-2036: far from any real access time, in the
// future so relatime never bumps them, and before 2038 for file systems with 32-bit times.
const MARKER_BASE_S = 2_000_000_000;
const MARKER_SPAN_S = 100_000_000;

export interface HeldLock {
  readonly lockPath: string;
  /** Throws LockCompromisedError when another process has taken the lock over. */
  assertHeld(): Promise<void>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The lock directory for `target`: next to the real file (symlinks resolved, like proper-lockfile). */
export async function lockPathFor(target: string): Promise<string> {
  return `${await resolveRealFile(target)}.lock`;
}

interface Claim {
  pid: number;
  host: string;
  nonce: string;
  acquiredAt: number;
}

/** O_EXCL file holding `claim` (the reclaim guard and the "next" claim). */
async function tryCreateFile(p: string, claim: Claim): Promise<boolean> {
  let fh: fsp.FileHandle;
  try {
    fh = await fsp.open(p, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o600);
  } catch (err) {
    if (isNodeError(err, 'EEXIST')) return false;
    throw err;
  }
  try {
    await fh.writeFile(JSON.stringify(claim));
  } catch (err) {
    await fh.close().catch(() => undefined);
    await fsp.unlink(p).catch(() => undefined);
    throw err;
  }
  await fh.close();
  return true;
}

async function readClaim(p: string): Promise<{ st: fs.Stats; nonce?: string } | undefined> {
  try {
    const st = await fsp.stat(p);
    const v = JSON.parse(await fsp.readFile(p, 'utf8')) as Partial<Claim>;
    return { st, nonce: typeof v.nonce === 'string' ? v.nonce : undefined };
  } catch (err) {
    if (isNodeError(err, 'ENOENT')) return undefined;
    if (err instanceof SyntaxError) return undefined;
    throw err;
  }
}

interface Created {
  owner: LockOwner;
  /**
   * The lock directory, open: heartbeats touch this very directory even if the path has been
   * given to someone else meanwhile (we never stamp another holder's lock), and while it is open
   * its inode cannot be reused, so an inode match by path is exact. Undefined where a directory
   * cannot be opened (then heartbeats go by path).
   */
  dir?: fsp.FileHandle;
}

async function openDir(p: string): Promise<fsp.FileHandle | undefined> {
  try {
    return await fsp.open(p, fs.constants.O_RDONLY | (fs.constants.O_DIRECTORY ?? 0));
  } catch (err) {
    if (isNodeError(err, 'EISDIR') || isNodeError(err, 'EPERM') || isNodeError(err, 'EACCES')) return undefined;
    throw err;
  }
}

/**
 * mkdir the lock directory; on success stamp it as ours (marker access time, sidecar record).
 * Returns undefined when the path is taken.
 */
async function tryCreateLock(lockPath: string, claim: Claim): Promise<Created | undefined> {
  try {
    // The sticky bit marks the directory as ours from the instant it exists (mkdir sets it
    // atomically on Linux), so a crash before the record below costs a 2 s grace, not 30 s.
    await fsp.mkdir(lockPath, { mode: LOCK_DIR_MODE });
  } catch (err) {
    if (isNodeError(err, 'EEXIST')) return undefined;
    if (isNodeError(err, 'ENOENT')) {
      throw new ClawdbotError(`Could not lock ${lockPath}: its directory does not exist; nothing was written. Fix the path (or the link pointing there).`);
    }
    throw err;
  }
  let dir: fsp.FileHandle | undefined;
  try {
    dir = await openDir(lockPath);
    const marker = MARKER_BASE_S + Math.floor(Math.random() * MARKER_SPAN_S);
    if (dir) await dir.utimes(marker, new Date());
    else await fsp.utimes(lockPath, marker, new Date());
    const st = dir ? await dir.stat() : await fsp.stat(lockPath);
    // Where mkdir drops the sticky bit (not Linux), set it now: the same mark, a moment later.
    if ((st.mode & LOCK_DIR_MODE) !== LOCK_DIR_MODE) await (dir ? dir.chmod(LOCK_DIR_MODE) : fsp.chmod(lockPath, LOCK_DIR_MODE));
    const owner: LockOwner = { ...claim, ino: st.ino, marker };
    // Written whole and renamed into place: a reader never sees half a record. It replaces any
    // record an earlier holder left behind (that one no longer matches this directory anyway).
    const tmp = `${ownerPath(lockPath)}.${claim.nonce}`;
    await fsp.writeFile(tmp, JSON.stringify(owner), { mode: 0o600 });
    // Frozen for over the grace time since mkdir, we may have lost the directory to a waiter:
    // then our record must not replace the new holder's.
    if ((await fsp.stat(lockPath).catch(() => undefined))?.ino !== st.ino) {
      await fsp.unlink(tmp).catch(() => undefined);
      await dir?.close().catch(() => undefined);
      return undefined;
    }
    await fsp.rename(tmp, ownerPath(lockPath));
    return { owner, dir };
  } catch (err) {
    // e.g. ENOSPC: do not leave a lock behind for others to wait on.
    await dir?.close().catch(() => undefined);
    await fsp.unlink(`${ownerPath(lockPath)}.${claim.nonce}`).catch(() => undefined);
    await fsp.rmdir(lockPath).catch(() => undefined);
    throw err;
  }
}

async function removeLockAt(lockPath: string, seen: SeenLock): Promise<void> {
  if (seen.st.isDirectory()) {
    try {
      await fsp.rmdir(lockPath);
    } catch (err) {
      if (isNodeError(err, 'ENOENT')) return;
      // A stale lock directory with something inside (not proper-lockfile's, not ours): it would
      // wedge every writer, the gateway included, for ever.
      if (isNodeError(err, 'ENOTEMPTY') || isNodeError(err, 'EEXIST')) await fsp.rm(lockPath, { recursive: true, force: true });
      else throw err;
    }
    // The holder record of the lock just removed (only if it is still that one).
    const sidecar = await fsp.readFile(ownerPath(lockPath), 'utf8').catch(() => undefined);
    if (sidecar !== undefined && sidecar === seen.text) await fsp.unlink(ownerPath(lockPath)).catch(() => undefined);
  } else {
    await fsp.unlink(lockPath).catch((err) => {
      if (!isNodeError(err, 'ENOENT')) throw err;
    });
  }
}

/**
 * Remove a stale lock, but only if it is still the very lock we judged stale. Returns false when
 * another of our processes is reclaiming it, or it changed meanwhile.
 */
async function reclaim(lockPath: string, judged: SeenLock, staleMs: number): Promise<boolean> {
  const guard = `${lockPath}.reclaim`;
  const claim: Claim = { pid: process.pid, host: HOST, nonce: lazyCrypto().randomUUID(), acquiredAt: Date.now() };
  if (!(await tryCreateFile(guard, claim))) {
    // Someone else is reclaiming. A guard left by a crash mid-reclaim is removed after a while.
    try {
      const st = await fsp.stat(guard);
      if (Date.now() - st.mtimeMs > GUARD_STALE_MS) await fsp.unlink(guard);
    } catch (err) {
      if (!isNodeError(err, 'ENOENT')) throw err;
    }
    return false;
  }
  try {
    const now = await seeLock(lockPath, staleMs);
    if (!now || !now.stale || !sameLock(now, judged)) return false;
    await removeLockAt(lockPath, now);
    return true;
  } finally {
    await fsp.unlink(guard).catch(() => undefined);
  }
}

const STARVING_MS = 250;
const NEXT_FRESH_MS = 500;

/** True when another live waiter has claimed to be next (a fresh `<lock>.next` that is not ours). */
async function otherHasNext(nextPath: string, nonce: string): Promise<boolean> {
  const seen = await readClaim(nextPath).catch(() => undefined);
  if (!seen || Date.now() - seen.st.mtimeMs > NEXT_FRESH_MS) return false;
  return seen.nonce !== nonce;
}

async function claimNext(nextPath: string, claim: Claim): Promise<boolean> {
  try {
    if (await tryCreateFile(nextPath, claim)) return true;
    const seen = await readClaim(nextPath);
    // A claim left by a waiter that died (or gave up) is replaced.
    if (seen && Date.now() - seen.st.mtimeMs > NEXT_FRESH_MS) {
      await fsp.unlink(nextPath).catch(() => undefined);
      return await tryCreateFile(nextPath, claim);
    }
  } catch {
    /* advisory: waiting on as before is always correct */
  }
  return false;
}

async function releaseNext(nextPath: string, nonce: string): Promise<void> {
  const seen = await readClaim(nextPath).catch(() => undefined);
  if (seen && seen.nonce === nonce) await fsp.unlink(nextPath).catch(() => undefined);
}

// Callers in one process queue here first, so they do not poll the file system against each other.
const inProcessQueues = new Map<string, Promise<unknown>>();

export async function withFileLock<T>(
  target: string,
  fn: (lock: HeldLock) => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const lockPath = await lockPathFor(target);
  const previous = inProcessQueues.get(lockPath) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const chained = previous.then(() => mine);
  inProcessQueues.set(lockPath, chained);
  await previous.catch(() => undefined);
  try {
    return await withAcquired(lockPath, fn, options);
  } finally {
    release();
    if (inProcessQueues.get(lockPath) === chained) inProcessQueues.delete(lockPath);
  }
}

async function acquire(lockPath: string, claim: Claim, staleMs: number, timeoutMs: number): Promise<Created> {
  const started = Date.now();
  let delay = 2;
  let lastHolder: string | undefined;
  // Fairness: a waiter that has waited STARVING_MS claims `<lock>.next`; while that claim is fresh,
  // everyone else of ours (including a holder coming straight back for more) stands aside, so a
  // process rewriting the store back to back cannot starve a command for seconds. Advisory only:
  // mutual exclusion is the lock directory alone, and a dead claimant's claim expires after NEXT_FRESH_MS.
  const nextPath = `${lockPath}.next`;
  let next = false;
  try {
    for (;;) {
      if (next || !(await otherHasNext(nextPath, claim.nonce))) {
        const created = await tryCreateLock(lockPath, claim);
        if (created) return created;
        const seen = await seeLock(lockPath, staleMs);
        if (!seen) continue; // released between our mkdir and our look: try again at once
        lastHolder = seen.holder ?? lastHolder;
        if (seen.stale) {
          if (await reclaim(lockPath, seen, staleMs)) continue;
        }
      }
      const waited = Date.now() - started;
      if (waited >= timeoutMs) throw new LockTimeoutError(lockPath, waited, lastHolder);
      if (!next && waited >= STARVING_MS) next = await claimNext(nextPath, claim);
      if (next) {
        // First in line: look often (the lock is free for only a moment between holders), but not
        // so often that a long hold (an OAuth refresh) costs much CPU.
        const t = new Date();
        await fsp.utimes(nextPath, t, t).catch(() => undefined);
        await sleep(2 + 3 * Math.random());
        continue;
      }
      // Jittered backoff capped low: holds are a few milliseconds, so waiters should look often.
      await sleep(Math.min(delay, timeoutMs - waited) * (0.5 + Math.random()));
      delay = Math.min(delay * 1.5, 50);
    }
  } finally {
    if (next) await releaseNext(nextPath, claim.nonce);
  }
}

async function withAcquired<T>(lockPath: string, fn: (lock: HeldLock) => Promise<T>, options: LockOptions): Promise<T> {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const claim: Claim = { pid: process.pid, host: HOST, nonce: lazyCrypto().randomUUID(), acquiredAt: Date.now() };
  const { owner, dir } = await acquire(lockPath, claim, staleMs, timeoutMs);

  let compromised = false;
  const stillOurs = async (): Promise<boolean> => {
    try {
      return ownerMatches(owner, await fsp.stat(lockPath));
    } catch {
      return false;
    }
  };
  // Heartbeat: keep the mtime fresh so neither our waiters (staleMs) nor the gateway (30 s) judge
  // a long hold (an OAuth refresh) stale; the access time keeps our marker.
  const heartbeat = setInterval(() => {
    void (async () => {
      if (compromised || !(await stillOurs())) {
        compromised = true;
        return;
      }
      const touch = dir ? dir.utimes(owner.marker, new Date()) : fsp.utimes(lockPath, owner.marker, new Date());
      await touch.catch(() => undefined);
    })();
  }, Math.max(50, Math.floor(Math.min(staleMs, GATEWAY_STALE_MS) / 3)));
  heartbeat.unref();

  const held: HeldLock = {
    lockPath,
    async assertHeld() {
      if (compromised || !(await stillOurs())) {
        compromised = true;
        throw new LockCompromisedError(lockPath);
      }
    },
  };
  try {
    return await fn(held);
  } finally {
    clearInterval(heartbeat);
    if (!compromised && (await stillOurs())) await release(lockPath, owner);
    await dir?.close().catch(() => undefined);
  }
}

async function release(lockPath: string, owner: LockOwner): Promise<void> {
  // Record first, directory last: once the directory is gone someone else may own the record path.
  const sidecar = await fsp.readFile(ownerPath(lockPath), 'utf8').catch(() => undefined);
  if (sidecar !== undefined && parseOwner(sidecar)?.nonce === owner.nonce) await fsp.unlink(ownerPath(lockPath)).catch(() => undefined);
  await fsp.rmdir(lockPath).catch(() => undefined);
}

export interface LockInfo {
  lockPath: string;
  /** Why it may be removed; undefined when its holder looks alive. */
  stale?: string;
  holder?: string;
}

/** For doctor: what holds the lock on `target`, and whether it is stale by its owner's rule. */
export async function inspectLock(target: string, staleMs = DEFAULT_STALE_MS): Promise<LockInfo | undefined> {
  const lockPath = await lockPathFor(target);
  const seen = await seeLock(lockPath, staleMs);
  if (!seen) {
    await sweepOrphanedOwner(lockPath);
    return undefined;
  }
  return { lockPath, stale: seen.stale, holder: seen.holder };
}

/**
 * A holder record with no lock directory (a directory removed by hand, or a holder that died
 * between the two steps of its release) is removed; a fresh one may belong to a holder that has
 * just made its directory, so only one older than the guard time.
 */
async function sweepOrphanedOwner(lockPath: string): Promise<void> {
  try {
    const st = await fsp.stat(ownerPath(lockPath));
    if (Date.now() - st.mtimeMs < GUARD_STALE_MS) return;
    await fsp.stat(lockPath);
  } catch (err) {
    if (isNodeError(err, 'ENOENT')) await fsp.unlink(ownerPath(lockPath)).catch(() => undefined);
  }
}

/** For doctor --repair: remove the lock on `target` if (still) stale, the way a waiter would. */
export async function removeStaleLock(target: string, staleMs = DEFAULT_STALE_MS): Promise<boolean> {
  const lockPath = await lockPathFor(target);
  const seen = await seeLock(lockPath, staleMs);
  if (!seen?.stale) return false;
  return reclaim(lockPath, seen, staleMs);
}
