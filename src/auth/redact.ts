// The one redaction function every error message and log line passes through before it is shown.
// Two layers: every secret value this process has loaded is registered and replaced wherever it
// appears (also partially, by its 8-character pieces), and patterns catch secrets we never loaded
// (a token echoed back in an IdP error body, a Bearer header, a code in a URL).
import { maskSecret } from './mask.js';

const registered = new Set<string>();

/** Remember a secret so any later message containing it (or a piece of it) is scrubbed. */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value === 'string' && value.trim().length >= 8) registered.add(value.trim());
}

export function registeredSecretCount(): number {
  return registered.size;
}

const PATTERNS: Array<[RegExp, (m: string, ...groups: string[]) => string]> = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, (_m, kind) => `${kind} ****`],
  [/("?(?:access|refresh|id)_?token"?\s*[:=]\s*"?)([^"&\s,}]{4,})/gi, (_m, lead) => `${lead}****`],
  [/("?(?:api_?key|key|token|secret|password|client_secret|code_verifier|code)"?\s*[:=]\s*"?)([^"&\s,}]{8,})/gi, (_m, lead) => `${lead}****`],
  [/\b(sk-[A-Za-z0-9][A-Za-z0-9_-]{11,})/g, (m) => maskSecret(m)],
  [/\beyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*/g, () => 'eyJ…(jwt)'],
];

export function redact(text: string): string {
  let out = text;
  for (const secret of registered) {
    if (out.includes(secret)) out = out.split(secret).join(maskSecret(secret));
  }
  for (const [re, fn] of PATTERNS) out = out.replace(re, fn as (m: string, ...g: string[]) => string);
  // Any 12-character piece of a registered secret that survived (e.g. a truncated echo).
  for (const secret of registered) {
    for (let i = 0; i + 12 <= secret.length; i += 6) {
      const piece = secret.slice(i, i + 12);
      if (out.includes(piece)) out = out.split(piece).join('****');
    }
  }
  return out;
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return redact(err.message);
  return redact(String(err));
}
