// `clawdbot secrets audit`: where secrets still sit in plaintext (every agent's auth store, the
// state dir's .env, clawdbot.json), which references do not resolve, and which credential files
// others could read or change. Every value shown is masked; nothing here writes a file.
import fsp from 'node:fs/promises';
import {
  type AuthProfileStore,
  type ClawdbotConfig,
  type Env,
  discoverAgentIds,
  envFilePath,
  openAgentStore,
  readConfig,
  readDotEnv,
  resolveConfigPath,
  PROVIDER_ENV_VARS,
  agentFlag,
  expandHome,
} from '../store/index.js';
import { maskSecret } from '../util/mask.js';
import { errorMessage, registerSecret } from '../util/redact.js';
import { displaySafe } from '../util/sanitize.js';
import { credentialRef, describeRef, type SecretRef } from '../store/secret-ref.js';
import { resolveRefs } from './resolve.js';
import { octal } from './resolve-file.js';

export interface PlaintextFinding {
  /** The file holding it. */
  path: string;
  /** `profiles["openai:default"].key`, `OPENAI_API_KEY`, `models.providers.openai.apiKey`. */
  where: string;
  profileId?: string;
  agentId?: string;
  masked: string;
  /** OAuth tokens stay plaintext by design (a rotating refresh token must be writable). */
  canBeRef: boolean;
  /** For a profile's key or token: the command that puts a reference in its place. */
  fix?: string;
}
export interface UnresolvedFinding {
  path: string;
  agentId: string;
  profileId: string;
  ref: string;
  problem: string;
  fix: string;
}
export interface PermissionFinding {
  path: string;
  mode: string;
  problem: string;
  fix: string;
}
export interface AuditReport {
  plaintext: PlaintextFinding[];
  unresolved: UnresolvedFinding[];
  permissions: PermissionFinding[];
  /** Files that could not be read (a corrupt store): reported, never a crash. */
  errors: string[];
  refs: number;
}

const SECRET_KEY = /(^|_)(api_?key|apikey|token|secret|password|access|refresh)$/i;
const ENV_SECRET_NAME = /(_API_KEY|_TOKEN|_SECRET|_PASSWORD|^API_KEY)$/;
/** `${NAME}` and `$NAME` stand for a variable, not a secret. */
const ENV_SHORTHAND = /^\$\{?[A-Z][A-Z0-9_]*\}?$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The variable a reference to `provider`'s key or token would most likely name (a suggestion). */
function suggestedVariable(provider: string, type: 'api_key' | 'token'): string {
  const suffix = type === 'api_key' ? '_API_KEY' : '_TOKEN';
  const known = PROVIDER_ENV_VARS[provider]?.find((n) => n.endsWith(suffix));
  return known ?? `${provider.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}${suffix}`;
}

/** A token's time left as `--expires-in` takes it, rounded down (whole days, else hours). */
function expiresInFlag(expires: unknown, now: number): string {
  if (typeof expires !== 'number' || expires <= now) return '';
  const hours = Math.floor((expires - now) / 3_600_000);
  return hours >= 48 ? ` --expires-in ${Math.floor(hours / 24)}d` : ` --expires-in ${Math.max(1, hours)}h`;
}

/**
 * The command that replaces a profile's plaintext key or token with a reference to a variable: the
 * same type of credential, the same id, a token's expiry kept (it asks before replacing; --force
 * off a terminal).
 */
function moveToRefCommand(agentId: string, profileId: string, cred: { type: 'api_key' | 'token'; provider: string; expires?: unknown }, now: number): string {
  const command = cred.type === 'api_key' ? 'add' : 'paste-token';
  const expiry = cred.type === 'token' ? expiresInFlag(cred.expires, now) : '';
  const agent = agentFlag(agentId);
  return `clawdbot models auth ${command} --provider ${cred.provider} --profile-id ${profileId} --ref env:${suggestedVariable(cred.provider, cred.type)}${expiry}${agent}`;
}

function profileSecrets(doc: AuthProfileStore, file: string, agentId: string, out: PlaintextFinding[]): void {
  for (const [id, cred] of Object.entries(doc.profiles)) {
    const c = cred as Record<string, unknown>;
    const fields = cred.type === 'oauth' ? ['access', 'refresh'] : cred.type === 'api_key' ? ['key'] : cred.type === 'token' ? ['token'] : [];
    for (const f of fields) {
      const v = c[f];
      if (typeof v !== 'string' || !v.trim()) continue;
      registerSecret(v);
      out.push({
        path: file,
        where: `profiles[${JSON.stringify(id)}].${f}`,
        profileId: id,
        agentId,
        masked: f === 'refresh' ? '(refresh token)' : maskSecret(v),
        canBeRef: cred.type !== 'oauth',
        ...(cred.type === 'api_key' || cred.type === 'token' ? { fix: moveToRefCommand(agentId, id, { type: cred.type, provider: cred.provider, expires: c.expires }, Date.now()) } : {}),
      });
    }
  }
}

