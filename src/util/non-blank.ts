// "Has a value": a string with something besides whitespace. Asked of every secret of every
// profile (twice per profile by a status report), so the usual case skips String.prototype.trim:
// a string that starts with a printable ASCII character other than a space is non-blank, since
// trim removes only whitespace and line terminators, none of which are in that range.
export function isNonBlank(v: unknown): v is string {
  if (typeof v !== 'string' || v.length === 0) return false;
  const first = v.charCodeAt(0);
  if (first > 32 && first < 127) return true;
  return v.trim().length > 0;
}
