// Saving a credential as a secret reference from the command line (`paste-token --ref`, `models
// auth add --ref`, `onboard --secret-input-mode ref`): the reference is parsed, resolved once as a
// preflight (nothing is saved if it does not resolve), its value checked like a paste, and the
// user told once that a Clawdbot 2026.1.x gateway cannot read it.
import { type ApiKeyCredential, type TokenCredential, type Env, UsageError, readConfig } from '../store/index.js';
import { pasteProblem } from '../auth/secret-shape.js';
import { maskSecret } from '../auth/mask.js';
import { describeRef, parseRefSpec, type SecretRef } from '../secrets/ref.js';
import { resolveRef } from '../secrets/resolve.js';
import { eprintln } from './output.js';

export const GATEWAY_CANNOT_READ_REFS_NOTE =
  'a Clawdbot 2026.1.x gateway reads only plaintext keys and tokens: it will not see this profile (this CLI and OpenClaw resolve references).';

export const OAUTH_REFS_REFUSED =
  'OAuth sign-ins cannot be stored as a secret reference: their refresh token rotates and must be written back, which a reference cannot take. Store them as they are, or use an API key or token with --ref.';

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
export async function refCredential(o: {
  spec: string;
  provider: string;
  type: 'api_key' | 'token';
  configPath: string;
  env: Env;
  expires?: number;
}): Promise<RefCredential> {
  const { config } = await readConfig(o.configPath);
  const ref = parseRefSpec(o.spec, config.secrets);
  const r = await resolveRef(ref, { env: o.env, secrets: config.secrets });
  if (!r.ok) throw new UsageError(`${describeRef(ref)} does not resolve: ${r.problem}; fix: ${r.fix}. Nothing was saved.`);
  const what = o.type === 'api_key' ? 'API key' : 'token';
  const problem = pasteProblem(r.value.trim(), what);
  if (problem) throw new UsageError(`The value behind ${describeRef(ref)} is not usable: ${problem} Nothing was saved.`);
  eprintln(`clawdbot: note: ${GATEWAY_CANNOT_READ_REFS_NOTE}`);
  const credential: ApiKeyCredential | TokenCredential =
    o.type === 'api_key'
      ? { type: 'api_key', provider: o.provider, keyRef: ref }
      : { type: 'token', provider: o.provider, tokenRef: ref, ...(o.expires !== undefined ? { expires: o.expires } : {}) };
  return { credential, ref, masked: maskSecret(r.value) };
}
