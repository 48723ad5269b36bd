// A cross-process lock on a file: `<target>.lock`, created with O_EXCL and holding
// {pid, host, nonce, acquiredAt}. Why not proper-lockfile: it cannot tell a dead holder from a
// slow one until `stale` passes, it has an open two-holders race when reclaiming (#121), and a
// zero-byte lock left by a crash must be reclaimable. Here:
// - a holder on this host whose pid is gone is taken over at once;
// - a lock whose mtime is older than `staleMs` is taken over (the holder heartbeats its mtime);
// - an empty or garbage lock older than a short grace is taken over;
// - take-over happens under a second O_EXCL guard file and re-checks that the lock judged stale is
//   still the same file, so two waiters can never both reclaim and both hold;
// - before committing a write the holder checks the lock is still its own (assertHeld), so a
//   holder that stalled past `staleMs` aborts instead of overwriting a newer state.
import { lazyCrypto } from '../util/lazy-builtins.js';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import { LockCompromisedError, LockTimeoutError, isNodeError } from './errors.js';

export interface LockOptions {
  /** A lock not heartbeaten for this long is stale. */
  staleMs?: number;
  /** Give up (LockTimeoutError) after waiting this long. */
  timeoutMs?: number;
}

export const DEFAULT_STALE_MS = 10_000;
export const DEFAULT_LOCK_TIMEOUT_MS = 30_000;
const INVALID_LOCK_GRACE_MS = 2_000;
const GUARD_STALE_MS = 5_000;

interface LockOwner {
  pid: number;
  host: string;
  nonce: string;
  acquiredAt: number;
}

export interface HeldLock {
  readonly lockPath: string;
  /** Throws LockCompromisedError when another process has taken the lock over. */
  assertHeld(): Promise<void>;
}

const HOST = os.hostname();

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return isNodeError(err, 'EPERM');
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockOwner>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.nonce === 'string') {
      return { pid: v.pid, host: v.host, nonce: v.nonce, acquiredAt: Number(v.acquiredAt) || 0 };
    }
  } catch {
    /* garbage lock */
  }
  return undefined;
}

async function readLock(lockPath: string): Promise<{ st: fs.Stats; text: string } | undefined> {
  try {
    const st = await fsp.stat(lockPath);
    const text = await fsp.readFile(lockPath, 'utf8');
    return { st, text };
  } catch (err) {
    if (isNodeError(err, 'ENOENT')) return undefined;
    throw err;
  }
}

function describeOwner(text: string): string | undefined {
  const o = parseOwner(text);
  return o ? `pid ${o.pid} on ${o.host}` : undefined;
}

/** Why a lock may be taken over, or undefined when its holder looks alive. */
export function staleReason(text: string, mtimeMs: number, now: number, staleMs: number): string | undefined {
  const owner = parseOwner(text);
  if (!owner) return now - mtimeMs > INVALID_LOCK_GRACE_MS ? 'invalid lock file' : undefined;
  if (owner.host === HOST && owner.pid !== process.pid && !pidAlive(owner.pid)) return `holder pid ${owner.pid} is gone`;
  if (now - mtimeMs > staleMs) return 'holder stopped refreshing the lock';
  return undefined;
}

async function tryCreate(lockPath: string, owner: LockOwner): Promise<boolean> {
  let fh: fsp.FileHandle;
  try {
    fh = await fsp.open(lockPath, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o600);
  } catch (err) {
    if (isNodeError(err, 'EEXIST')) return false;
    throw err;
  }
  try {
    await fh.writeFile(JSON.stringify(owner));
  } catch (err) {
    // e.g. ENOSPC: do not leave an empty lock behind for others to wait on.
    await fh.close().catch(() => undefined);
    await fsp.unlink(lockPath).catch(() => undefined);
    throw err;
  }
  await fh.close();
  return true;
}

/** Remove a stale lock, but only if it is still the very file we judged stale. */
async function reclaim(lockPath: string, judged: { st: fs.Stats; text: string }): Promise<void> {
  const guard = `${lockPath}.reclaim`;
  const guardOwner: LockOwner = { pid: process.pid, host: HOST, nonce: lazyCrypto().randomUUID(), acquiredAt: Date.now() };
  if (!(await tryCreate(guard, guardOwner))) {
    // Someone else is reclaiming. A guard left by a crash mid-reclaim is removed after a while.
    try {
      const st = await fsp.stat(guard);
      if (Date.now() - st.mtimeMs > GUARD_STALE_MS) await fsp.unlink(guard);
    } catch (err) {
      if (!isNodeError(err, 'ENOENT')) throw err;
    }
    return;
  }
  try {
    const now = await readLock(lockPath);
    if (
      now &&
      now.st.ino === judged.st.ino &&
      now.st.mtimeMs === judged.st.mtimeMs &&
      now.text === judged.text
    ) {
      await fsp.unlink(lockPath);
    }
  } finally {
    await fsp.unlink(guard).catch(() => undefined);
  }
}

const STARVING_MS = 250;
const NEXT_FRESH_MS = 500;

