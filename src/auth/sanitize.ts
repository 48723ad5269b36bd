// Cleaning what people paste. Terminals and clipboards add line breaks, bracketed-paste markers,
// `export NAME=` from a copied shell line, quotes and trailing semicolons. What is left must be a
// single token: spaces inside or a `#` (a pasted `code#state`) mean this is not one.
import { UsageError } from '../store/errors.js';

export function sanitizeSecretInput(raw: string): string {
  let s = raw
    .replace(/\x1b\[20[01]~/g, '') // bracketed paste markers
    .replace(/\[20[01]~/g, '')
    .replace(/[\r\n]+/g, '')
    .trim();
  s = s.replace(/^export\s+/, '');
  const assign = /^[A-Za-z_][A-Za-z0-9_]*\s*=\s*(.*)$/.exec(s);
  if (assign) s = assign[1]!.trim();
  s = s.replace(/;+$/, '').trim();
  for (;;) {
    const q = s[0];
    if ((q === '"' || q === "'" || q === '`') && s.length >= 2 && s.endsWith(q)) s = s.slice(1, -1).trim();
    else break;
  }
  return s;
}

/** Sanitise and check; throws UsageError with a message saying what is wrong. */
export function parseSecretInput(raw: string, what = 'token'): string {
  const s = sanitizeSecretInput(raw);
  if (!s) throw new UsageError(`No ${what} given: paste the ${what} (it was empty).`);
  if (/\s/.test(s)) throw new UsageError(`That ${what} contains spaces; paste only the ${what} itself, on one line.`);
  if (s.includes('#')) {
    throw new UsageError(`That ${what} contains "#": it looks like an OAuth "code#state" pair, not a ${what}.`);
  }
  return s;
}
