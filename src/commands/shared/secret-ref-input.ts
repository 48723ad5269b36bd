// Saving a credential as a secret reference from the command line (`paste-token --ref`, `models
// auth add --ref`, `onboard --secret-input-mode ref`): the reference is parsed, resolved once as a
// preflight (nothing is saved if it does not resolve), its value checked like a paste, and the
// user told once that a Clawdbot 2026.1.x gateway cannot read it.
import { type ApiKeyCredential, type TokenCredential, type Env, UsageError, readConfig } from '../../store/index.js';
import { pasteProblem } from '../../util/secret-shape.js';
import { maskSecret } from '../../util/mask.js';
import { GATEWAY_CANNOT_READ_REFS_NOTE, describeRef, parseRefSpec, type SecretRef } from '../../store/secret-ref.js';
import { resolveRef } from '../../secrets/resolve.js';
import { eprintln } from './output.js';

export interface RefCredential {
  credential: ApiKeyCredential | TokenCredential;
  ref: SecretRef;
  /** The resolved value, masked (for the "Saved …" line). */
  masked: string;
}

/**
 * Parse `--ref`, resolve it, and build the credential that stores the reference (never the
 * value). Throws a UsageError naming what is wrong; prints the gateway note once on success.
 */
/**
 * Parse a reference spec and resolve it once (the preflight before anything is saved). Throws a
 * UsageError naming what is wrong; the value is registered for redaction by the resolver.
 */
export async function preflightRef(spec: string, type: 'api_key' | 'token', configPath: string, env: Env): Promise<{ ref: SecretRef; value: string }> {
  const { config } = await readConfig(configPath);
  const ref = parseRefSpec(spec, config.secrets);
  const r = await resolveRef(ref, { env, secrets: config.secrets });
  if (!r.ok) throw new UsageError(`${describeRef(ref)} does not resolve: ${r.problem}; fix: ${r.fix}. Nothing was saved.`);
  const what = type === 'api_key' ? 'API key' : 'token';
  const problem = pasteProblem(r.value.trim(), what);
  if (problem) throw new UsageError(`The value behind ${describeRef(ref)} is not usable: ${problem} Nothing was saved.`);
  return { ref, value: r.value };
}

export async function refCredential(o: {
  spec: string;
  provider: string;
  type: 'api_key' | 'token';
  configPath: string;
  env: Env;
  expires?: number;
}): Promise<RefCredential> {
  const { ref, value } = await preflightRef(o.spec, o.type, o.configPath, o.env);
  const r = { value };
  eprintln(`clawdbot: note: ${GATEWAY_CANNOT_READ_REFS_NOTE}`);
  const credential: ApiKeyCredential | TokenCredential =
    o.type === 'api_key'
      ? { type: 'api_key', provider: o.provider, keyRef: ref }
      : { type: 'token', provider: o.provider, tokenRef: ref, ...(o.expires !== undefined ? { expires: o.expires } : {}) };
  return { credential, ref, masked: maskSecret(r.value) };
}
