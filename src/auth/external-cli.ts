// Reusing the sign-ins of the vendor CLIs, as Clawdbot did from 2026-01-07 to 2026-01-26:
// - Claude Code: `~/.claude/.credentials.json` (`$CLAUDE_CONFIG_DIR`), or on macOS the Keychain
//   item "Claude Code-credentials": `{claudeAiOauth:{accessToken, refreshToken, expiresAt}}`
//   -> `anthropic:claude-cli` (oauth when a refresh token is present, else token);
// - Codex CLI: `$CODEX_HOME/auth.json` (default `~/.codex`), or on macOS the Keychain item
//   "Codex Auth": `{tokens:{access_token, refresh_token, account_id, id_token}, last_refresh}`
//   -> `openai-codex:codex-cli`, expiry from the access token's JWT `exp`.
// Rules: never downgrade an oauth profile to a token; only replace when the CLI copy is newer;
// write under the store lock; a malformed file gives one clear line and nothing is written.
// When we refresh a reused credential, the new tokens are written back to the CLI's file (merged,
// atomically, 0600) so both programs keep working with the rotated refresh token.
import { lazyChildProcess, sha256Hex } from '../util/lazy-builtins.js';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { AgentStore } from '../store/agent-store.js';
import type { AnyCredential, AuthProfileStore, OAuthCredential, TokenCredential } from '../store/auth-profiles.js';
import { NO_CHANGE } from '../store/auth-store.js';
import { StoreCorruptError, isNodeError } from '../util/errors.js';
import { decodeJsonFile, parseJsonStrict } from '../store/json-text.js';
import { readWhileSettling } from '../store/settled-read.js';
import { withFileLock } from '../store/lock.js';
import { setProfile } from '../store/mutations.js';
import { resolveRealFile } from '../store/real-path.js';
import { type Env, claudeCredentialsPath, codexAuthPath, homeDir } from '../store/paths.js';
import { type ClawdbotConfig, readConfig } from '../store/config.js';
import { type ExternalCliId, externalLoginPolicy } from './external-logins.js';
import { jwtExpiryMs, openAiAccountId } from '../oauth/jwt.js';
import { formatRemaining } from '../util/duration.js';
import { registerSecret } from '../util/redact.js';
import { isNonBlank } from '../util/non-blank.js';

export const CLAUDE_CLI_PROFILE_ID = 'anthropic:claude-cli';
export const CODEX_CLI_PROFILE_ID = 'openai-codex:codex-cli';
const KEYCHAIN_TIMEOUT_MS = 4000;
const CODEX_FALLBACK_LIFETIME_MS = 3_600_000;

export type ExternalCliCredential =
  | { found: true; credential: OAuthCredential | TokenCredential; path: string; expiresAt?: number }
  | { found: false; reason: string };

export interface ExternalCliOptions {
  /** Defaults to process.platform; the Keychain is only consulted on darwin. */
  platform?: NodeJS.Platform;
  /** Set false to never run `security` (gateway paths must not trigger Keychain prompts). */
  keychain?: boolean;
  /** Upper bound for one `security` call (default 4 s). */
  keychainTimeoutMs?: number;
}

/** `~/.claude/.credentials.json` for display. */
export function displayPath(p: string, env: Env = process.env): string {
  const home = homeDir(env);
  return p === home ? '~' : p.startsWith(home + path.sep) ? `~${p.slice(home.length)}` : p;
}

type ParsedFile = { ok: true; value: Record<string, unknown>; mtimeMs?: number } | { ok: false; reason: string };

function parseText(bytes: Buffer, shown: string): ParsedFile {
  try {
    const value = parseJsonStrict(shown, decodeJsonFile(shown, bytes));
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: `${shown} is not a JSON object` };
    return { ok: true, value: value as Record<string, unknown> };
  } catch (err) {
    if (err instanceof StoreCorruptError) {
      const where = err.where ? ` (${err.where})` : '';
      if (err.reason.startsWith('not valid JSON')) return { ok: false, reason: `${shown} is not valid JSON${where}` };
      return { ok: false, reason: `${shown}: ${err.reason}${where}` };
    }
    throw err;
  }
}

/** A vendor file that does not parse (carried through readWhileSettling, which retries these). */
class UnparsedVendorFile extends StoreCorruptError {}

