// A static token for any provider (the wizard's "other provider -> token" and --token flags).
import type { TokenCredential } from '../src/store/index.js';
import { sanitizeSecretInput } from '../src/util/sanitize.js';
import { pasteProblem, truncatedProblem } from '../src/util/secret-shape.js';
import { checkSetupToken } from '../src/oauth/anthropic.js';
import type { SecretCheck } from './types.js';

/** Providers' bearer tokens vary too much to know more than this: under it, a paste was cut off. */
export const TOKEN_MIN_LENGTH = 8;

export function checkToken(provider: string, raw: string): SecretCheck {
  if (provider === 'anthropic') {
    const r = checkSetupToken(raw);
    return r.ok ? { ok: true, value: r.token, ...(r.note ? { warning: r.note } : {}) } : { ok: false, error: r.error };
  }
  const token = sanitizeSecretInput(raw ?? '');
  const problem = pasteProblem(token, 'token') ?? truncatedProblem(token, 'token', TOKEN_MIN_LENGTH);
  return problem ? { ok: false, error: problem } : { ok: true, value: token };
}

export function tokenCredential(provider: string, token: string, expiresAt?: number): TokenCredential {
  const c: TokenCredential = { type: 'token', provider, token };
  if (expiresAt !== undefined) c.expires = expiresAt;
  return c;
}
