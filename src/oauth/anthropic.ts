// Anthropic credential rules: setup-tokens (from `claude setup-token`) and Console API keys.
import { sanitizeSecretInput } from '../auth/sanitize.js';

export const SETUP_TOKEN_PREFIX = 'sk-ant-oat01-';
export const SETUP_TOKEN_MIN_LENGTH = 80;
export const API_KEY_PREFIX = 'sk-ant-api03-';

export const CLAUDE_CODE_ONLY_ERROR =
  'This credential is only authorized for use with Claude Code and cannot be used for other API requests.';

export const CLAUDE_CODE_ONLY_ADVICE =
  'Anthropic refused this subscription token outside Claude Code; use an Anthropic API key instead ' +
  '(`clawdbot models auth paste-token --provider anthropic` or ANTHROPIC_API_KEY), or run ' +
  '`clawdbot models auth setup-token --provider anthropic` again.';

function commonProblem(s: string, what: string): string | undefined {
  if (!s) return `Required: paste the ${what}.`;
  if (/\s/.test(s)) return `That ${what} contains spaces; paste only the ${what} itself, on one line.`;
  if (s.includes('#')) return `That ${what} contains "#": it looks like an OAuth "code#state" pair, not a ${what}.`;
  return undefined;
}

export function checkSetupToken(raw: string): { ok: true; token: string } | { ok: false; error: string } {
  const token = sanitizeSecretInput(raw ?? '');
  const problem = commonProblem(token, 'setup-token');
  if (problem) return { ok: false, error: problem };
  if (!token.startsWith(SETUP_TOKEN_PREFIX)) {
    const hint = token.startsWith(API_KEY_PREFIX)
      ? ' (that is an API key; use `clawdbot models auth paste-token --provider anthropic` for keys)'
      : token.startsWith('sk-ant-ort01-')
        ? ' (that is a refresh token, not a setup-token)'
        : '';
    return { ok: false, error: `Expected a token starting with ${SETUP_TOKEN_PREFIX}${hint}; run \`claude setup-token\` and paste what it prints.` };
  }
  if (token.length < SETUP_TOKEN_MIN_LENGTH) {
    return { ok: false, error: `Token looks too short (${token.length} characters); paste the full setup-token.` };
  }
  return { ok: true, token };
}

export function checkAnthropicApiKey(raw: string): { ok: true; key: string; warning?: string } | { ok: false; error: string } {
  const key = sanitizeSecretInput(raw ?? '');
  const problem = commonProblem(key, 'API key');
  if (problem) return { ok: false, error: problem };
  if (key.startsWith(SETUP_TOKEN_PREFIX)) {
    return { ok: false, error: 'That is a setup-token, not an API key; use `clawdbot models auth setup-token --provider anthropic` for it.' };
  }
  if (key.startsWith('sk-ant-ort01-')) return { ok: false, error: 'That is a refresh token, not an API key; paste a key from console.anthropic.com.' };
  if (key.length < 20) return { ok: false, error: `That API key looks too short (${key.length} characters); paste the whole key.` };
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
