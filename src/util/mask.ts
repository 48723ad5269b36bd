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

/** The last characters may be shown only when they are plain token characters (no `…`, no escapes). */
const SHOWABLE_TAIL = /^[A-Za-z0-9._~+/=-]{4}$/;

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
 * The prefixes grouped by their first four characters, in list order: a status report masks every
 * secret of a store (10,000 profiles), and most secrets match one candidate or none. A prefix
 * shorter than four characters (`sk-`, `eyJ`) can match beside a longer one; the earlier in
 * KNOWN_PREFIXES wins, as in a plain scan of the list.
 */
const PREFIXES_BY_HEAD = new Map<string, string[]>();
const SHORT_PREFIXES: string[] = [];
for (const p of KNOWN_PREFIXES) {
  if (p.length < 4) SHORT_PREFIXES.push(p);
  else {
    const head = p.slice(0, 4);
    const list = PREFIXES_BY_HEAD.get(head);
    if (list) list.push(p);
    else PREFIXES_BY_HEAD.set(head, [p]);
  }
}

/** The first entry of KNOWN_PREFIXES that `secret` starts with, or ''. */
export function knownPrefix(secret: string): string {
  let long = '';
  const candidates = PREFIXES_BY_HEAD.get(secret.slice(0, 4));
  if (candidates) {
    for (const p of candidates) {
      if (secret.startsWith(p)) {
        long = p;
        break;
      }
    }
  }
  for (const p of SHORT_PREFIXES) {
    if (secret.startsWith(p)) return long && KNOWN_PREFIXES.indexOf(long) < KNOWN_PREFIXES.indexOf(p) ? long : p;
  }
  return long;
}

/** `sk-ant-api03-…abcd`, or `****` for short values. Never more than 4 characters of the body. */
export function maskSecret(secret: string | undefined | null): string {
  if (!secret) return '(empty)';
  const s = secret.trim();
  if (!s) return '(empty)';
  const prefix = knownPrefix(s);
  const body = s.slice(prefix.length);
  const tail = body.slice(-4);
  if (s.length < MASK_MIN_LENGTH || body.length < 12 || !SHOWABLE_TAIL.test(tail)) {
    return prefix ? `${prefix}${MASK_HIDDEN}` : MASK_HIDDEN;
  }
  return `${prefix}…${tail}`;
}

/**
 * For refresh tokens (and anything else that must show none of itself): `sha256:` and the first
 * 8 hex digits of its hash, enough to tell two tokens apart, useless to an attacker.
 */
export function fingerprintSecret(secret: string | undefined | null): string {
  if (!secret) return '(empty)';
  return `sha256:${sha256Hex(secret.trim()).slice(0, 8)}`;
}
