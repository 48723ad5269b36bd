// Anthropic setup-token paste (`claude setup-token` prints a one-year subscription token).
import { checkSetupToken } from '../src/oauth/anthropic.js';
import type { SecretCheck } from './types.js';

export { SETUP_TOKEN_LIFETIME_MS, setupTokenCredential } from '../src/oauth/setup-token.js';

export function checkSetupTokenInput(raw: string): SecretCheck {
  const r = checkSetupToken(raw);
  return r.ok ? { ok: true, value: r.token, ...(r.note ? { warning: r.note } : {}) } : { ok: false, error: r.error };
}
