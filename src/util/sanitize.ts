// Cleaning what people paste. Terminals and clipboards add line breaks, bracketed-paste markers,
// invisible zero-width characters, `export NAME=` from a copied shell line, quotes and trailing
// semicolons. What is left must be a single token: spaces inside or a `#` (a pasted `code#state`)
// mean this is not one.
import { UsageError } from './errors.js';
import { escapeControls } from './control-chars.js';
import { pasteProblem } from './secret-shape.js';
import { stripPasteMarkers } from './paste-markers.js';

/** `NAME=value` from a shell line. Not `abc==` (base64 padding): the value must not start with `=`. */
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\s*=\s*([^=\s][\s\S]*)$/;

function sanitizeOnce(raw: string): string {
  let s = stripPasteMarkers(raw)
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '') // zero-width characters copied from web pages
    .replace(/[\r\n]+/g, '')
    .trim();
  s = s.replace(/^export\s+/, '');
  // Semicolons first, so `abc=;` is the padded token `abc=`, not an assignment of `;`.
  s = s.replace(/;+$/, '').trim();
  const assign = ASSIGNMENT.exec(s);
  if (assign) s = assign[1]!.trim();
  s = s.replace(/;+$/, '').trim();
  for (;;) {
    const q = s[0];
    if ((q === '"' || q === "'" || q === '`') && s.length >= 2 && s.endsWith(q)) s = s.slice(1, -1).trim();
    else break;
  }
  return s;
}

/**
 * Strip what a paste adds around a token. Idempotent: the steps repeat until nothing changes, so
 * `'abc;'` and `export A="export B=c"` come out the same on the first call as on the second.
 */
export function sanitizeSecretInput(raw: string): string {
  // Each pass only removes characters, so this ends.
  let s = raw;
  for (;;) {
    const next = sanitizeOnce(s);
    if (next === s) return s;
    s = next;
  }
}

/** Sanitise and check; throws UsageError with a message saying what is wrong. */
export function parseSecretInput(raw: string, what = 'token'): string {
  const s = sanitizeSecretInput(raw);
  if (!s) throw new UsageError(`No ${what} given: paste the ${what} (it was empty).`, { ownMessage: true });
  const problem = pasteProblem(s, what);
  if (problem) throw new UsageError(problem, { ownMessage: true });
  return s;
}

/**
 * Text from a file or a server (an email claim, an unknown credential type) made safe to print:
 * control characters (escape sequences, CR, BEL, C1) are shown escaped, e.g. `\x1b`.
 */
export function displaySafe(text: string): string {
  return escapeControls(text);
}
