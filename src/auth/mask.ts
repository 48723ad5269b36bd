// How a secret may appear on screen: a known public prefix, an ellipsis, and the last 4
// characters, and only for values long enough that 4 characters reveal nothing useful. Short
// values show nothing of themselves. Refresh tokens are never shown at all.

/** Public prefixes that identify a credential kind; they are documented, not secret. */
const KNOWN_PREFIXES = [
  'sk-ant-api03-',
  'sk-ant-oat01-',
  'sk-ant-ort01-',
  'sk-ant-admin01-',
  'sk-or-v1-',
  'sk-proj-',
  'sk-svcacct-',
  'github_pat_',
  'ghp_',
  'gho_',
  'gsk_',
  'xai-',
  'AIza',
  'eyJ', // a JWT's header always starts like this
  'sk-',
];

export const MASK_MIN_LENGTH = 20;
export const MASK_HIDDEN = '****';

export function knownPrefix(secret: string): string {
  for (const p of KNOWN_PREFIXES) if (secret.startsWith(p)) return p;
  return '';
}

/** `sk-ant-api03-…abcd`, or `****` for short values. Never more than 4 characters of the body. */
export function maskSecret(secret: string | undefined | null): string {
  if (!secret) return '(empty)';
  const s = secret.trim();
  const prefix = knownPrefix(s);
  const body = s.slice(prefix.length);
  if (s.length < MASK_MIN_LENGTH || body.length < 12) return prefix ? `${prefix}${MASK_HIDDEN}` : MASK_HIDDEN;
  return `${prefix}…${body.slice(-4)}`;
}
