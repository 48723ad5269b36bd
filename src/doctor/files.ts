// Store-level findings: permissions, orphaned temp files, stale locks, unreadable files, and
// moving a corrupt file aside without losing a byte of it.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import {
  DIR_MODE,
  FILE_MODE,
  StoreCorruptError,
  emptyAuthStore,
  inspectLock,
  isNodeError,
  parseAuthStore,
  parseConfig,
  readFileIfExists,
  removeStaleLock,
  serializeAuthStore,
  sweepOrphanedTempFiles,
  withFileLock,
  writePrivateFileAtomic,
} from '../store/index.js';
import { errorMessage } from '../util/redact.js';
import type { Finding } from './types.js';

const octal = (mode: number) => '0' + (mode & 0o777).toString(8).padStart(3, '0');

async function statIfExists(p: string): Promise<fs.Stats | undefined> {
  try {
    return await fsp.stat(p);
  } catch (err) {
    if (isNodeError(err, 'ENOENT') || isNodeError(err, 'ENOTDIR')) return undefined;
    throw err;
  }
}

/**
 * Private files must be 0600 and private dirs 0700 (ssh-style): group or other bits on a file of
 * secrets is a finding; with repair it is tightened. A file owned by another user cannot be fixed
 * by us and is reported as an error.
 */
export async function checkPermissions(
  targets: { dirs: string[]; files: string[] },
  repair: boolean,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const check = async (p: string, kind: 'dir' | 'file') => {
    const st = await statIfExists(p);
    if (!st) return;
    if (kind === 'dir' ? !st.isDirectory() : !st.isFile()) return;
    if (uid !== undefined && uid !== 0 && st.uid !== uid) {
      findings.push({
        id: 'permissions.owner',
        severity: 'error',
        subject: p,
        message: `${p} is owned by uid ${st.uid}, not by you (uid ${uid}); clawdbot will not trust it`,
        fix: `sudo chown ${uid} '${p}'`,
      });
      return;
    }
    if ((st.mode & 0o077) === 0) return;
    const want = kind === 'dir' ? DIR_MODE : FILE_MODE;
    const finding: Finding = {
      id: `permissions.${kind}`,
      severity: 'warning',
      subject: p,
      message: `${p} is ${octal(st.mode)}: other users can ${st.mode & 0o022 ? 'change' : 'read'} it (should be ${octal(want)})`,
      fix: `clawdbot doctor --repair, or chmod ${(want & 0o777).toString(8)} '${p}'`,
    };
    if (repair) {
      try {
        await fsp.chmod(p, want);
        finding.fixed = true;
        finding.message = `${p} was ${octal(st.mode)}; tightened to ${octal(want)}`;
        delete finding.fix;
      } catch (err) {
        finding.fixed = false;
        finding.message += ` (could not fix: ${errorMessage(err)})`;
      }
    }
    findings.push(finding);
  };
  for (const d of targets.dirs) await check(d, 'dir');
  for (const f of targets.files) await check(f, 'file');
  return findings;
}

const SWEEP_AGE_MS = 60_000;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Temp files a crashed writer left next to `file` (`<file>.<digits>`, as write-file-atomic names them). */
export async function listTempFiles(file: string): Promise<Array<{ path: string; ageMs: number }>> {
  const dir = path.dirname(file);
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch (err) {
    if (isNodeError(err, 'ENOENT') || isNodeError(err, 'ENOTDIR')) return [];
    throw err;
  }
  const re = new RegExp(`^${escapeRe(path.basename(file))}\\.\\d{1,12}$`);
  const out: Array<{ path: string; ageMs: number }> = [];
  for (const name of names.sort()) {
    if (!re.test(name)) continue;
    const st = await fsp.lstat(path.join(dir, name)).catch(() => undefined);
    if (st?.isFile()) out.push({ path: path.join(dir, name), ageMs: Date.now() - st.mtimeMs });
  }
  return out;
}

export async function checkTempFiles(files: string[], repair: boolean): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const file of files) {
    const temps = await listTempFiles(file);
    const old = temps.filter((t) => t.ageMs >= SWEEP_AGE_MS);
    if (!old.length) continue;
    const finding: Finding = {
      id: 'store.temp-files',
      severity: 'warning',
      subject: file,
      message: `${old.length} orphaned temp file${old.length === 1 ? '' : 's'} from an interrupted write next to ${file} (they may hold secrets)`,
      fix: 'clawdbot doctor --repair',
    };
    if (repair) {
      const removed = await sweepOrphanedTempFiles(file);
      const left = (await listTempFiles(file)).filter((t) => t.ageMs >= SWEEP_AGE_MS).length;
      finding.fixed = left === 0;
      if (finding.fixed) delete finding.fix;
      finding.message = `removed ${removed} orphaned temp file${removed === 1 ? '' : 's'} next to ${file}` + (left ? ` (${left} could not be removed)` : '');
    }
    findings.push(finding);
  }
  return findings;
}

