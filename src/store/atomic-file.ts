// Durable, private file writes: temp file created 0600 in the same directory, fsync, rename, then
// fsync of the directory (write-file-atomic does everything but the last step). Directories we
// own are 0700. Orphaned temp files from a crashed writer are swept on the next open.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ClawdbotError, StoreCorruptError, isNodeError } from '../util/errors.js';
import { resolveRealFile } from './real-path.js';

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** Where notices like "tightened permissions" go. The CLI prints them to stderr; tests collect them. */
export type WarningSink = (message: string) => void;
export const defaultWarningSink: WarningSink = (message) => {
  process.stderr.write(`warning: ${message}\n`);
};

function octal(mode: number): string {
  return '0' + (mode & 0o777).toString(8);
}

/** mkdir -p with 0700 for what we create; an existing dir with group/other bits is tightened. */
export async function ensurePrivateDir(dir: string, warn: WarningSink = defaultWarningSink): Promise<void> {
  let st: fs.Stats | undefined;
  try {
    st = await fsp.stat(dir);
  } catch (err) {
    if (!isNodeError(err, 'ENOENT')) throw err;
  }
  if (!st) {
    // mkdir's mode is filtered by the umask; chmod afterwards makes it exact whatever the umask.
    const first = await fsp.mkdir(dir, { recursive: true, mode: DIR_MODE });
    if (first) {
      // Tighten every directory mkdir created (from `first` down to `dir`).
      let cur = dir;
      for (;;) {
        await fsp.chmod(cur, DIR_MODE);
        if (path.resolve(cur) === path.resolve(first)) break;
        const parent = path.dirname(cur);
        if (parent === cur) break;
        cur = parent;
      }
    }
    return;
  }
  // Never the user's home directory (a config placed there with CLAWDBOT_CONFIG_PATH): its mode
  // is the user's business, and 0700 could break what else lives there.
  const home = process.env.HOME || os.homedir();
  if ((st.mode & 0o077) !== 0 && path.resolve(dir) !== path.resolve(home)) {
    await fsp.chmod(dir, DIR_MODE);
    warn(`tightened permissions of ${dir} from ${octal(st.mode)} to 0700`);
  }
}

/** A file holding secrets that others can read is tightened to 0600, with a warning. */
export async function tightenFileMode(file: string, warn: WarningSink = defaultWarningSink): Promise<void> {
  let st: fs.Stats;
  try {
    st = fs.statSync(file); // blocking, like the read that follows (see readFileIfExists)
  } catch (err) {
    if (isNodeError(err, 'ENOENT')) return;
    throw err;
  }
  if (st.isFile() && (st.mode & 0o077) !== 0) {
    await fsp.chmod(file, FILE_MODE);
    warn(`tightened permissions of ${file} from ${octal(st.mode)} to 0600`);
  }
}

async function fsyncDir(dir: string): Promise<void> {
  let fh: fsp.FileHandle | undefined;
  try {
    fh = await fsp.open(dir, 'r');
    await fh.sync();
  } catch (err) {
    // Some filesystems refuse fsync on a directory; the rename itself is still atomic there.
    if (!isNodeError(err, 'EINVAL') && !isNodeError(err, 'EISDIR') && !isNodeError(err, 'EPERM')) throw err;
  } finally {
    await fh?.close();
  }
}

/**
 * Where a write to `file` must land: the real file (see real-path.ts). A symlinked file (a store
 * kept in a dotfiles repo, agents sharing one store) is written through to its target, also when
 * the target does not exist yet: write-file-atomic would otherwise rename a regular file over a
 * dangling link and silently replace it. A target owned by another user is refused, as ssh does.
 */
async function resolveWriteTarget(file: string): Promise<string> {
  const target = await resolveRealFile(file);
  if (target === path.resolve(file)) return file;
  const uid = process.geteuid?.();
  const st = await fsp.stat(target).catch(() => undefined);
  if (st && uid !== undefined && st.uid !== uid) {
    throw new ClawdbotError(`${file} is a link to ${target}, which belongs to another user (uid ${st.uid}); nothing was written. Fix the link or the owner.`);
  }
  return target;
}

export async function writePrivateFileAtomic(file: string, data: string, warn?: WarningSink): Promise<void> {
  await ensurePrivateDir(path.dirname(file), warn);
  const target = await resolveWriteTarget(file);
  const dir = path.dirname(target);
  if (target !== file) {
    try {
      await fsp.access(dir);
    } catch {
      throw new ClawdbotError(`${file} is a link to ${target}, whose directory does not exist; nothing was written. Fix the link.`);
    }
  }
  // Loaded on first write: read-only commands (status, list) never pay for it.
  const { default: writeFileAtomic } = await import('write-file-atomic');
  try {
    await writeFileAtomic(target, data, { mode: FILE_MODE, fsync: true });
  } catch (err) {
    // write-file-atomic has removed its temp file; the previous version is untouched.
    const code = isNodeError(err) && err.code ? err.code : 'error';
    const why = code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'the file system is read-only' : code;
    throw new ClawdbotError(`Could not write ${file}: ${why}; the previous version was left unchanged. Fix that and run the command again.`, { cause: err });
  }
  await fsyncDir(dir);
}

const SWEEP_AGE_MS = 60_000;

/**
 * write-file-atomic names its temp files `<file>.<decimal hash>`. A crash (SIGKILL) between create
 * and rename leaves one behind, 0600 and full of secrets. Remove those older than a minute (a
 * younger one may belong to a writer that is about to rename it).
 */
export async function sweepOrphanedTempFiles(file: string, now = Date.now()): Promise<number> {
  const dir = path.dirname(file);
  const base = path.basename(file);
  let names: string[];
  try {
    // Blocking, like the store read it comes before: the agent directory holds a few names.
    names = fs.readdirSync(dir);
  } catch (err) {
    if (isNodeError(err, 'ENOENT')) return 0;
    throw err;
  }
  const pattern = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\\d{1,12}$`);
  let removed = 0;
  for (const name of names) {
    if (!pattern.test(name)) continue;
    const full = path.join(dir, name);
    try {
      const st = await fsp.lstat(full);
      if (!st.isFile() || now - st.mtimeMs < SWEEP_AGE_MS) continue;
      await fsp.unlink(full);
      removed++;
    } catch (err) {
      if (!isNodeError(err, 'ENOENT')) throw err;
    }
  }
  return removed;
}

/**
 * A small file (the config, `.env`, a legacy store), read in one blocking call like the auth store
 * below: fs.promises.readFile is open, stat, read and close, each a round trip through the thread
 * pool and a wait of its own on a busy machine, for a file read in microseconds. Async for callers.
 */
export async function readFileIfExists(file: string): Promise<Buffer | undefined> {
  return readFileIfExistsSync(file);
}

/**
 * A file read in one blocking call, for the auth store: fs.promises.readFile of a
 * 10,000-profile store (2.4 MB) is about eight thread-pool round trips (open, stat, 512 KiB
 * chunks, close), each a wait on a busy machine; the read itself blocks for about a millisecond,
 * less than the JSON.parse that follows it anyway.
 */
export function readFileIfExistsSync(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    if (isNodeError(err, 'ENOENT')) return undefined;
    throw readProblem(file, err);
  }
}

/** The error a failed read is reported as (ENOENT is not one: the callers return undefined). */
function readProblem(file: string, err: unknown): unknown {
  if (isNodeError(err, 'EISDIR')) return new StoreCorruptError(file, 'this is a directory, not a file');
  return err;
}