/** Secret-looking strings in the config, outside `secrets` (whose paths and commands are not secrets). */
function configSecrets(v: unknown, at: string[], file: string, out: PlaintextFinding[]): void {
  if (isRecord(v)) {
    for (const [k, child] of Object.entries(v)) {
      if (at.length === 0 && k === 'secrets') continue;
      // A ref object where a secret goes is the goal, not a finding.
      if (isRecord(child) && typeof child.source === 'string' && typeof child.id === 'string') continue;
      if (typeof child === 'string' && SECRET_KEY.test(k) && child.trim() && !ENV_SHORTHAND.test(child.trim())) {
        registerSecret(child);
        out.push({ path: file, where: [...at, k].join('.'), masked: maskSecret(child), canBeRef: true });
      } else configSecrets(child, [...at, k], file, out);
    }
  } else if (Array.isArray(v)) v.forEach((x, i) => configSecrets(x, [...at, String(i)], file, out));
}

async function looseMode(file: string, mask: number, what: string, fix: string, out: PermissionFinding[]): Promise<void> {
  let st;
  try {
    st = await fsp.stat(file);
  } catch {
    return;
  }
  if (st.mode & mask) out.push({ path: file, mode: octal(st.mode), problem: `${what} can be ${mask & 0o044 ? 'read' : 'changed'} by group or others`, fix });
}

export async function auditSecrets(opts: { env?: Env; agentIds?: string[] } = {}): Promise<AuditReport> {
  const env = opts.env ?? process.env;
  const report: AuditReport = { plaintext: [], unresolved: [], permissions: [], errors: [], refs: 0 };
  const configPath = resolveConfigPath(env);
  let config: ClawdbotConfig = {};
  try {
    config = (await readConfig(configPath)).config;
  } catch (err) {
    report.errors.push(errorMessage(err));
  }
  configSecrets(config, [], configPath, report.plaintext);
  await looseMode(configPath, 0o077, 'the config', `chmod 600 ${configPath}`, report.permissions);

  const dotEnvPath = envFilePath(env);
  let dotEnv: Record<string, string> = {};
  try {
    dotEnv = await readDotEnv(dotEnvPath);
  } catch (err) {
    report.errors.push(`${dotEnvPath}: ${errorMessage(err)}`);
  }
  const knownVars = new Set(Object.values(PROVIDER_ENV_VARS).flat());
  for (const [name, value] of Object.entries(dotEnv)) {
    if (!value.trim() || !(knownVars.has(name) || ENV_SECRET_NAME.test(name))) continue;
    registerSecret(value);
    report.plaintext.push({ path: dotEnvPath, where: name, masked: maskSecret(value), canBeRef: true });
  }
  await looseMode(dotEnvPath, 0o077, 'the .env file', `chmod 600 ${dotEnvPath}`, report.permissions);

  const agentIds = opts.agentIds?.length ? opts.agentIds : await discoverAgentIds(env, config);
  const refs: Array<{ ref: SecretRef; agentId: string; profileId: string; path: string }> = [];
  for (const agentId of agentIds) {
    const store = openAgentStore(agentId, env, () => undefined);
    let doc: AuthProfileStore;
    try {
      doc = (await store.load()).store;
    } catch (err) {
      report.errors.push(errorMessage(err));
      continue;
    }
    profileSecrets(doc, store.storePath, store.agentId, report.plaintext);
    for (const [id, cred] of Object.entries(doc.profiles)) {
      const ref = credentialRef(cred);
      if (ref) refs.push({ ref, agentId: store.agentId, profileId: id, path: store.storePath });
    }
    await looseMode(store.storePath, 0o077, 'the auth store', `chmod 600 ${store.storePath}`, report.permissions);
  }
  report.refs = refs.length;
  const resolved = await resolveRefs(
    refs.map((r) => r.ref),
    { env, secrets: config.secrets, dotEnv },
  );
  for (const r of refs) {
    const got = resolved.get(r.ref)!;
    if (!got.ok) report.unresolved.push({ path: r.path, agentId: r.agentId, profileId: r.profileId, ref: describeRef(r.ref), problem: errorMessage(got.problem), fix: errorMessage(got.fix) });
  }
  // Secrets files named by file providers: others must not be able to change them.
  for (const [alias, p] of Object.entries(config.secrets?.providers ?? {})) {
    if (isRecord(p) && p.source === 'file' && typeof p.path === 'string') {
      const file = expandHome(p.path, env);
      await looseMode(file, 0o022, `secrets file of ${alias}`, `chmod go-w ${file}`, report.permissions);
    }
  }
  for (const f of report.plaintext) f.where = displaySafe(f.where);
  return report;
}

/** --check: plaintext that could be a reference, or a reference that does not resolve. */
export function auditFails(r: AuditReport): boolean {
  return r.plaintext.some((f) => f.canBeRef) || r.unresolved.length > 0;
}
