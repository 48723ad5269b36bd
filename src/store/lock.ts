// The cross-process lock on a file, one protocol with the Clawdbot gateway's proper-lockfile:
// the lock is the directory `<realpath>.lock`, created with mkdir and kept fresh (mtime) while
// held, so a gateway that finds it waits, and can reclaim it if we die. Anything else at that path
// (the gateway's directory, a lock file of another program or of an earlier version of this tool)
// is held until it is stale by its owner's rule (see lock-holders.ts), never an error.
// What we do beyond proper-lockfile:
// - our holder record (pid, host, nonce) is the file `<lock>.owner-<marker>`, named by a marker
//   access time set on the directory right after mkdir, so a holder of ours whose pid is gone is
//   taken over at once, and a record left by an earlier holder never vouches for a directory
//   someone else made since (the directory stays empty, so proper-lockfile's `rmdir` works on it);
// - take-over happens under a second O_EXCL guard file and re-checks that the lock judged stale is
//   still the same one, so two of our waiters can never both reclaim and both hold;
// - before committing a write the holder checks the lock is still its own (assertHeld), so a
//   holder that stalled past the stale time aborts instead of overwriting a newer state;
// - a waiter starved by back-to-back writers claims to be next (anti-starvation).
import { lazyCrypto } from '../util/lazy-builtins.js';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { ClawdbotError, LockCompromisedError, LockTimeoutError, isNodeError } from '../util/errors.js';
import {
  GATEWAY_STALE_MS,
  HOST,
  LOCK_DIR_MODE,
  MARKER_BASE_S,
  MARKER_SPAN_S,
  type LockOwner,
  type SeenLock,
  markerOf,
  ownerPath,
  parseOwner,
  pidAlive,
  sameLock,
  seeLock,
} from './lock-holders.js';
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

async function readClaim(p: string): Promise<{ st: fs.Stats; nonce?: string; pid?: number; host?: string } | undefined> {
  let st: fs.Stats;
  try {
    st = await fsp.stat(p);
  } catch (err) {
    if (isNodeError(err, 'ENOENT')) return undefined;
    throw err;
  }
  try {
    const v = JSON.parse(await fsp.readFile(p, 'utf8')) as Partial<Claim>;
    return { st, nonce: typeof v.nonce === 'string' ? v.nonce : undefined, pid: v.pid, host: v.host };
  } catch (err) {
    if (isNodeError(err, 'ENOENT')) return undefined;
    // Empty or half-written (its maker was killed mid-write): judged by its age alone.
    if (err instanceof SyntaxError) return { st };
    throw err;
  }
}

/** A claim (guard, next) made on this host by a process that is gone. */
function deadHere(c: { pid?: number; host?: string }): boolean {
  return c.host === HOST && typeof c.pid === 'number' && c.pid !== process.pid && !pidAlive(c.pid);
}

function missingDirectory(lockPath: string): ClawdbotError {
  return new ClawdbotError(`Could not lock ${lockPath}: its directory does not exist; nothing was written. Fix the path (or the link pointing there).`);
}

