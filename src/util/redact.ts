// The one redaction function every error message and log line passes through before it is shown.
// Two layers: every secret value this process has loaded is registered and replaced wherever it
// appears (also partially: any 8-character piece of it), and patterns catch secrets we never
// loaded (a token echoed back in an IdP error body, a Bearer header, a code in a URL).
// Redaction removes the secret, never our words: a piece of a documented prefix is public, and
// text a caller declares its own (the literal words of an error message) is never scrubbed as a
// piece, even when a pasted secret happens to contain the same 8 characters.
import { knownPrefix, maskSecret, publicPrefixPieces } from './mask.js';
import { escapeControls } from './control-chars.js';
import { PieceIndex } from './piece-index.js';

/** A piece this long of a registered secret is treated as the secret itself. */
export const REDACT_PIECE_LENGTH = 8;

/** Registered secrets, in the order registered (whole secrets are replaced in this order). */
const registered = new Set<string>();
const inOrder: string[] = [];
/**
 * The registered secrets by their last REDACT_PIECE_LENGTH characters (indexes into inOrder): a
 * text can hold a secret only if it holds its last piece, so a redact() looks at the few secrets
 * whose last piece is in the text, not at every secret (10,000 at 10,000 profiles, for each error
 * shown).
 */
const byLastPiece = new Map<string, number | number[]>();
/**
 * Every 8-character window of every registered secret, except public ones (below). Built lazily,
 * on the first redact() after a registration: status of a 10,000-profile store registers every
 * secret, and almost never redacts anything.
 */
// A piece of a documented prefix (`ant-oat0`) is public whoever's secret it sits in: `sk-ant-o` of
// a new-style `sk-ant-oat05-…` token is also in our `sk-ant-oat01-`. That covers the windows that
// lie wholly inside a secret's own documented prefix (`sk-ant-api03-`, whose pieces are all among
// these): each secret is added whole, without looking up its prefix (13,333 look-ups on the first
// redact after a 10,000-profile store was loaded).
const pieces = new PieceIndex(REDACT_PIECE_LENGTH, () => publicPrefixPieces(REDACT_PIECE_LENGTH));
const unindexed: string[] = [];

function indexPending(): void {
  if (unindexed.length === 0) return;
  for (const s of unindexed.splice(0)) pieces.addPieces(s);
  pieces.flush();
}

/**
 * Secrets registered but not yet in `registered`: a status report registers every secret of the
 * store (40,000 for 10,000 profiles) and usually redacts nothing, so registering is one push and
 * the trimming and hashing wait for the first redact(). Every redact() sees every secret
 * registered before it, exactly as if each had been added at once.
 */
const unregistered: string[] = [];
const PENDING_LIMIT = 100_000;

function registerPending(): void {
  if (unregistered.length === 0) return;
  for (const value of unregistered.splice(0)) {
    const s = value.trim();
    if (s.length < REDACT_PIECE_LENGTH || registered.has(s)) continue;
    registered.add(s);
    const last = s.slice(-REDACT_PIECE_LENGTH);
    const same = byLastPiece.get(last);
    if (same === undefined) byLastPiece.set(last, inOrder.length);
    else if (typeof same === 'number') byLastPiece.set(last, [same, inOrder.length]);
    else same.push(inOrder.length);
    inOrder.push(s);
    unindexed.push(s);
  }
}

/** Remember a secret so any later message containing it (or a piece of it) is scrubbed. */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value !== 'string' || value.length < REDACT_PIECE_LENGTH) return;
  unregistered.push(value);
  // A long-running dashboard registers the same secrets on every reload: fold them into the set
  // now and then, so the backlog stays bounded even if nothing is ever redacted.
  if (unregistered.length >= PENDING_LIMIT) registerPending();
}

export function registeredSecretCount(): number {
  registerPending();
  return registered.size;
}

const PATTERNS: Array<[RegExp, (m: string, ...groups: string[]) => string]> = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, (_m, kind) => `${kind} ****`],
  [/("?(?:access|refresh|id)_?token"?\s*[:=]\s*"?)([^"&\s,}]{4,})/gi, (_m, lead) => `${lead}****`],
  [/("?(?:api_?key|key|token|secret|password|client_secret|code_verifier|code)"?\s*[:=]\s*"?)([^"&\s,}]{8,})/gi, (_m, lead) => `${lead}****`],
  // A bare documented prefix (`sk-ant-admin01-` before a `…`) is public, not a key.
  [/\b(sk-[A-Za-z0-9][A-Za-z0-9_-]{11,})/g, (m) => (knownPrefix(m) === m ? m : maskSecret(m))],
  [/\beyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*/g, () => 'eyJ…(jwt)'],
];

