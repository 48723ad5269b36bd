// Resolving secret references when a credential is needed (status, probe, a gateway embedding the
// library). Every resolved value is registered for redaction before anyone can print it; every
// failure is a RefResolution naming what to fix, never an exception.
import { readDotEnv } from '../store/env-file.js';
import { envFilePath, type Env } from '../store/paths.js';
import { registerSecret } from '../util/redact.js';
import { DEFAULT_ENV_ALIAS, credentialRef, describeRef, refShapeProblem, type ExecProviderConfig, type SecretRef, type SecretsConfig } from '../store/secret-ref.js';
import type { RefResolution } from './resolution.js';
import { resolveFileRef } from './resolve-file.js';
import { resolveExecRefs } from './resolve-exec.js';

export type { RefResolution } from './resolution.js';

export interface ResolveContext {
  env: Env;
  /** `secrets` from clawdbot.json. */
  secrets?: SecretsConfig | undefined;
  /** `<state>/.env`, when already read; read on demand otherwise. */
  dotEnv?: Record<string, string>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(problem: string, fix: string): RefResolution {
  return { ok: false, problem, fix };
}

async function dotEnvOf(ctx: ResolveContext): Promise<Record<string, string>> {
  if (!ctx.dotEnv) {
    try {
      ctx.dotEnv = await readDotEnv(envFilePath(ctx.env));
    } catch {
      ctx.dotEnv = {};
    }
  }
  return ctx.dotEnv;
}

async function resolveEnvRef(ref: SecretRef, ctx: ResolveContext): Promise<RefResolution> {
  const cfg = ctx.secrets?.providers?.[ref.provider];
  if (ref.provider !== DEFAULT_ENV_ALIAS && ref.provider !== ctx.secrets?.defaults?.env && !(isRecord(cfg) && cfg.source === 'env')) {
    return fail(`secret provider "${ref.provider}" is not defined`, `use provider "default" for env refs, or define secrets.providers.${ref.provider} = {"source":"env"}`);
  }
  if (isRecord(cfg) && cfg.source === 'env' && Array.isArray(cfg.allowlist) && !cfg.allowlist.includes(ref.id)) {
    return fail(`${ref.id} is not in secrets.providers.${ref.provider}.allowlist`, `add ${ref.id} to the allowlist`);
  }
  const fromProcess = ctx.env[ref.id];
  if (typeof fromProcess === 'string' && fromProcess.trim()) return { ok: true, value: fromProcess.trim() };
  const fromFile = (await dotEnvOf(ctx))[ref.id];
  if (typeof fromFile === 'string' && fromFile.trim()) return { ok: true, value: fromFile.trim() };
  return fail(`environment variable ${ref.id} is not set (nor in ${envFilePath(ctx.env)})`, `export ${ref.id}=… where clawdbot runs, or add it to ${envFilePath(ctx.env)}`);
}

function providerConfig(ref: SecretRef, ctx: ResolveContext): Record<string, unknown> | RefResolution {
  const cfg = ctx.secrets?.providers?.[ref.provider];
  if (!isRecord(cfg)) {
    return fail(`secret provider "${ref.provider}" (${ref.source}) is not defined in the config`, `define secrets.providers.${ref.provider} in clawdbot.json`);
  }
  if (cfg.source !== ref.source) {
    return fail(`secrets.providers.${ref.provider} is a "${String(cfg.source)}" provider, but the reference says "${ref.source}"`, 'make the two agree');
  }
  return cfg;
}

const keyOf = (ref: SecretRef) => `${ref.source}\u0000${ref.provider}\u0000${ref.id}`;

/**
 * Resolve many references at once: each exec provider runs once for all its ids. The result is
 * keyed by the same objects passed in. Values are registered for redaction.
 */
export async function resolveRefs(refs: readonly SecretRef[], ctx: ResolveContext): Promise<Map<SecretRef, RefResolution>> {
  const byKey = new Map<string, RefResolution>();
  const execIds = new Map<string, Set<string>>();
  for (const ref of refs) {
    const k = keyOf(ref);
    if (byKey.has(k)) continue;
    const shape = refShapeProblem(ref);
    if (shape) {
      byKey.set(k, fail(`the reference is malformed: ${shape}`, 'fix keyRef/tokenRef in the store, or save the credential again with --ref'));
      continue;
    }
    if (ref.source === 'env') byKey.set(k, await resolveEnvRef(ref, ctx));
    else {
      const cfg = providerConfig(ref, ctx);
      if ('ok' in cfg) byKey.set(k, cfg as RefResolution);
      else if (ref.source === 'file') byKey.set(k, await resolveFileRef(ref, cfg as never, ctx.env));
      else {
        const ids = execIds.get(ref.provider) ?? new Set<string>();
        ids.add(ref.id);
        execIds.set(ref.provider, ids);
      }
    }
  }
  for (const [alias, ids] of execIds) {
    const cfg = ctx.secrets!.providers![alias] as ExecProviderConfig;
    const list = [...ids];
    // A program that prints one plain value can only answer one id per run.
    const batches = cfg.jsonOnly === false ? list.map((id) => [id]) : [list];
    for (const batch of batches) {
      const got = await resolveExecRefs(alias, batch, cfg, ctx.env);
      for (const [id, r] of got) byKey.set(keyOf({ source: 'exec', provider: alias, id }), r);
    }
  }
  const out = new Map<SecretRef, RefResolution>();
  for (const ref of refs) {
    const r = byKey.get(keyOf(ref))!;
    if (r.ok) registerSecret(r.value);
    out.set(ref, r);
  }
  return out;
}

export async function resolveRef(ref: SecretRef, ctx: ResolveContext): Promise<RefResolution> {
  return (await resolveRefs([ref], ctx)).get(ref)!;
}

/**
 * The secret a stored credential stands for, whichever way it is stored: its reference resolved,
 * or the plaintext field (`key`, `token`, an OAuth `access`). For a gateway embedding the library.
 */
export async function resolveCredentialSecret(cred: { type: string; [k: string]: unknown }, ctx: ResolveContext): Promise<RefResolution> {
  const ref = credentialRef(cred);
  if (ref) return resolveRef(ref, ctx);
  const field = cred.type === 'api_key' ? 'key' : cred.type === 'token' ? 'token' : cred.type === 'oauth' ? 'access' : undefined;
  const v = field ? cred[field] : undefined;
  if (typeof v === 'string' && v.trim()) return { ok: true, value: v };
  return fail(`no secret stored${field ? ` (no "${field}")` : ` (credential type "${String(cred.type)}" is not known)`}`, 'save the credential again');
}

/** One line for a failed resolution: `env:ANTHROPIC_API_KEY does not resolve: … Fix: …`. */
export function describeFailure(ref: SecretRef, r: Extract<RefResolution, { ok: false }>): string {
  return `${describeRef(ref)} does not resolve: ${r.problem}; fix: ${r.fix}`;
}