interface Created {
  /** Inode of the directory we made (the path must still name it for the lock to be ours). */
  ino: number;
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
 * mkdir the lock directory; on success mark it as ours (the marker access time that names our
 * record, written before). Returns undefined when the path is taken.
 */
async function tryCreateLock(lockPath: string, owner: LockOwner): Promise<Created | undefined> {
  try {
    // The sticky bit marks the directory as ours from the instant it exists (mkdir sets it
    // atomically on Linux), so a crash before the marker below costs a 2 s grace, not 30 s.
    await fsp.mkdir(lockPath, { mode: LOCK_DIR_MODE });
  } catch (err) {
    if (isNodeError(err, 'EEXIST')) return undefined;
    if (isNodeError(err, 'ENOENT')) throw missingDirectory(lockPath);
    throw err;
  }
  let dir: fsp.FileHandle | undefined;
  try {
    // One step from mkdir to "held by pid P": the marker points at the record written before.
    await fsp.utimes(lockPath, owner.marker, new Date());
    dir = await openDir(lockPath);
    const st = dir ? await dir.stat() : await fsp.stat(lockPath);
    // Frozen for over the grace time since mkdir, we may have lost the directory to a waiter.
    if (!st.isDirectory() || markerOf(st) !== owner.marker) {
      await dir?.close().catch(() => undefined);
      return undefined;
    }
    // Where mkdir drops the sticky bit (not Linux), set it now: the same mark, a moment later.
    if ((st.mode & LOCK_DIR_MODE) !== LOCK_DIR_MODE) await (dir ? dir.chmod(LOCK_DIR_MODE) : fsp.chmod(lockPath, LOCK_DIR_MODE));
    return { ino: st.ino, dir };
  } catch (err) {
    // Do not leave a lock behind for others to wait on.
    await dir?.close().catch(() => undefined);
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
    // The record of the holder just removed: its own file, which no later holder uses.
    const marker = markerOf(seen.st);
    if (marker !== undefined && seen.text) await fsp.unlink(ownerPath(lockPath, marker)).catch(() => undefined);
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
    // Someone else is reclaiming. A guard left by a crash mid-reclaim is removed at once when its
    // maker's pid is gone, otherwise after a while.
    const seen = await readClaim(guard).catch(() => undefined);
    if (seen && (Date.now() - seen.st.mtimeMs > GUARD_STALE_MS || deadHere(seen))) await fsp.unlink(guard).catch(() => undefined);
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
  if (!seen || Date.now() - seen.st.mtimeMs > NEXT_FRESH_MS || deadHere(seen)) return false;
  return seen.nonce !== nonce;
}

async function claimNext(nextPath: string, claim: Claim): Promise<boolean> {
  try {
    if (await tryCreateFile(nextPath, claim)) return true;
    const seen = await readClaim(nextPath);
    // A claim left by a waiter that died (or gave up) is replaced.
    if (seen && (Date.now() - seen.st.mtimeMs > NEXT_FRESH_MS || deadHere(seen))) {
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

async function acquire(lockPath: string, owner: LockOwner, staleMs: number, timeoutMs: number): Promise<Created> {
  const claim: Claim = owner;
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
        const created = await tryCreateLock(lockPath, owner);
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
  const owner: LockOwner = {
    pid: process.pid,
    host: HOST,
    nonce: lazyCrypto().randomUUID(),
    acquiredAt: Date.now(),
    marker: MARKER_BASE_S + Math.floor(Math.random() * MARKER_SPAN_S),
  };
  // The record goes first, under a name no one else uses: once our directory carries the marker
  // it names a complete record, and releasing never touches another holder's.
  const record = ownerPath(lockPath, owner.marker);
  await fsp.writeFile(record, JSON.stringify(owner), { mode: 0o600 }).catch((err: unknown) => {
    throw isNodeError(err, 'ENOENT') ? missingDirectory(lockPath) : err;
  });
  let created: Created;
  try {
    created = await acquire(lockPath, owner, staleMs, timeoutMs);
  } catch (err) {
    await fsp.unlink(record).catch(() => undefined);
    throw err;
  }
  const { ino, dir } = created;

  let compromised = false;
  const stillOurs = async (): Promise<boolean> => {
    try {
      const st = await fsp.stat(lockPath);
      return st.ino === ino && markerOf(st) === owner.marker;
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
    // Directory first: a crash after it leaves only a record that nothing points at.
    if (!compromised && (await stillOurs())) await fsp.rmdir(lockPath).catch(() => undefined);
    await dir?.close().catch(() => undefined);
    await fsp.unlink(record).catch(() => undefined);
  }
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
  await sweepLockRecords(target);
  if (!seen) return undefined;
  return { lockPath, stale: seen.stale, holder: seen.holder };
}

/**
 * Holder records nothing points at any more (their writer was killed, or gave up and died before
 * removing it): removed when their pid is gone (this host) or, from another host, after an hour.
 * The current holder's record and those of live waiters are kept.
 */
export async function sweepLockRecords(target: string): Promise<number> {
  const lockPath = await lockPathFor(target);
  const dir = path.dirname(lockPath);
  const prefix = `${path.basename(lockPath)}.owner-`;
  let names: string[];
  try {
    // Blocking, like the store read it comes before: the directory holds a few names.
    names = fs.readdirSync(dir).filter((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length)));
  } catch {
    return 0;
  }
  if (!names.length) return 0;
  const current = await fsp.stat(lockPath).then(markerOf, () => undefined);
  let removed = 0;
  for (const name of names) {
    if (Number(name.slice(prefix.length)) === current) continue;
    const full = path.join(dir, name);
    try {
      const st = await fsp.stat(full);
      const rec = parseOwner(await fsp.readFile(full, 'utf8'));
      const orphan = rec
        ? rec.host === HOST
          ? rec.pid !== process.pid && !pidAlive(rec.pid)
          : Date.now() - st.mtimeMs > 3_600_000
        : Date.now() - st.mtimeMs > GUARD_STALE_MS;
      if (!orphan) continue;
      await fsp.unlink(full);
      removed++;
    } catch {
      /* gone meanwhile */
    }
  }
  return removed;
}

/** For doctor --repair: remove the lock on `target` if (still) stale, the way a waiter would. */
export async function removeStaleLock(target: string, staleMs = DEFAULT_STALE_MS): Promise<boolean> {
  const lockPath = await lockPathFor(target);
  const seen = await seeLock(lockPath, staleMs);
  if (!seen?.stale) return false;
  return reclaim(lockPath, seen, staleMs);
}