/** Lock targets: the store, the config, and the per-credential refresh locks in `<state>/locks`. */
export async function lockTargets(files: string[], locksDir: string): Promise<string[]> {
  const targets = [...files];
  try {
    for (const name of (await fsp.readdir(locksDir)).sort()) {
      if (name.endsWith('.lock')) targets.push(path.join(locksDir, name.slice(0, -'.lock'.length)));
    }
  } catch {
    /* no locks dir */
  }
  return targets;
}

export async function checkLocks(targets: string[], repair: boolean): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const target of targets) {
    const info = await inspectLock(target);
    if (!info) continue;
    if (!info.stale) {
      findings.push({
        id: 'lock.held',
        severity: 'info',
        subject: info.lockPath,
        message: `${info.lockPath} is held${info.holder ? ` by ${info.holder}` : ''} (a writer is busy right now; it is never removed while its holder lives)`,
      });
      continue;
    }
    const finding: Finding = {
      id: 'lock.stale',
      severity: 'warning',
      subject: info.lockPath,
      message: `stale lock ${info.lockPath} (${info.stale}${info.holder ? `; was ${info.holder}` : ''}); writers wait on it before taking it over`,
      fix: 'clawdbot doctor --repair',
    };
    if (repair) {
      // Removed the way a waiting writer would: only if it is still the very lock judged stale
      // (it may have been released and re-taken by a live process meanwhile).
      const removed = await removeStaleLock(target);
      if (removed || !(await inspectLock(target))) {
        finding.fixed = true;
        delete finding.fix;
        finding.message = `removed stale lock ${info.lockPath} (${info.stale})`;
      } else {
        finding.message = `lock ${info.lockPath} changed while doctor looked at it (taken by a live writer); left in place`;
        finding.severity = 'info';
      }
    }
    findings.push(finding);
  }
  return findings;
}

/** `2026-11-23T04-17-32-123Z`: sortable, and never mistaken for a temp file by the sweep. */
export function corruptStamp(now: number): string {
  return new Date(now).toISOString().replace(/[:.]/g, '-');
}

/**
 * Copy `bytes` to `<file>.corrupt-<ts>` (0600, never overwriting an existing file), fsync it, and
 * read it back to prove every byte is there. Returns the copy's path.
 */
export async function preserveCopy(file: string, bytes: Buffer, now: number): Promise<string> {
  const base = `${file}.corrupt-${corruptStamp(now)}`;
  for (let i = 0; ; i++) {
    const target = i === 0 ? base : `${base}-${process.pid}-${i}`;
    let fh: fsp.FileHandle;
    try {
      fh = await fsp.open(target, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, FILE_MODE);
    } catch (err) {
      if (isNodeError(err, 'EEXIST') && i < 100) continue;
      throw err;
    }
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.chmod(target, FILE_MODE);
    const back = await fsp.readFile(target);
    if (!back.equals(bytes)) throw new Error(`the copy ${target} does not match the original; nothing was replaced`);
    return target;
  }
}

/** Read a file we must be able to read; anything but "missing" becomes a finding, not a crash. */
async function readOrFinding(file: string, id: string): Promise<{ bytes?: Buffer; finding?: Finding }> {
  try {
    return { bytes: await readFileIfExists(file) };
  } catch (err) {
    return {
      finding: {
        id,
        severity: 'error',
        subject: file,
        message: `${file} cannot be read: ${err instanceof StoreCorruptError ? err.reason : errorMessage(err)}`,
        fix: `make ${file} a regular file you own (move whatever is there away), then run clawdbot doctor again`,
      },
    };
  }
}

export interface CorruptCheck {
  findings: Finding[];
  /** The store is readable now (it was, or it was replaced by a new empty one). */
  readable: boolean;
}

function describeCorrupt(err: StoreCorruptError): string {
  return `${err.filePath} cannot be read: ${err.reason}${err.where ? ` (at ${err.where})` : ''}`;
}

/**
 * The auth store: report exactly what is wrong; with repair, under the store lock, keep the
 * original bytes as `<file>.corrupt-<ts>` and start a new empty store.
 */
