// What sits at a lock path, who seems to hold it, and whether it is stale by its owner's rule.
// A lock at `<file>.lock` can be:
// - our lock: a directory (mkdir, like proper-lockfile) whose access time is a marker naming its
//   holder record `<file>.lock.owner-<marker>`; one with our sticky-bit mark but no marker or
//   record is stale after a short grace (a crash between mkdir and setting the marker);
// - a foreign directory (the Clawdbot gateway's proper-lockfile, or ours on a system where mkdir
//   drops the sticky bit, killed before marking it): stale when its mtime is older than proper-lockfile's 30 s, whatever it contains;
// - a file from an earlier version of this tool ({pid, host, nonce, acquiredAt}, heartbeaten mtime);
// - an OpenClaw-style file ({pid, createdAt}): stale when its pid is gone or after 30 minutes;
// - an empty or unreadable file (a crash between create and write): stale after a short grace.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import { isNodeError } from '../util/errors.js';

/** proper-lockfile's `stale` as the Clawdbot gateway sets it: a lock directory not touched for this long is stale. */
export const GATEWAY_STALE_MS = 30_000;
/** OpenClaw's session write lock is stale after 30 minutes (or when its pid is gone). */
export const PID_FILE_STALE_MS = 30 * 60_000;
const INVALID_LOCK_GRACE_MS = 2_000;

export const HOST = os.hostname();
/** Our lock directories: private, with the sticky bit as the mark that this tool made them. */
export const LOCK_DIR_MODE = 0o1700;

// Our marker access times are whole seconds in 2033-2036: far from any real access time, in the
// future so relatime never bumps them, and before 2038 for file systems with 32-bit times.
export const MARKER_BASE_S = 2_000_000_000;
export const MARKER_SPAN_S = 100_000_000;

/**
 * Our holder record, the file `<lock>.owner-<marker>` next to the lock directory (proper-lockfile
 * `rmdir`s a stale lock, which fails on a non-empty directory). It speaks for the directory whose
 * access time is that marker, and for no other: every holder has its own record file, written
 * before its mkdir, so no holder ever overwrites or removes another's.
 */
export interface LockOwner {
  pid: number;
  host: string;
  nonce: string;
  acquiredAt: number;
  /** Access time (whole seconds) set on the lock directory right after mkdir and kept by every heartbeat. */
  marker: number;
}

export type LockKind = 'ours' | 'unrecorded-dir' | 'foreign-dir' | 'legacy-file' | 'pid-file' | 'invalid-file';

export interface SeenLock {
  kind: LockKind;
  st: fs.Stats;
  /** The lock file's text, or for a directory the text of the holder record it names ('' when none). */
  text: string;
  /** "pid 123 on host", or a description of a foreign lock. */
  holder?: string;
  /** Why it may be taken over, or undefined when its holder looks alive. */
  stale?: string;
}

export function ownerPath(lockPath: string, marker: number): string {
  return `${lockPath}.owner-${marker}`;
}

/** The marker a lock directory carries, if it is one of ours. */
export function markerOf(st: fs.Stats): number | undefined {
  const s = Math.round(st.atimeMs / 1000);
  return s >= MARKER_BASE_S && s < MARKER_BASE_S + MARKER_SPAN_S ? s : undefined;
}

export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return isNodeError(err, 'EPERM');
  }
}

export function parseOwner(text: string): LockOwner | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockOwner>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.nonce === 'string' && typeof v.marker === 'number') {
      return { pid: v.pid, host: v.host, nonce: v.nonce, acquiredAt: Number(v.acquiredAt) || 0, marker: v.marker };
    }
  } catch {
    /* not ours */
  }
  return undefined;
}

async function readText(p: string): Promise<string> {
  try {
    return await fsp.readFile(p, 'utf8');
  } catch (err) {
    if (isNodeError(err, 'ENOENT')) return '';
    throw err;
  }
}

function ageText(ms: number): string {
  return ms < 1000 ? `${Math.max(0, Math.round(ms))} ms` : `${Math.round(ms / 1000)} s`;
}

