// The one redaction function every error message and log line passes through before it is shown.
// Two layers: every secret value this process has loaded is registered and replaced wherever it
// appears (also partially: any 8-character piece of it), and patterns catch secrets we never
// loaded (a token echoed back in an IdP error body, a Bearer header, a code in a URL).
import { knownPrefix, maskSecret } from './mask.js';
import { escapeControls } from '../util/control-chars.js';

/** A piece this long of a registered secret is treated as the secret itself. */
export const REDACT_PIECE_LENGTH = 8;

const registered = new Set<string>();
/**
 * Every 8-character window of every registered secret, except windows inside its public prefix.
 * Built lazily, on the first redact() after a registration: status of a 10,000-profile store
 * registers every secret, and almost never redacts anything.
 */
const pieces = new Set<string>();
const unindexed: string[] = [];

function indexPending(): void {
  for (const s of unindexed.splice(0)) {
    const publicLen = knownPrefix(s).length;
    for (let i = 0; i + REDACT_PIECE_LENGTH <= s.length; i++) {
      // A window that lies wholly inside the documented prefix (`sk-ant-api03-`) is public.
      if (i + REDACT_PIECE_LENGTH <= publicLen) continue;
      pieces.add(s.slice(i, i + REDACT_PIECE_LENGTH));
    }
  }
}

/** Remember a secret so any later message containing it (or a piece of it) is scrubbed. */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value !== 'string') return;
  const s = value.trim();
  if (s.length < REDACT_PIECE_LENGTH || registered.has(s)) return;
  registered.add(s);
  unindexed.push(s);
}

export function registeredSecretCount(): number {
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

/** Replace every run of text covered by a registered piece with `****`. Returns the same string when clean. */
function scrubPieces(text: string): string {
  indexPending();
  if (pieces.size === 0 || text.length < REDACT_PIECE_LENGTH) return text;
  let covered: Uint8Array | undefined;
  for (let i = 0; i + REDACT_PIECE_LENGTH <= text.length; i++) {
    if (!pieces.has(text.slice(i, i + REDACT_PIECE_LENGTH))) continue;
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

export function redact(text: string): string {
  let out = neutraliseControls(text);
  for (const secret of registered) {
    if (out.includes(secret)) out = out.split(secret).join(maskSecret(secret));
  }
  for (const [re, fn] of PATTERNS) out = out.replace(re, fn as (m: string, ...g: string[]) => string);
  // Any piece of a registered secret that survived (a truncated echo, a token split by a line
  // break). Replacing can join neighbours into a new piece (a secret made of `*`), so repeat, and
  // withhold the text entirely if it will not come clean.
  for (let round = 0; round < 4; round++) {
    const next = scrubPieces(out);
    if (next === out) return out;
    out = next;
  }
  return scrubPieces(out) === out ? out : '(message withheld: it contained a secret)';
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return redact(err.message);
  return redact(String(err));
}