async function readJsonFile(p: string, env: Env): Promise<ParsedFile | { ok: false; missing: true; reason: string }> {
  const shown = displayPath(p, env);
  // Claude Code and older Codex builds rewrite their file in place: one caught mid-write is read again.
  const attempt = async (): Promise<ParsedFile | { ok: false; missing: true; reason: string }> => {
    let bytes: Buffer;
    let mtimeMs: number | undefined;
    try {
      // Blocking, as every small file the status reads (see readFileIfExists): a few KiB.
      bytes = fs.readFileSync(p);
      mtimeMs = fs.statSync(p).mtimeMs;
    } catch (err) {
      if (isNodeError(err, 'ENOENT') || isNodeError(err, 'ENOTDIR')) return { ok: false, missing: true, reason: `no ${shown}` };
      return { ok: false, reason: `cannot read ${shown} (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
    }
    const parsed = parseText(bytes, shown);
    if (!parsed.ok) throw new UnparsedVendorFile(p, parsed.reason);
    return { ...parsed, mtimeMs };
  };
  try {
    return await readWhileSettling(p, attempt);
  } catch (err) {
    if (err instanceof UnparsedVendorFile) return { ok: false, reason: err.reason };
    throw err;
  }
}

function runSecurity(args: string[], env: Env, timeoutMs = KEYCHAIN_TIMEOUT_MS): Promise<string | undefined> {
  return new Promise((resolve) => {
    try {
      // Only PATH is taken from `env` (so tests can put a fake `security` first); never a shell.
      const childEnv = env.PATH ? { ...process.env, PATH: env.PATH } : process.env;
      lazyChildProcess().execFile('security', args, { timeout: timeoutMs, killSignal: 'SIGKILL', encoding: 'utf8', env: childEnv }, (err, stdout) => {
        resolve(err || !stdout.trim() ? undefined : stdout.trim());
      });
    } catch {
      resolve(undefined);
    }
  });
}

function useKeychain(opts: ExternalCliOptions): boolean {
  return (opts.platform ?? process.platform) === 'darwin' && opts.keychain !== false;
}

function claudeFromValue(value: Record<string, unknown>, shown: string): ExternalCliCredential {
  const o = value.claudeAiOauth as Record<string, unknown> | undefined;
  if (!o || typeof o !== 'object' || !isNonBlank(o.accessToken)) {
    return { found: false, reason: `${shown} has no claudeAiOauth.accessToken (sign in with \`claude\` first)` };
  }
  let expires = typeof o.expiresAt === 'number' && Number.isFinite(o.expiresAt) && o.expiresAt > 0 ? o.expiresAt : undefined;
  if (expires !== undefined && expires < 1e12) expires *= 1000; // seconds, not ms
  registerSecret(o.accessToken);
  const credential: OAuthCredential | TokenCredential = isNonBlank(o.refreshToken)
    ? { type: 'oauth', provider: 'anthropic', access: o.accessToken, refresh: o.refreshToken, expires: expires ?? 0 }
    : { type: 'token', provider: 'anthropic', token: o.accessToken, ...(expires ? { expires } : {}) };
  if (isNonBlank(o.refreshToken)) registerSecret(o.refreshToken);
  return { found: true, credential, path: shown, ...(expires ? { expiresAt: expires } : {}) };
}

/** Claude Code's sign-in: macOS Keychain first (darwin only, best effort), then the file. */
export async function readClaudeCliCredential(env: Env = process.env, opts: ExternalCliOptions = {}): Promise<ExternalCliCredential> {
  if (useKeychain(opts)) {
    const out = await runSecurity(['find-generic-password', '-s', 'Claude Code-credentials', '-w'], env, opts.keychainTimeoutMs);
    if (out) {
      const parsed = parseText(Buffer.from(out), 'Keychain item "Claude Code-credentials"');
      if (parsed.ok) {
        const r = claudeFromValue(parsed.value, 'Keychain item "Claude Code-credentials"');
        if (r.found) return r;
      }
    }
  }
  const file = claudeCredentialsPath(env);
  const read = await readJsonFile(file, env);
  if (!read.ok) return { found: false, reason: read.reason };
  return claudeFromValue(read.value, displayPath(file, env));
}

function codexFromValue(value: Record<string, unknown>, shown: string, mtimeMs: number | undefined): ExternalCliCredential {
  const t = value.tokens as Record<string, unknown> | undefined;
  if (!t || typeof t !== 'object' || !isNonBlank(t.access_token)) {
    if (isNonBlank(value.OPENAI_API_KEY)) return { found: false, reason: `${shown} holds an OpenAI API key, not a ChatGPT sign-in` };
    return { found: false, reason: `${shown} has no tokens.access_token (sign in with \`codex login\` first)` };
  }
  const access = t.access_token;
  registerSecret(access);
  let expires = jwtExpiryMs(access);
  if (expires === undefined) {
    const last = typeof value.last_refresh === 'string' ? Date.parse(value.last_refresh) : NaN;
    const base = Number.isFinite(last) ? last : mtimeMs;
    if (base !== undefined) expires = base + CODEX_FALLBACK_LIFETIME_MS;
  }
  const accountId = isNonBlank(t.account_id) ? t.account_id : openAiAccountId(access) ?? (isNonBlank(t.id_token) ? openAiAccountId(t.id_token) : undefined);
  let credential: OAuthCredential | TokenCredential;
  if (isNonBlank(t.refresh_token)) {
    registerSecret(t.refresh_token);
    credential = { type: 'oauth', provider: 'openai-codex', access, refresh: t.refresh_token, expires: expires ?? 0, ...(accountId ? { accountId } : {}) };
  } else {
    credential = { type: 'token', provider: 'openai-codex', token: access, ...(expires ? { expires } : {}) };
  }
  return { found: true, credential, path: shown, ...(expires ? { expiresAt: expires } : {}) };
}

/** The Codex CLI's keyring account: `cli|` + the first 16 hex of sha256(canonical CODEX_HOME). */
export function codexKeychainAccount(codexHome: string): string {
  let canonical = codexHome;
  try {
    canonical = fs.realpathSync(codexHome);
  } catch {
    /* not there: use as given */
  }
  return `cli|${sha256Hex(canonical).slice(0, 16)}`;
}

/** The Codex CLI's sign-in: macOS Keychain first (darwin only, best effort), then auth.json. */
export async function readCodexCliCredential(env: Env = process.env, opts: ExternalCliOptions = {}): Promise<ExternalCliCredential> {
  const file = codexAuthPath(env);
  if (useKeychain(opts)) {
    const out = await runSecurity(['find-generic-password', '-s', 'Codex Auth', '-a', codexKeychainAccount(path.dirname(file)), '-w'], env, opts.keychainTimeoutMs);
    if (out) {
      const parsed = parseText(Buffer.from(out), 'Keychain item "Codex Auth"');
      if (parsed.ok) {
        const r = codexFromValue(parsed.value, 'Keychain item "Codex Auth"', undefined);
        if (r.found) return r;
      }
    }
  }
  const read = await readJsonFile(file, env);
  if (!read.ok) return { found: false, reason: read.reason };
  return codexFromValue(read.value, displayPath(file, env), read.mtimeMs);
}

function secretOf(c: AnyCredential): string | undefined {
  if (c.type === 'oauth') return String(c.access ?? '');
  if (c.type === 'token') return String(c.token ?? '');
  return undefined;
}

/** Why an incoming CLI credential should replace what the store has, or undefined to leave it. */
export function externalReplaceDecision(existing: AnyCredential | undefined, incoming: OAuthCredential | TokenCredential): 'add' | 'update' | 'upgrade' | undefined {
  if (!existing) return 'add';
  if (existing.type !== 'oauth' && existing.type !== 'token') return undefined; // someone's own key: not ours
  if (existing.type === 'oauth' && incoming.type === 'token') return undefined; // never downgrade
  const same =
    secretOf(existing) === secretOf(incoming) &&
    (existing.type !== 'oauth' || incoming.type !== 'oauth' || existing.refresh === incoming.refresh);
  if (same) return undefined;
  if (existing.type === 'token' && incoming.type === 'oauth') return 'upgrade';
  const oldExp = typeof existing.expires === 'number' ? existing.expires : 0;
  const newExp = typeof incoming.expires === 'number' ? incoming.expires : 0;
  return newExp > oldExp ? 'update' : undefined;
}

const SOURCES = [
  { id: CLAUDE_CLI_PROFILE_ID, cli: 'claude-cli', label: 'Claude Code', read: readClaudeCliCredential },
  { id: CODEX_CLI_PROFILE_ID, cli: 'codex-cli', label: 'Codex CLI', read: readCodexCliCredential },
] as const;

export interface SyncOptions extends ExternalCliOptions {
  /** The config already read by the caller; otherwise it is read here. */
  config?: ClawdbotConfig;
}

async function configFor(agentStore: Pick<AgentStore, 'configPath'>, opts: SyncOptions): Promise<ClawdbotConfig> {
  if (opts.config) return opts.config;
  try {
    return (await readConfig(agentStore.configPath)).config;
  } catch {
    // A config that cannot be read is reported by status and doctor; its switches are unknown,
    // so nothing is imported rather than importing what the user may have turned off.
    return { auth: { externalLogins: { 'claude-cli': { import: false }, 'codex-cli': { import: false } } } };
  }
}

/**
 * A vendor CLI's login for one agent, as the wizard and `onboard --auth-choice claude-cli|codex-cli`
 * offer it: not found when `auth.externalLogins` turns it off for this agent, with why and how to
 * turn it on, so reuse follows the same switch as the sync.
 */
export async function readExternalLoginForAgent(
  cli: ExternalCliId,
  agent: Pick<AgentStore, 'agentId' | 'configPath'>,
  env: Env = process.env,
  opts: SyncOptions = {},
): Promise<ExternalCliCredential> {
  const src = SOURCES.find((x) => x.cli === cli)!;
  const policy = externalLoginPolicy(await configFor(agent, opts), cli, agent.agentId);
  if (!policy.imports) return { found: false, reason: `turned off for agent ${agent.agentId} (${policy.why}); to use it, ${policy.enable}.` };
  return src.read(env, opts);
}

/**
 * Import/refresh `anthropic:claude-cli` and `openai-codex:codex-cli` from the vendor CLIs into
 * this agent's store (under the lock; nothing written when nothing changed), for the agents
 * `auth.externalLogins` lets have them (external-logins.ts). Returns one note per thing worth
 * telling: what was imported, a login seen but not imported (and how to turn that on), or why a
 * present file was not usable. Missing files are silent. A corrupt store is not touched.
 */
export async function syncExternalCliProfiles(
  agentStore: AgentStore,
  env: Env = process.env,
  now: number = Date.now(),
  opts: SyncOptions = {},
): Promise<string[]> {
  const notes: string[] = [];
  const found: Array<{ id: string; label: string; r: Extract<ExternalCliCredential, { found: true }> }> = [];
  const config = await configFor(agentStore, opts);
  for (const src of SOURCES) {
    const policy = externalLoginPolicy(config, src.cli, agentStore.agentId);
    const r = await src.read(env, opts);
    if (r.found && !policy.imports) {
      notes.push(`${src.label} login seen (${displayPath(r.path, env)}) but not imported into agent ${agentStore.agentId}: ${policy.why}; to use it, ${policy.enable}`);
    } else if (r.found) found.push({ id: src.id, label: src.label, r });
    else if (!r.reason.startsWith('no ')) notes.push(`${src.label} sign-in not imported: ${r.reason}`);
  }
  if (found.length === 0) return notes;
  let current;
  try {
    current = (await agentStore.load()).store;
  } catch (err) {
    if (err instanceof StoreCorruptError) {
      notes.push(`External CLI sign-ins not imported: ${agentStore.storePath} cannot be read (see \`clawdbot doctor\`).`);
      return notes;
    }
    throw err;
  }
  const wanted = found.filter((f) => externalReplaceDecision(current.profiles[f.id], f.r.credential));
  if (wanted.length === 0 && expiryCorrections(current).length === 0) return notes;
  const applied = await agentStore.update((doc) => {
    const done: string[] = [];
    for (const f of wanted) {
      const decision = externalReplaceDecision(doc.profiles[f.id], f.r.credential);
      if (!decision) continue;
      setProfile(doc, f.id, { ...f.r.credential });
      const exp = f.r.expiresAt ? `, ${formatRemaining(f.r.expiresAt - now)}` : '';
      const verb = decision === 'add' ? 'imported' : decision === 'upgrade' ? 'upgraded to oauth' : 'updated';
      done.push(`${f.id}: ${verb} from ${f.r.path} (${f.r.credential.type}${exp})`);
    }
    for (const [id, exp] of expiryCorrections(doc)) {
      (doc.profiles[id] as OAuthCredential | TokenCredential).expires = exp;
      done.push(`${id}: stored expiry corrected to the access token's own (${formatRemaining(exp - now)})`);
    }
    return done.length ? done : NO_CHANGE;
  });
  return [...notes, ...(applied ?? [])];
}

/** A stored expiry this far from the token's own is another program's guess, not rounding. */
const EXPIRY_TOLERANCE_MS = 60_000;

/**
 * OAuth access tokens (and tokens) that are JWTs whose `exp` disagrees with the stored `expires`
 * (the gateway's Codex CLI sync stores the file's mtime + 1 h): [profile id, the JWT's expiry].
 */
export function expiryCorrections(doc: AuthProfileStore): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const [id, c] of Object.entries(doc.profiles)) {
    if (c.type !== 'oauth' && c.type !== 'token') continue;
    const secret = c.type === 'oauth' ? c.access : c.token;
    if (!isNonBlank(secret) || !secret.includes('.')) continue;
    const exp = jwtExpiryMs(secret);
    if (exp === undefined || exp <= 0) continue;
    if (typeof c.expires === 'number' && Math.abs(c.expires - exp) <= EXPIRY_TOLERANCE_MS) continue;
    out.push([id, exp]);
  }
  return out;
}

