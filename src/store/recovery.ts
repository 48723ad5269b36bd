// Credentials the provider issued that could not be saved (lock timeout, disk full, a store that
// became corrupt, a write error): a refresh token is spent the moment the provider answers, so
// losing its successor means a new sign-in. They are kept in a recovery file next to the store,
// `auth-profiles.recovery-<time>-<pid>-<n>.json` (0600, created exclusively, fsynced, one per
// failure so no read-modify-write is needed), and every load of the store imports them under the
// store's lock: newest wins and nothing is downgraded; the file is removed once the store holds
// its credentials (or something newer).
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { type AnyCredential, type AuthProfileStore, isKnownCredential, isValidProfileId } from './auth-profiles.js';
import { FILE_MODE, ensurePrivateDir } from './atomic-file.js';
import { ClawdbotError, isNodeError } from '../util/errors.js';
import { setProfile } from './mutations.js';

const RECOVERY_NAME = /^auth-profiles\.recovery-\d+-\d+-\d+\.json$/;
let written = 0;

export interface RecoveryEntry {
  profileId: string;
  credential: AnyCredential;
}

interface RecoveryDoc {
  version: 1;
  about: string;
  savedAt: number;
  profiles: Record<string, AnyCredential>;
}

/** Recovery files beside this store, oldest first. */
export async function listRecoveryFiles(storePath: string): Promise<string[]> {
  let names: string[];
  try {
    // Blocking, like the store read it comes before: the directory holds a few names.
    names = fs.readdirSync(path.dirname(storePath));
  } catch (err) {
    if (isNodeError(err, 'ENOENT') || isNodeError(err, 'ENOTDIR')) return [];
    throw err;
  }
  return names
    .filter((n) => RECOVERY_NAME.test(n))
    .sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]) || a.localeCompare(b))
    .map((n) => path.join(path.dirname(storePath), n));
}

/**
 * Write `entries` to a new recovery file beside the store and return its path. Throws when even
 * that fails (the caller then says the credential could not be kept).
 */
export async function writeRecoveryFile(storePath: string, entries: RecoveryEntry[], now = Date.now()): Promise<string> {
  const dir = path.dirname(storePath);
  await ensurePrivateDir(dir);
  const file = path.join(dir, `auth-profiles.recovery-${now}-${process.pid}-${written++}.json`);
  const doc: RecoveryDoc = {
    version: 1,
    about: `Credentials clawdbot could not save to ${path.basename(storePath)}; the next clawdbot command or \`clawdbot doctor\` imports them.`,
    savedAt: now,
    profiles: Object.fromEntries(entries.map((e) => [e.profileId, e.credential])),
  };
  const fh = await fsp.open(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, FILE_MODE);
  try {
    await fh.writeFile(JSON.stringify(doc, null, 2) + '\n');
    await fh.sync();
  } catch (err) {
    await fh.close().catch(() => undefined);
    await fsp.unlink(file).catch(() => undefined);
    throw err;
  } finally {
    await fh.close().catch(() => undefined);
  }
  return file;
}

export type RecoveryDecision = 'applied' | 'superseded' | 'conflict';

function expiryOf(c: AnyCredential): number {
  return typeof c.expires === 'number' && Number.isFinite(c.expires) ? c.expires : 0;
}

function secretOf(c: AnyCredential): unknown {
  return c.type === 'oauth' ? `${String(c.access)}\u0000${String(c.refresh)}` : c.type === 'token' ? c.token : c.type === 'api_key' ? c.key : undefined;
}

/**
 * Put one recovered credential into the store, unless the store already has it or something newer.
 * A different provider, another account, or a change of credential type other than token -> oauth
 * is a conflict: the store is left alone and the recovery file kept.
 */
