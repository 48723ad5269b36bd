// The per-agent handle every surface uses: where the agent's files are, and load/update of its
// auth-profiles.json with first-use housekeeping (temp-file sweep, permission tightening, legacy
// import). The gateway, the commands and the dashboard all go through this.
import {
  type Env,
  DEFAULT_AGENT_ID,
  authStorePath,
  legacyAgentAuthPath,
  legacyOAuthPath,
  normalizeAgentId,
  resolveAgentDir,
  resolveConfigPath,
  resolveStateDir,
  envFilePath,
  agentsRoot,
} from './paths.js';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { type ClawdbotConfig, readConfig } from './config.js';
import { NotFoundError } from '../util/errors.js';
import { type WarningSink, defaultWarningSink } from './atomic-file.js';
import {
  type LoadedAuthStore,
  type StoreMutator,
  type UpdateOptions,
  NO_CHANGE,
  housekeepStoreFile,
  readAuthStore,
  updateAuthStore,
} from './auth-store.js';
import { importLegacyCredentials } from './legacy.js';
import { fileExists } from './auth-store.js';
import { type LockedAuthStore, withAuthStoreLock } from './auth-store.js';
import { type RecoveryEntry, applyRecovered, keepUnsavedCredential, listRecoveryFiles, readRecoveryFile, saveFailureReason, type ParsedRecoveryFile } from './recovery.js';

export class AgentStore {
  readonly agentId: string;
  readonly agentDir: string;
  readonly storePath: string;
  readonly stateDir: string;
  readonly configPath: string;
  readonly envFilePath: string;
  private legacyChecked = false;
  /** Notes about recovery files this handle imported, reported by every later load. */
  private recoveryNotes: string[] = [];
  private unusableRecoveryWarned = new Set<string>();

  constructor(
    agentId: string = DEFAULT_AGENT_ID,
    readonly env: Env = process.env,
    readonly warn: WarningSink = defaultWarningSink,
  ) {
    this.agentId = normalizeAgentId(agentId);
    this.agentDir = resolveAgentDir(this.agentId, env);
    this.storePath = authStorePath(this.agentDir);
    this.stateDir = resolveStateDir(env);
    this.configPath = resolveConfigPath(env);
    this.envFilePath = envFilePath(env);
  }

  /**
   * Read the store. A missing store triggers the one-time legacy import (a write, under the lock);
   * a corrupt one throws StoreCorruptError and is left as it is.
   */
  async load(): Promise<LoadedAuthStore & { imported: string[]; restored: string[] }> {
    await housekeepStoreFile(this.storePath, this.warn);
    await this.importRecoveryFiles();
    let loaded = await readAuthStore(this.storePath);
    let imported: string[] = [];
    if (!loaded.exists && !this.legacyChecked) {
      this.legacyChecked = true;
      imported = await this.importLegacy();
      // Re-read even when we imported nothing: another process may have done the import (or
      // created the store) while we waited for the lock; reporting "no profiles" would be wrong.
      if (imported.length || (await fileExists(this.storePath))) loaded = await readAuthStore(this.storePath);
    }
    return { ...loaded, imported, restored: [...this.recoveryNotes] };
  }

  /**
   * Credentials a failed save left in recovery files beside the store go into the store, under
   * its lock (newest wins, nothing downgraded); each file is removed once the store holds its
   * credentials or newer ones. Never throws: a store that cannot be read or locked now keeps the
   * files for the next run (and load() reports the store's own problem).
   */
  async importRecoveryFiles(): Promise<string[]> {
    const files = await listRecoveryFiles(this.storePath).catch(() => []);
    if (files.length === 0) return [];
    const parsed: ParsedRecoveryFile[] = [];
    for (const file of files) {
      const r = await readRecoveryFile(file);
      if (r) parsed.push(r);
      else if (!this.unusableRecoveryWarned.has(file)) {
        this.unusableRecoveryWarned.add(file);
        this.warn(`${file} is not a recovery file clawdbot can read; it was left in place (see \`clawdbot doctor\`).`);
      }
    }
    if (parsed.length === 0) return [];
    let outcome: { notes: string[]; done: string[] } | undefined;
    try {
      await updateAuthStore(
        this.storePath,
        (doc) => {
          const notes: string[] = [];
          const done: string[] = [];
          let changed = false;
          for (const { file, entries } of parsed) {
            let conflict = false;
            for (const e of entries) {
              const decision = applyRecovered(doc, e.profileId, e.credential);
              if (decision === 'applied') {
                changed = true;
                notes.push(`${e.profileId}: restored the credential a failed save left in ${file}`);
              } else if (decision === 'conflict') {
                conflict = true;
                notes.push(`${e.profileId}: the credential in ${file} belongs to another account or type than the stored one; the file was kept (remove it once you have checked the profile)`);
              }
            }
            if (!conflict) done.push(file);
          }
          outcome = { notes, done };
          return changed ? true : NO_CHANGE;
        },
        { warn: this.warn },
      );
    } catch (err) {
      this.warn(`could not restore the credentials kept in ${files.join(', ')} yet: ${saveFailureReason(err)}`);
      return [];
    }
    if (!outcome) return [];
    for (const f of outcome.done) await fsp.unlink(f).catch(() => undefined);
    for (const n of outcome.notes) if (!this.recoveryNotes.includes(n)) this.recoveryNotes.push(n);
    return outcome.notes;
  }

