// Anthropic setup-token paste (`claude setup-token` prints a one-year subscription token).
import type { TokenCredential } from '../src/store/index.js';
import { checkSetupToken } from '../src/oauth/anthropic.js';
import type { SecretCheck } from './types.js';

/** Setup-tokens are issued for one year; record that so status warns before it lapses. */
export const SETUP_TOKEN_LIFETIME_MS = 365 * 86_400_000;

export function checkSetupTokenInput(raw: string): SecretCheck {
  const r = checkSetupToken(raw);
  return r.ok ? { ok: true, value: r.token, ...(r.note ? { warning: r.note } : {}) } : { ok: false, error: r.error };
}

export function setupTokenCredential(token: string, now: number): TokenCredential {
  return { type: 'token', provider: 'anthropic', token, expires: now + SETUP_TOKEN_LIFETIME_MS };
}