export function applyRecovered(doc: AuthProfileStore, id: string, cred: AnyCredential): RecoveryDecision {
  const existing = doc.profiles[id];
  if (!existing) {
    setProfile(doc, id, cred);
    return 'applied';
  }
  if (existing.provider !== cred.provider) return 'conflict';
  if (secretOf(existing) === secretOf(cred)) return 'superseded';
  const accounts = [existing.accountId, cred.accountId];
  if (accounts.every((a) => typeof a === 'string' && a) && accounts[0] !== accounts[1]) return 'conflict';
  if (existing.type === 'oauth' && cred.type !== 'oauth') return 'superseded'; // never downgrade
  if (existing.type !== cred.type && !(existing.type === 'token' && cred.type === 'oauth')) return 'conflict';
  if (existing.type === cred.type && expiryOf(existing) >= expiryOf(cred)) return 'superseded';
  setProfile(doc, id, { ...existing, ...cred });
  return 'applied';
}

export interface ParsedRecoveryFile {
  file: string;
  entries: RecoveryEntry[];
}

/** Read one recovery file; undefined when it is not one we can use (it is then left in place). */
export async function readRecoveryFile(file: string): Promise<ParsedRecoveryFile | undefined> {
  let doc: Partial<RecoveryDoc>;
  try {
    doc = JSON.parse(await fsp.readFile(file, 'utf8')) as Partial<RecoveryDoc>;
  } catch {
    return undefined;
  }
  if (!doc || typeof doc !== 'object' || !doc.profiles || typeof doc.profiles !== 'object') return undefined;
  const entries: RecoveryEntry[] = [];
  for (const [profileId, credential] of Object.entries(doc.profiles)) {
    if (!isValidProfileId(profileId) || !credential || typeof credential !== 'object' || !isKnownCredential(credential)) return undefined;
    entries.push({ profileId, credential });
  }
  return { file, entries };
}

/** One line for an error after a failed save: where the credential is now. */
export class CredentialKeptError extends ClawdbotError {
  override readonly code: string = 'credential_kept';
  constructor(
    what: string,
    reason: string,
    readonly recoveryPath: string,
  ) {
    super(`Could not save ${what} (${reason}); it was kept in ${recoveryPath} and the next clawdbot command (or \`clawdbot doctor\`) adds it to the store.`);
  }
}

/** The new credential could not be saved, nor kept in a recovery file. */
export class CredentialLostError extends ClawdbotError {
  override readonly code: string = 'credential_lost';
  constructor(what: string, reason: string, recoveryReason: string) {
    super(`Could not save ${what} (${reason}), nor keep it in a recovery file (${recoveryReason}); sign in again once that is fixed.`);
  }
}

/** Why a save failed, in a few words and without a secret (for CredentialKeptError). */
export function saveFailureReason(err: unknown): string {
  if (typeof err === 'string') return err;
  const e = err as { code?: unknown; cause?: unknown; reason?: unknown; name?: unknown };
  if (e?.code === 'lock_timeout') return 'the store stayed locked by another program';
  if (e?.code === 'lock_compromised') return 'another program took the store lock over';
  if (e?.code === 'store_corrupt') return `the store cannot be read: ${String(e.reason ?? 'corrupt')}`;
  const cause = (isNodeError(e?.cause) ? e.cause : isNodeError(err) ? err : undefined)?.code;
  if (cause === 'ENOSPC') return 'the disk is full';
  if (cause === 'EACCES' || cause === 'EPERM') return 'permission denied';
  if (cause === 'EROFS') return 'the file system is read-only';
  if (cause) return String(cause);
  return err instanceof ClawdbotError ? err.message.replace(/;.*$/s, '') : 'unexpected error';
}

/**
 * After a failed save of a credential the provider just issued: keep it in a recovery file and
 * return the error to throw (it names the file), or, if even that fails, the error saying so.
 */
export async function keepUnsavedCredential(storePath: string, entries: RecoveryEntry[], what: string, err: unknown): Promise<ClawdbotError> {
  const reason = saveFailureReason(err);
  try {
    const file = await writeRecoveryFile(storePath, entries);
    return new CredentialKeptError(what, reason, file);
  } catch (again) {
    return new CredentialLostError(what, reason, saveFailureReason(again));
  }
}