  /**
   * Save a credential the provider just issued (a sign-in). When the save fails, the credential is
   * kept in a recovery file beside the store and the error thrown says where.
   */
  async saveIssued<T>(mutate: StoreMutator<T>, keep: RecoveryEntry[], what: string): Promise<T | undefined> {
    try {
      return await this.update(mutate);
    } catch (err) {
      if (keep.length === 0) throw err;
      throw await keepUnsavedCredential(this.storePath, keep, what, err);
    }
  }

  /** Hold this store's lock (the gateway's lock) across `fn`; see withAuthStoreLock. */
  async withLock<T>(fn: (locked: LockedAuthStore) => Promise<T>, options: UpdateOptions = {}): Promise<T> {
    await housekeepStoreFile(this.storePath, this.warn);
    return withAuthStoreLock(this.storePath, fn, { warn: this.warn, ...options });
  }

  private async importLegacy(): Promise<string[]> {
    const sources = { agentAuthPath: legacyAgentAuthPath(this.agentDir), oauthPath: legacyOAuthPath(this.env) };
    if (!(await fileExists(sources.agentAuthPath)) && !(await fileExists(sources.oauthPath))) return [];
    const notes = await updateAuthStore(
      this.storePath,
      async (store, { exists }) => {
        if (exists) return NO_CHANGE;
        const n = await importLegacyCredentials(store, sources);
        return n.length ? n : NO_CHANGE;
      },
      { warn: this.warn },
    );
    for (const n of notes ?? []) this.warn(n);
    return notes ?? [];
  }

  /** Locked read-modify-write of this agent's store (see updateAuthStore). */
  async update<T>(mutate: StoreMutator<T>, options: UpdateOptions = {}): Promise<T | undefined> {
    await housekeepStoreFile(this.storePath, this.warn);
    return updateAuthStore(this.storePath, mutate, { warn: this.warn, ...options });
  }
}

export function openAgentStore(agentId?: string, env: Env = process.env, warn?: WarningSink): AgentStore {
  return new AgentStore(agentId, env, warn);
}

/** Every agent that has a directory under `<state>/agents` or an entry in config `agents.list`, `main` first. */
export async function discoverAgentIds(env: Env, config: ClawdbotConfig): Promise<string[]> {
  const ids = new Set<string>([DEFAULT_AGENT_ID]);
  try {
    // Blocking: a directory of a few names, listed by each status run (see readFileIfExists).
    for (const name of fs.readdirSync(agentsRoot(env))) {
      try {
        ids.add(normalizeAgentId(name));
      } catch {
        /* not an agent dir */
      }
    }
  } catch {
    /* no agents yet */
  }
  for (const a of Array.isArray(config.agents?.list) ? config.agents.list : []) {
    try {
      if (a && typeof a.id === 'string') ids.add(normalizeAgentId(a.id));
    } catch {
      /* an invalid id in the config is not an agent we can show */
    }
  }
  return [...ids].sort((a, b) => (a === DEFAULT_AGENT_ID ? -1 : b === DEFAULT_AGENT_ID ? 1 : a.localeCompare(b)));
}

/** Every agent (see discoverAgentIds); a config that cannot be read still lets directories list. */
export async function listAgentIds(env: Env = process.env): Promise<string[]> {
  let config: ClawdbotConfig = {};
  try {
    config = (await readConfig(resolveConfigPath(env))).config;
  } catch {
    /* a corrupt config is reported by doctor and status; directories still list */
  }
  return discoverAgentIds(env, config);
}

/**
 * Commands that read (status, list, order, doctor...) never create an agent: a name that is not
 * `main`, has no directory under `<state>/agents` and is not in the config's `agents.list` is a
 * typo until `clawdbot agents add` says otherwise. Returns the normalised id.
 */
export async function requireKnownAgent(rawId: string | undefined, env: Env = process.env, warn: WarningSink = defaultWarningSink): Promise<string> {
  const agentId = normalizeAgentId(rawId ?? DEFAULT_AGENT_ID);
  // Agent ids are directory names in lower case (as the gateway's): `Team-A` means `team-a`, said once.
  const recased = rawId !== undefined && rawId.trim() !== agentId;
  // `main` is always an agent (discoverAgentIds lists it first whatever exists), so the default
  // needs no listing: the cron check asks for it every few minutes.
  if (agentId === DEFAULT_AGENT_ID) {
    if (recased) warn(`agent ids are lower-case: --agent ${rawId.trim()} is agent ${agentId}`);
    return agentId;
  }
  const known = await listAgentIds(env);
  if (known.includes(agentId)) {
    if (recased) warn(`agent ids are lower-case: --agent ${rawId.trim()} is agent ${agentId}`);
    return agentId;
  }
  const typed = recased ? `from --agent ${rawId.trim()}: ids are lower-case; ` : '';
  throw new NotFoundError(`unknown agent "${agentId}" (${typed}agents: ${known.join(', ')}; create it with clawdbot agents add ${agentId})`);
}
