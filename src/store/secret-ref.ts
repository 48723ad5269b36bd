// Secret references: a credential field that names where the secret lives instead of holding it.
// The shape is OpenClaw's, so stores and configs move between the two programs:
//   { "source": "env" | "file" | "exec", "provider": "<alias>", "id": "<id>" }
// stored on a profile as `keyRef` (api_key) or `tokenRef` (token). OAuth profiles keep plaintext:
// a rotating refresh token must be writable, and a reference is read-only.
import { UsageError } from '../util/errors.js';
import { isNonBlank } from '../util/non-blank.js';

export type SecretSource = 'env' | 'file' | 'exec';

export interface SecretRef {
  source: SecretSource;
  provider: string;
  id: string;
}

export interface EnvProviderConfig {
  source: 'env';
  allowlist?: string[];
}
export interface FileProviderConfig {
  source: 'file';
  path: string;
  mode?: 'json' | 'singleValue';
  timeoutMs?: number;
  maxBytes?: number;
}
export interface ExecProviderConfig {
  source: 'exec';
  command: string;
  args?: string[];
  passEnv?: string[];
  env?: Record<string, string>;
  timeoutMs?: number;
  maxOutputBytes?: number;
  jsonOnly?: boolean;
}
export type SecretProviderConfig = EnvProviderConfig | FileProviderConfig | ExecProviderConfig;

/** `secrets` in clawdbot.json. */
export interface SecretsConfig {
  providers?: Record<string, SecretProviderConfig>;
  defaults?: Partial<Record<SecretSource, string>>;
  [extra: string]: unknown;
}

/** Said once before a reference is saved (wizard, --ref, onboard ref mode). */
export const GATEWAY_CANNOT_READ_REFS_NOTE =
  'a Clawdbot 2026.1.x gateway reads only plaintext keys and tokens: it will not see this profile (this CLI and OpenClaw resolve references).';

export const OAUTH_REFS_REFUSED =
  'OAuth sign-ins cannot be stored as a secret reference: their refresh token rotates and must be written back, which a reference cannot take. Store them as they are, or use an API key or token with --ref.';

export const PROVIDER_ALIAS_RE = /^[a-z][a-z0-9_-]{0,63}$/;
export const ENV_ID_RE = /^[A-Z][A-Z0-9_]{0,127}$/;
const EXEC_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,255}$/;
/** The env alias that needs no config. */
export const DEFAULT_ENV_ALIAS = 'default';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The field that holds the reference for a credential type, or undefined when refs are not allowed. */
export function refFieldFor(type: string): 'keyRef' | 'tokenRef' | undefined {
  return type === 'api_key' ? 'keyRef' : type === 'token' ? 'tokenRef' : undefined;
}

/** The plaintext field a reference stands in for. */
export function plainFieldFor(type: string): 'key' | 'token' | undefined {
  return type === 'api_key' ? 'key' : type === 'token' ? 'token' : undefined;
}

/** What is wrong with a reference's shape, or undefined. Never mentions a secret (a ref holds none). */
export function refShapeProblem(v: unknown): string | undefined {
  if (!isRecord(v)) return 'a reference must be an object {source, provider, id}';
  const { source, provider, id } = v;
  if (source !== 'env' && source !== 'file' && source !== 'exec') return 'source must be "env", "file" or "exec"';
  if (typeof provider !== 'string' || !PROVIDER_ALIAS_RE.test(provider)) return 'provider must be an alias like "default" or "op" (lower-case letters, digits, "_" or "-")';
  if (typeof id !== 'string' || !id) return 'id must be a non-empty string';
  if (source === 'env' && !ENV_ID_RE.test(id)) return `an env id is a variable name like ANTHROPIC_API_KEY (upper-case letters, digits, "_")`;
  if (source === 'file' && id !== 'value' && !id.startsWith('/')) return 'a file id is an absolute JSON pointer like /providers/openai/apiKey, or "value"';
  if (source === 'exec' && (!EXEC_ID_RE.test(id) || id.split('/').some((seg) => seg === '.' || seg === '..'))) {
    return 'an exec id uses letters, digits and . _ : / # - (no "." or ".." segments), at most 256 characters';
  }
  return undefined;
}

export function isSecretRef(v: unknown): v is SecretRef {
  return refShapeProblem(v) === undefined;
}

/** The reference a stored credential carries, if any (an invalid one is reported by the schema). */
export function credentialRef(cred: { type: string; [k: string]: unknown }): SecretRef | undefined {
  // Named reads, not cred[refFieldFor(type)]: a computed key on credentials of every shape is a
  // slow lookup, and this runs for every profile of a status report.
  const v = cred.type === 'api_key' ? cred.keyRef : cred.type === 'token' ? cred.tokenRef : undefined;
  return v !== undefined && isSecretRef(v) ? v : undefined;
}

/** True when the credential's plaintext field is non-empty or it carries a well-formed reference. */
export function hasSecretOrRef(cred: { type: string; [k: string]: unknown }): boolean {
  const v = cred.type === 'api_key' ? cred.key : cred.type === 'token' ? cred.token : undefined;
  return isNonBlank(v) || credentialRef(cred) !== undefined;
}

/** How a reference is shown: `env:ANTHROPIC_API_KEY`, `exec:op`, `file:vault`. Never a secret. */
export function describeRef(ref: SecretRef): string {
  return ref.source === 'env' ? `env:${ref.id}` : `${ref.source}:${ref.provider}`;
}

/** Longer form for messages: `exec:op id op://Private/Anthropic/credential`. */
export function describeRefWithId(ref: SecretRef): string {
  return ref.source === 'env' ? `env:${ref.id}` : `${ref.source}:${ref.provider} id ${ref.id}`;
}

/**
 * `--ref` on the command line: `env:NAME`, or `<alias>:<id>` for a provider configured under
 * `secrets.providers.<alias>` (its source comes from there). Throws a UsageError saying what to do.
 */
export function parseRefSpec(spec: string, secrets: SecretsConfig | undefined): SecretRef {
  const s = spec.trim();
  const colon = s.indexOf(':');
  if (colon <= 0 || colon === s.length - 1) {
    throw new UsageError(`Invalid --ref "${s}": use env:NAME (an environment variable) or <alias>:<id> for a provider under secrets.providers in the config.`);
  }
  const alias = s.slice(0, colon);
  const id = s.slice(colon + 1);
  const configured = secrets?.providers?.[alias];
  let ref: SecretRef;
  if (configured && isRecord(configured) && (configured.source === 'env' || configured.source === 'file' || configured.source === 'exec')) {
    ref = { source: configured.source, provider: alias, id };
  } else if (alias === 'env') {
    ref = { source: 'env', provider: secrets?.defaults?.env ?? DEFAULT_ENV_ALIAS, id };
  } else {
    throw new UsageError(
      `Unknown secret provider "${alias}" in --ref: define secrets.providers.${alias} in the config (source "file" or "exec"), or use env:NAME.`,
    );
  }
  const problem = refShapeProblem(ref);
  if (problem) throw new UsageError(`Invalid --ref "${s}": ${problem}.`);
  return ref;
}
