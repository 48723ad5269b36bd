// A static token for any provider (the wizard's "other provider -> token" and --token flags).
import type { TokenCredential } from '../src/store/index.js';
import { sanitizeSecretInput } from '../src/auth/sanitize.js';
import { checkSetupToken } from '../src/oauth/anthropic.js';
import type { SecretCheck } from './types.js';

export function checkToken(provider: string, raw: string): SecretCheck {
  if (provider === 'anthropic') {
    const r = checkSetupToken(raw);
    return r.ok ? { ok: true, value: r.token } : { ok: false, error: r.error };
  }
  const token = sanitizeSecretInput(raw ?? '');
  if (!token) return { ok: false, error: 'Required: paste the token.' };
  if (/\s/.test(token)) return { ok: false, error: 'That token contains spaces; paste only the token itself, on one line.' };
  if (token.includes('#')) return { ok: false, error: 'That token contains "#": it looks like an OAuth "code#state" pair, not a token.' };
  if (token.length < 8) return { ok: false, error: `That token looks too short (${token.length} characters); paste the whole token.` };
  return { ok: true, value: token };
}

export function tokenCredential(provider: string, token: string, expiresAt?: number): TokenCredential {
  const c: TokenCredential = { type: 'token', provider, token };
  if (expiresAt !== undefined) c.expires = expiresAt;
  return c;
}
