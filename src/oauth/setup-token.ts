// One rule for the expiry of an Anthropic setup-token, whichever surface saves it (wizard,
// onboard --non-interactive, `models auth setup-token`): `claude setup-token` issues tokens for a
// year, so a year from now unless the user says otherwise. Status and doctor warn before it lapses.
import type { TokenCredential } from '../store/index.js';

export const SETUP_TOKEN_LIFETIME_MS = 365 * 86_400_000;

export function setupTokenCredential(token: string, now: number, expiresInMs: number = SETUP_TOKEN_LIFETIME_MS): TokenCredential {
  return { type: 'token', provider: 'anthropic', token, expires: now + expiresInMs };
}