export async function checkAuthStoreFile(storePath: string, repair: boolean, now: number): Promise<CorruptCheck> {
  const { bytes, finding: unreadable } = await readOrFinding(storePath, 'store.unreadable');
  if (unreadable) return { findings: [unreadable], readable: false };
  if (bytes === undefined) return { findings: [], readable: true };
  try {
    parseAuthStore(storePath, bytes);
    return { findings: [], readable: true };
  } catch (err) {
    if (!(err instanceof StoreCorruptError)) throw err;
    const finding: Finding = {
      id: 'store.corrupt',
      severity: 'error',
      subject: storePath,
      message: describeCorrupt(err) + '; every command that reads it fails until it is fixed',
      fix: `fix it by hand, or clawdbot doctor --repair (keeps a copy as ${path.basename(storePath)}.corrupt-<time> and starts a new store)`,
    };
    if (err.where === 'version') {
      // Not damaged, just newer: setting it aside would hide a newer program's credentials from it.
      finding.fix = 'upgrade clawdbot (doctor --repair leaves a store written by a newer version alone)';
      return { findings: [finding], readable: false };
    }
    if (!repair) return { findings: [finding], readable: false };
    try {
      const copy = await withFileLock(storePath, async (lock) => {
        const fresh = await readFileIfExists(storePath);
        if (fresh === undefined) return undefined;
        try {
          parseAuthStore(storePath, fresh);
          return null; // someone fixed it meanwhile
        } catch {
          /* still corrupt */
        }
        const saved = await preserveCopy(storePath, fresh, now);
        await lock.assertHeld();
        await writePrivateFileAtomic(storePath, serializeAuthStore(emptyAuthStore()));
        return saved;
      });
      finding.fixed = true;
      finding.message = copy
        ? `${describeCorrupt(err)}; moved it aside to ${copy} (every byte kept) and started a new empty store`
        : `${describeCorrupt(err)}; it was fixed by another process meanwhile`;
      if (copy) finding.fix = `sign in again (clawdbot onboard), or restore profiles by hand from ${copy}`;
      return { findings: [finding], readable: true };
    } catch (e) {
      finding.fixed = false;
      finding.message += ` (repair failed: ${errorMessage(e)})`;
      return { findings: [finding], readable: false };
    }
  }
}

/**
 * clawdbot.json: same report; with repair the original is kept as `.corrupt-<ts>` and the last
 * good version (`clawdbot.json.bak`) is restored when it parses, else the config is removed
 * (defaults apply) — its bytes live on in the copy.
 */
export async function checkConfigFile(configPath: string, repair: boolean, now: number): Promise<CorruptCheck> {
  const { bytes, finding: unreadable } = await readOrFinding(configPath, 'config.unreadable');
  if (unreadable) return { findings: [unreadable], readable: false };
  if (bytes === undefined) return { findings: [], readable: true };
  try {
    parseConfig(configPath, bytes);
    return { findings: [], readable: true };
  } catch (err) {
    if (!(err instanceof StoreCorruptError)) throw err;
    const finding: Finding = {
      id: 'config.corrupt',
      severity: 'error',
      subject: configPath,
      message: describeCorrupt(err),
      fix: `fix it by hand, or clawdbot doctor --repair (keeps a copy as ${path.basename(configPath)}.corrupt-<time>, restores ${path.basename(configPath)}.bak if it is valid)`,
    };
    if (!repair) return { findings: [finding], readable: false };
    try {
      const outcome = await withFileLock(configPath, async (lock) => {
        const fresh = await readFileIfExists(configPath);
        if (fresh === undefined) return undefined;
        try {
          parseConfig(configPath, fresh);
          return null;
        } catch {
          /* still corrupt */
        }
        const saved = await preserveCopy(configPath, fresh, now);
        const bak = await readFileIfExists(`${configPath}.bak`);
        let restored = false;
        if (bak) {
          try {
            parseConfig(`${configPath}.bak`, bak);
            restored = true;
          } catch {
            /* the backup is no better */
          }
        }
        await lock.assertHeld();
        if (restored && bak) await writePrivateFileAtomic(configPath, bak.toString('utf8'));
        else await fsp.unlink(configPath);
        return { saved, restored };
      });
      finding.fixed = true;
      finding.message = outcome
        ? `${describeCorrupt(err)}; kept it as ${outcome.saved} and ${outcome.restored ? `restored ${configPath}.bak` : 'removed it (defaults apply)'}`
        : `${describeCorrupt(err)}; it was fixed by another process meanwhile`;
      delete finding.fix;
      return { findings: [finding], readable: true };
    } catch (e) {
      finding.fixed = false;
      finding.message += ` (repair failed: ${errorMessage(e)})`;
      return { findings: [finding], readable: false };
    }
  }
}

/** A legacy credential file that is not JSON is silently skipped by the import: say so. */
export async function checkLegacyFile(file: string): Promise<Finding[]> {
  const bytes = await readFileIfExists(file);
  if (bytes === undefined) return [];
  try {
    const v = JSON.parse(bytes.toString('utf8')) as unknown;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return [];
  } catch {
    /* reported below */
  }
  return [
    {
      id: 'legacy.unreadable',
      severity: 'warning',
      subject: file,
      message: `legacy credential file ${file} is not a JSON object, so nothing in it was imported`,
      fix: `fix or delete ${file}, then run clawdbot doctor again (or sign in again: clawdbot onboard)`,
    },
  ];
}
