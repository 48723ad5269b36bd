// What a pasted secret certainly is not. Providers change their formats (Anthropic randomized
// setup-token prefixes in March 2026), so a validator refuses only what is certainly wrong and
// leaves the verdict on anything plausible to the provider (the live check, the first request).
// Every message here is built from our own words and numbers, never from the pasted text.

/** Three base64url parts, the first a JSON header: an OAuth access/ID token, never a key or setup-token. */
const JWT = /^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export const ANTHROPIC_REFRESH_PREFIX = 'sk-ant-ort01-';

export function looksLikeJwt(s: string): boolean {
  return JWT.test(s);
}

/**
 * A problem every kind of pasted secret shares: empty, spaces inside (what is left after wrapped
 * lines were joined), a `code#state` pair from an OAuth page, control characters.
 */
export function pasteProblem(s: string, what: string): string | undefined {
  if (!s) return `Required: paste the ${what}.`;
  if (/\s/.test(s)) return `That ${what} contains spaces; paste only the ${what} itself, on one line.`;
  if (s.includes('#')) return `That ${what} contains "#": it looks like an OAuth "code#state" pair, not a ${what}.`;
  if (/[\x00-\x1f\x7f]/.test(s)) return `That ${what} contains control characters; paste only the ${what} itself, on one line.`;
  return undefined;
}

/** Shorter than this, a pasted secret of a shape we do not know is clearly cut off. */
export const UNKNOWN_SHAPE_MIN_LENGTH = 32;

export function truncatedProblem(s: string, what: string, min: number): string | undefined {
  return s.length < min ? `That ${what} looks too short (${s.length} characters); paste the whole ${what}.` : undefined;
}