/** True when another live waiter has claimed to be next (a fresh `<lock>.next` that is not ours). */
async function otherHasNext(nextPath: string, nonce: string): Promise<boolean> {
  let seen: { st: fs.Stats; text: string } | undefined;
  try {
    seen = await readLock(nextPath);
  } catch {
    return false;
  }
  if (!seen || Date.now() - seen.st.mtimeMs > NEXT_FRESH_MS) return false;
  return parseOwner(seen.text)?.nonce !== nonce;
}

async function claimNext(nextPath: string, owner: LockOwner): Promise<boolean> {
  try {
    if (await tryCreate(nextPath, owner)) return true;
    const seen = await readLock(nextPath);
    // A claim left by a waiter that died (or gave up) is replaced.
    if (seen && Date.now() - seen.st.mtimeMs > NEXT_FRESH_MS) {
      await fsp.unlink(nextPath).catch(() => undefined);
      return await tryCreate(nextPath, owner);
    }
  } catch {
    /* advisory: waiting on as before is always correct */
  }
  return false;
}

async function releaseNext(nextPath: string, nonce: string): Promise<void> {
  const seen = await readLock(nextPath).catch(() => undefined);
  if (seen && parseOwner(seen.text)?.nonce === nonce) await fsp.unlink(nextPath).catch(() => undefined);
}

// Callers in one process queue here first, so they do not poll the file system against each other.
const inProcessQueues = new Map<string, Promise<unknown>>();

export async function withFileLock<T>(
  target: string,
  fn: (lock: HeldLock) => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const lockPath = `${target}.lock`;
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

async function withAcquired<T>(lockPath: string, fn: (lock: HeldLock) => Promise<T>, options: LockOptions): Promise<T> {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const owner: LockOwner = { pid: process.pid, host: HOST, nonce: lazyCrypto().randomUUID(), acquiredAt: Date.now() };
  const started = Date.now();
  let delay = 2;
  let lastHolder: string | undefined;
  // Fairness: a waiter that has waited STARVING_MS claims `<lock>.next`; while that claim is fresh,
  // everyone else (including a holder coming straight back for more) stands aside, so a process
  // rewriting the store back to back cannot starve a command for seconds. Advisory only: mutual
  // exclusion is still the lock file alone, and a dead claimant's claim expires after NEXT_FRESH_MS.
  const nextPath = `${lockPath}.next`;
  let next = false;
  try {
    for (;;) {
      if (next || !(await otherHasNext(nextPath, owner.nonce))) {
        if (await tryCreate(lockPath, owner)) break;
        const seen = await readLock(lockPath);
        if (seen) {
          lastHolder = describeOwner(seen.text) ?? lastHolder;
          if (staleReason(seen.text, seen.st.mtimeMs, Date.now(), staleMs)) {
            await reclaim(lockPath, seen);
            continue;
          }
        } else {
          continue; // released between our create and our read: try again at once
        }
      }
      const waited = Date.now() - started;
      if (waited >= timeoutMs) throw new LockTimeoutError(lockPath, waited, lastHolder);
      if (!next && waited >= STARVING_MS) next = await claimNext(nextPath, owner);
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
    if (next) await releaseNext(nextPath, owner.nonce);
  }

  let compromised = false;
  const checkOwnership = async (): Promise<boolean> => {
    const now = await readLock(lockPath).catch(() => undefined);
    return !!now && parseOwner(now.text)?.nonce === owner.nonce;
  };
  // Heartbeat: keep the mtime fresh so a long hold (an OAuth refresh) is not judged stale.
  const heartbeat = setInterval(() => {
    void (async () => {
      if (!(await checkOwnership())) {
        compromised = true;
        return;
      }
      const t = new Date();
      await fsp.utimes(lockPath, t, t).catch(() => undefined);
    })();
  }, Math.max(50, Math.floor(staleMs / 3)));
  heartbeat.unref();

  const held: HeldLock = {
    lockPath,
    async assertHeld() {
      if (compromised || !(await checkOwnership())) {
        compromised = true;
        throw new LockCompromisedError(lockPath);
      }
    },
  };
  try {
    return await fn(held);
  } finally {
    clearInterval(heartbeat);
    if (!compromised && (await checkOwnership())) {
      await fsp.unlink(lockPath).catch(() => undefined);
    }
  }
}

/** For doctor: a lock whose holder is gone or that is stale/invalid. */
export async function inspectLock(target: string, staleMs = DEFAULT_STALE_MS): Promise<{ lockPath: string; stale?: string; holder?: string } | undefined> {
  const lockPath = `${target}.lock`;
  const seen = await readLock(lockPath);
  if (!seen) return undefined;
  return { lockPath, stale: staleReason(seen.text, seen.st.mtimeMs, Date.now(), staleMs), holder: describeOwner(seen.text) };
}

export async function removeLockFile(target: string): Promise<void> {
  await fsp.unlink(`${target}.lock`).catch((err) => {
    if (!isNodeError(err, 'ENOENT')) throw err;
  });
}
