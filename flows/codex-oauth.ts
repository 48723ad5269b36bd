// ChatGPT sign-in (PKCE with a loopback callback racing a paste box): the profile name it suggests.
import type { CodexSignInResult } from './types.js';

/** A profile name from the sign-in: the suggestion of the oauth module (email or default). */
export function codexProfileName(result: CodexSignInResult | undefined): string {
  const id = result?.profileId;
  if (id && id.startsWith('openai-codex:')) return id.slice('openai-codex:'.length);
  return result?.email ? String(result.email).toLowerCase() : 'default';
}