/**
 * After refreshing a reused credential, merge the new tokens into the CLI's own file, but only
 * when that file still holds the refresh token we spent (otherwise the CLI has moved on and its
 * copy is the newer one). Atomic, mode 0600. Returns a note, or undefined when nothing was written.
 */
export async function writeBackExternalCli(
  profileId: string,
  spentRefresh: string,
  tokens: { access: string; refresh: string; expires: number; idToken?: string },
  env: Env = process.env,
  now: number = Date.now(),
): Promise<string | undefined> {
  let file: string;
  if (profileId === CLAUDE_CLI_PROFILE_ID) file = claudeCredentialsPath(env);
  else if (profileId === CODEX_CLI_PROFILE_ID) file = codexAuthPath(env);
  else return undefined;
  if (!(await fsp.stat(file).then((st) => st.isFile(), () => false))) return undefined;
  // A read-modify-write of the vendor's file under our lock on the real file (a link is written
  // through, and a second refresher of ours waits instead of interleaving).
  const wrote = await withFileLock(file, async (lock) => {
    const read = await readJsonFile(file, env);
    if (!read.ok) return false;
    const doc = read.value;
    const raw = await fsp.readFile(file, 'utf8');
    const indent = /^\{\s*\n(\s+)"/.exec(raw)?.[1]?.length ?? 0;
    if (profileId === CLAUDE_CLI_PROFILE_ID) {
      const o = doc.claudeAiOauth as Record<string, unknown> | undefined;
      if (!o || typeof o !== 'object' || o.refreshToken !== spentRefresh) return false;
      doc.claudeAiOauth = { ...o, accessToken: tokens.access, refreshToken: tokens.refresh, expiresAt: tokens.expires };
    } else {
      const t = doc.tokens as Record<string, unknown> | undefined;
      if (!t || typeof t !== 'object' || t.refresh_token !== spentRefresh) return false;
      doc.tokens = { ...t, access_token: tokens.access, refresh_token: tokens.refresh, ...(tokens.idToken ? { id_token: tokens.idToken } : {}) };
      doc.last_refresh = new Date(now).toISOString();
    }
    const text = (indent ? JSON.stringify(doc, null, indent) : JSON.stringify(doc)) + (raw.endsWith('\n') ? '\n' : '');
    // Not writePrivateFileAtomic: this is another program's file in its own directory, whose
    // permissions are that program's business. Loaded here, not at start-up (status never writes).
    const { default: writeFileAtomic } = await import('write-file-atomic');
    await lock.assertHeld();
    await writeFileAtomic(await resolveRealFile(file), text, { mode: 0o600, fsync: true });
    return true;
  });
  if (!wrote) return undefined;
  return `wrote the refreshed tokens back to ${displayPath(file, env)}`;
}
