// How a secret may appear on screen: a known public prefix, an ellipsis, and the last 4
// characters, and only for values long enough that 4 characters reveal nothing useful. Short
// values show nothing of themselves. Refresh tokens are never shown at all (fingerprintSecret).
import { sha256Hex } from './lazy-builtins.js';

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

/**
 * True when `text` is a piece of a documented prefix (`ant-oat0` of `sk-ant-oat01-`): such a piece
 * says nothing about a secret that contains it, and our own messages name these prefixes.
 */
export function isPublicPrefixPiece(text: string): boolean {
  for (const p of KNOWN_PREFIXES) if (p.includes(text)) return true;
  return false;
}

/** Every piece of `length` characters of the documented prefixes: the pieces isPublicPrefixPiece() accepts. */
export function publicPrefixPieces(length: number): string[] {
  const out: string[] = [];
  for (const p of KNOWN_PREFIXES) for (let i = 0; i + length <= p.length; i++) out.push(p.slice(i, i + length));
  return out;
}

/**
 * The prefixes by their first character, each list in KNOWN_PREFIXES order, so the first match in
 * a list is the first match in KNOWN_PREFIXES. A status report masks every secret of a store
 * (10,000 profiles): this lookup takes no substring and no hash of one, and most secrets have one
 * or two candidates. Each prefix comes with the two strings a masked value starts with.
 */
interface PrefixEntry {
  prefix: string;
  shown: string;
  hidden: string;
}
const PREFIXES_BY_FIRST: Array<PrefixEntry[] | undefined> = [];
for (const prefix of KNOWN_PREFIXES) {
  const c = prefix.charCodeAt(0);
  (PREFIXES_BY_FIRST[c] ??= []).push({ prefix, shown: `${prefix}…`, hidden: `${prefix}${MASK_HIDDEN}` });
}
const NO_PREFIX: PrefixEntry = { prefix: '', shown: '…', hidden: MASK_HIDDEN };

function prefixEntry(secret: string): PrefixEntry {
  const candidates = PREFIXES_BY_FIRST[secret.charCodeAt(0)];
  // Indexed, not for-of: in a cold process this runs unoptimised, where each step of an array
  // iterator allocates a result object (~1 MB of garbage for a 10,000-profile report).
  if (candidates) {
    for (let i = 0; i < candidates.length; i++) if (secret.startsWith(candidates[i]!.prefix)) return candidates[i]!;
  }
  return NO_PREFIX;
}

/** The first entry of KNOWN_PREFIXES that `secret` starts with, or ''. */
export function knownPrefix(secret: string): string {
  return prefixEntry(secret).prefix;
}

/**
 * The last characters may be shown only when they are plain token characters (no `…`, no
 * escapes): A-Z a-z 0-9 . _ ~ + / = -. By code, not a regular expression on a sliced tail: asked of
 * 4 characters of every masked secret.
 */
function showable(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || // a-z
    (c >= 65 && c <= 90) || // A-Z
    (c >= 48 && c <= 57) || // 0-9
    c === 46 || c === 95 || c === 126 || c === 43 || c === 47 || c === 61 || c === 45 // . _ ~ + / = -
  );
}

/** `sk-ant-api03-…abcd`, or `****` for short values. Never more than 4 characters of the body. */
export function maskSecret(secret: string | undefined | null): string {
  if (!secret) return '(empty)';
  const s = secret.trim();
  if (!s) return '(empty)';
  const e = prefixEntry(s);
  const n = s.length;
  // The body (after the prefix) is at least 12 characters here, so its last 4 are the secret's.
  if (n < MASK_MIN_LENGTH || n - e.prefix.length < 12) return e.hidden;
  if (!showable(s.charCodeAt(n - 4)) || !showable(s.charCodeAt(n - 3)) || !showable(s.charCodeAt(n - 2)) || !showable(s.charCodeAt(n - 1))) {
    return e.hidden;
  }
  return e.shown + s.slice(n - 4);
}

/**
 * For refresh tokens (and anything else that must show none of itself): `sha256:` and the first
 * 8 hex digits of its hash, enough to tell two tokens apart, useless to an attacker.
 */
export function fingerprintSecret(secret: string | undefined | null): string {
  if (!secret) return '(empty)';
  return `sha256:${sha256Hex(secret.trim()).slice(0, 8)}`;
}