function judgeDirectory(st: fs.Stats, record: string, now: number, staleMs: number): SeenLock {
  const owner = parseOwner(record);
  const idle = now - st.mtimeMs;
  if (owner && owner.marker === markerOf(st)) {
    const holder = `pid ${owner.pid} on ${owner.host}`;
    let stale: string | undefined;
    if (owner.host === HOST && owner.pid !== process.pid && !pidAlive(owner.pid)) stale = `holder pid ${owner.pid} is gone`;
    else if (idle > staleMs) stale = `holder stopped refreshing the lock ${ageText(idle)} ago`;
    return { kind: 'ours', st, text: record, holder, stale };
  }
  if ((st.mode & 0o1000) !== 0) {
    // Made by one of our processes that has not written its record yet, or died before it could.
    return {
      kind: 'unrecorded-dir',
      st,
      text: record,
      holder: 'a clawdbot process that is just taking the lock',
      stale: idle > INVALID_LOCK_GRACE_MS ? `lock directory without a holder record for ${ageText(idle)} (its maker died taking it)` : undefined,
    };
  }
  return {
    kind: 'foreign-dir',
    st,
    text: record,
    holder: `another program's lock directory, e.g. the Clawdbot gateway's, refreshed ${ageText(idle)} ago`,
    stale: idle > GATEWAY_STALE_MS ? `lock directory not refreshed for ${ageText(idle)} (stale after ${GATEWAY_STALE_MS / 1000} s)` : undefined,
  };
}

function judgeFile(st: fs.Stats, text: string, now: number, staleMs: number): SeenLock {
  let v: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) v = parsed as Record<string, unknown>;
  } catch {
    /* below */
  }
  const pid = typeof v?.pid === 'number' ? v.pid : undefined;
  if (v && pid !== undefined && typeof v.host === 'string' && typeof v.nonce === 'string') {
    // Written by an earlier version of this tool, which heartbeats the file's mtime.
    const idle = now - st.mtimeMs;
    let stale: string | undefined;
    if (v.host === HOST && pid !== process.pid && !pidAlive(pid)) stale = `holder pid ${pid} is gone`;
    else if (idle > staleMs) stale = `holder stopped refreshing the lock ${ageText(idle)} ago`;
    return { kind: 'legacy-file', st, text, holder: `pid ${pid} on ${v.host}`, stale };
  }
  if (v && pid !== undefined) {
    // OpenClaw's {pid, createdAt}: no host (same machine), no heartbeat; its rule is pid liveness
    // or an age of 30 minutes.
    const created = typeof v.createdAt === 'string' ? Date.parse(v.createdAt) : typeof v.createdAt === 'number' ? v.createdAt : NaN;
    const age = now - (Number.isFinite(created) ? created : st.mtimeMs);
    let stale: string | undefined;
    if (pid !== process.pid && !pidAlive(pid)) stale = `holder pid ${pid} is gone`;
    else if (age > PID_FILE_STALE_MS) stale = `lock file older than ${PID_FILE_STALE_MS / 60_000} minutes`;
    return { kind: 'pid-file', st, text, holder: `pid ${pid} through another program's lock file`, stale };
  }
  return {
    kind: 'invalid-file',
    st,
    text,
    holder: 'an unreadable lock file',
    stale: now - st.mtimeMs > INVALID_LOCK_GRACE_MS ? 'invalid lock file' : undefined,
  };
}

/** What is at `lockPath` now, judged by its owner's rule; undefined when nothing is. */
export async function seeLock(lockPath: string, staleMs: number, now = Date.now()): Promise<SeenLock | undefined> {
  let st: fs.Stats;
  try {
    st = await fsp.stat(lockPath);
  } catch (err) {
    if (isNodeError(err, 'ENOENT')) return undefined;
    throw err;
  }
  if (st.isDirectory()) {
    const marker = markerOf(st);
    return judgeDirectory(st, marker === undefined ? '' : await readText(ownerPath(lockPath, marker)), now, staleMs);
  }
  let text: string;
  try {
    text = await fsp.readFile(lockPath, 'utf8');
  } catch (err) {
    if (isNodeError(err, 'ENOENT')) return undefined;
    // Replaced by a directory between stat and read: look again.
    if (isNodeError(err, 'EISDIR')) return seeLock(lockPath, staleMs, now);
    throw err;
  }
  return judgeFile(st, text, now, staleMs);
}

/** Still the very lock that was judged stale (same kind, inode, mtime, owner record)? */
export function sameLock(a: SeenLock, b: SeenLock): boolean {
  return a.kind === b.kind && a.st.ino === b.st.ino && a.st.mtimeMs === b.st.mtimeMs && a.text === b.text;
}