/** Positions of `text` inside an occurrence of one of our own phrases. */
function ownTextMask(text: string, ownText: readonly string[]): Uint8Array | undefined {
  let mask: Uint8Array | undefined;
  for (const phrase of ownText) {
    if (phrase.length < REDACT_PIECE_LENGTH) continue;
    for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
      mask ??= new Uint8Array(text.length);
      mask.fill(1, at, at + phrase.length);
    }
  }
  return mask;
}

/** Replace every run of text covered by a registered piece with `****`. Returns the same string when clean. */
function scrubPieces(text: string, ownText: readonly string[]): string {
  indexPending();
  if (pieces.isEmpty || text.length < REDACT_PIECE_LENGTH) return text;
  const own = ownText.length ? ownTextMask(text, ownText) : undefined;
  let covered: Uint8Array | undefined;
  for (let i = 0; i + REDACT_PIECE_LENGTH <= text.length; i++) {
    if (!pieces.has(text, i)) continue;
    if (own && own[i] && own.subarray(i, i + REDACT_PIECE_LENGTH).every((x) => x === 1)) continue;
    covered ??= new Uint8Array(text.length);
    covered.fill(1, i, i + REDACT_PIECE_LENGTH);
  }
  if (!covered) return text;
  let out = '';
  for (let i = 0; i < text.length; ) {
    if (covered[i]) {
      while (i < text.length && covered[i]) i++;
      out += '****';
    } else out += text[i++];
  }
  return out;
}

/**
 * Control characters other than tab and newline (ESC sequences, CR, BEL, C1 controls) in an error
 * text usually come from a server's error body; printed raw they could rewrite the terminal. They
 * are shown escaped instead: `\x1b`.
 */
function neutraliseControls(text: string): string {
  return escapeControls(text, { keepLines: true });
}

/**
 * The shape patterns, outside our own phrases: `--token: Expected a token` is our sentence, not a
 * `token: <value>` pair. Control characters were escaped before this runs, so NUL-delimited
 * placeholders cannot collide with the text.
 */
function applyPatterns(text: string, ownText: readonly string[]): string {
  const kept: string[] = [];
  let out = text;
  for (const phrase of ownText) {
    if (phrase.length < REDACT_PIECE_LENGTH || !out.includes(phrase)) continue;
    out = out.split(phrase).join(`\u0000${kept.length}\u0000`);
    kept.push(phrase);
  }
  for (const [re, fn] of PATTERNS) out = out.replace(re, fn as (m: string, ...g: string[]) => string);
  return kept.length ? out.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => kept[Number(i)]!) : out;
}

/** Registered secrets from the `from`-th on whose last piece is in `text`, in the order registered. */
function candidates(text: string, from: number): number[] {
  const found = new Set<number>();
  for (let i = 0; i + REDACT_PIECE_LENGTH <= text.length; i++) {
    const same = byLastPiece.get(text.slice(i, i + REDACT_PIECE_LENGTH));
    if (same === undefined) continue;
    if (typeof same === 'number') {
      if (same >= from) found.add(same);
    } else for (const k of same) if (k >= from) found.add(k);
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * Each registered secret in the text replaced by its mask, secret by secret in the order
 * registered, each looked for in the text as the ones before it left it (a mask can complete
 * another secret). Only secrets whose last piece is in the text can be there; after a replacement
 * the text has changed, so the candidates are looked for again from the next secret on.
 */
function replaceWholeSecrets(text: string): string {
  let out = text;
  let from = 0;
  for (;;) {
    const next = candidates(out, from).find((k) => out.includes(inOrder[k]!));
    if (next === undefined) return out;
    const secret = inOrder[next]!;
    out = out.split(secret).join(maskSecret(secret));
    from = next + 1;
  }
}

export interface RedactOptions {
  /**
   * Phrases of the text that are our own words (an error message built from literals and numbers).
   * A whole registered secret is still replaced inside them; its 8-character pieces are not.
   */
  ownText?: readonly string[];
}

export function redact(text: string, opts: RedactOptions = {}): string {
  registerPending();
  const ownText = (opts.ownText ?? []).map(neutraliseControls);
  let out = replaceWholeSecrets(neutraliseControls(text));
  out = applyPatterns(out, ownText);
  // Any piece of a registered secret that survived (a truncated echo, a token split by a line
  // break). Replacing can join neighbours into a new piece (a secret made of `*`), so repeat, and
  // withhold the text entirely if it will not come clean.
  for (let round = 0; round < 4; round++) {
    const next = scrubPieces(out, ownText);
    if (next === out) return out;
    out = next;
  }
  return scrubPieces(out, ownText) === out ? out : '(message withheld: it contained a secret)';
}

/** The message of an error, redacted; a ClawdbotError's declared own words are kept intact. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    const own = (err as { ownText?: unknown }).ownText;
    return redact(err.message, Array.isArray(own) ? { ownText: own as string[] } : {});
  }
  return redact(String(err));
}
