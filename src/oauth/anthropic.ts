// Anthropic credential rules: setup-tokens (from `claude setup-token`) and Console API keys.
// Refuse what is certainly wrong; accept any other plausible token (with a note when its shape is
// new) and let the live check and the provider decide. Anthropic randomized setup-token prefixes
// in 2026: a token without `sk-ant-oat01-` is not wrong for that alone.
import { sanitizeSecretInput } from '../util/sanitize.js';
import { ANTHROPIC_REFRESH_PREFIX, UNKNOWN_SHAPE_MIN_LENGTH, looksLikeJwt, pasteProblem, truncatedProblem } from '../util/secret-shape.js';

export const SETUP_TOKEN_PREFIX = 'sk-ant-oat01-';
/** An `sk-ant-oat01-` token is 108 characters; under 80 it was cut off. */
export const SETUP_TOKEN_MIN_LENGTH = 80;
export const API_KEY_PREFIX = 'sk-ant-api03-';

export const CLAUDE_CODE_ONLY_ERROR =
  'This credential is only authorized for use with Claude Code and cannot be used for other API requests.';

export const CLAUDE_CODE_ONLY_ADVICE =
  'Anthropic refused this subscription token outside Claude Code; use an Anthropic API key instead ' +
  '(`clawdbot models auth paste-token --provider anthropic` or ANTHROPIC_API_KEY), or run ' +
  '`clawdbot models auth setup-token --provider anthropic` again.';

export const NEW_SETUP_TOKEN_SHAPE_NOTE =
  'This setup-token does not start with sk-ant-oat01- (newer ones may not); it is kept as pasted, and a live check (the wizard\'s, or `clawdbot models status --probe`) tells whether Anthropic accepts it.';

export type SetupTokenCheck = { ok: true; token: string; note?: string } | { ok: false; error: string };

export function checkSetupToken(raw: string): SetupTokenCheck {
  const token = sanitizeSecretInput(raw ?? '');
  const problem = pasteProblem(token, 'setup-token');
  if (problem) return { ok: false, error: problem };
  if (/^sk-ant-api/.test(token)) {
    return { ok: false, error: 'That is an Anthropic API key, not a setup-token; use `clawdbot models auth paste-token --provider anthropic` for keys, or run `claude setup-token` and paste what it prints.' };
  }
  if (token.startsWith(ANTHROPIC_REFRESH_PREFIX)) {
    return { ok: false, error: 'That is a refresh token, not a setup-token; run `claude setup-token` and paste the token it prints.' };
  }
  if (looksLikeJwt(token)) {
    return { ok: false, error: 'That is a JWT (an OAuth access or ID token), not a setup-token; run `claude setup-token` and paste the token it prints.' };
  }
  if (token.startsWith(SETUP_TOKEN_PREFIX)) {
    const short = truncatedProblem(token, 'setup-token', SETUP_TOKEN_MIN_LENGTH);
    return short ? { ok: false, error: short } : { ok: true, token };
  }
  const short = truncatedProblem(token, 'setup-token', UNKNOWN_SHAPE_MIN_LENGTH);
  if (short) return { ok: false, error: short };
  return { ok: true, token, note: NEW_SETUP_TOKEN_SHAPE_NOTE };
}

export const API_KEY_MIN_LENGTH = 20;

export function checkAnthropicApiKey(raw: string): { ok: true; key: string; warning?: string } | { ok: false; error: string } {
  const key = sanitizeSecretInput(raw ?? '');
  const problem = pasteProblem(key, 'API key');
  if (problem) return { ok: false, error: problem };
  if (/^sk-ant-oat/.test(key)) {
    return { ok: false, error: 'That is a setup-token, not an API key; use `clawdbot models auth setup-token --provider anthropic` for it.' };
  }
  if (key.startsWith(ANTHROPIC_REFRESH_PREFIX)) return { ok: false, error: 'That is a refresh token, not an API key; paste a key from console.anthropic.com.' };
  if (looksLikeJwt(key)) return { ok: false, error: 'That is a JWT (an OAuth access or ID token), not an API key; paste a key from console.anthropic.com.' };
  const short = truncatedProblem(key, 'API key', API_KEY_MIN_LENGTH);
  if (short) return { ok: false, error: short };
  if (!key.startsWith(API_KEY_PREFIX)) {
    return { ok: true, key, warning: `Anthropic API keys usually start with ${API_KEY_PREFIX}; saved anyway, check it if requests fail.` };
  }
  return { ok: true, key };
}
/** Advice for a known Anthropic error message, or undefined. */
export function adviceForAnthropicError(message: string): string | undefined {
  const m = String(message ?? '');
  if (m.includes('only authorized for use with Claude Code')) return CLAUDE_CODE_ONLY_ADVICE;
  if (/invalid x-api-key|authentication_error/i.test(m)) {
    return 'Anthropic rejected the credential; paste a fresh key or setup-token (`clawdbot models auth paste-token --provider anthropic`).';
  }
  if (/credit balance is too low|billing/i.test(m)) return 'The Anthropic account has no credit; top up billing or switch profile.';
  return undefined;
}
