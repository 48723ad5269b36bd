// API-key entry for any provider: sanitise what was pasted, check the shape, build the credential.
import type { ApiKeyCredential } from '../src/store/index.js';
import { sanitizeSecretInput } from '../src/auth/sanitize.js';
import { checkAnthropicApiKey } from '../src/oauth/anthropic.js';
import type { SecretCheck } from './types.js';

function basicProblem(s: string, what: string): string | undefined {
  if (!s) return `Required: paste the ${what}.`;
  if (/\s/.test(s)) return `That ${what} contains spaces; paste only the ${what} itself, on one line.`;
  if (s.includes('#')) return `That ${what} contains "#": it looks like an OAuth "code#state" pair, not a ${what}.`;
  return undefined;
}

export function checkApiKey(provider: string, raw: string): SecretCheck {
  if (provider === 'anthropic') {
    const r = checkAnthropicApiKey(raw);
    return r.ok ? { ok: true, value: r.key, ...(r.warning ? { warning: r.warning } : {}) } : { ok: false, error: r.error };
  }
  const key = sanitizeSecretInput(raw ?? '');
  const problem = basicProblem(key, 'API key');
  if (problem) return { ok: false, error: problem };
  if (key.length < 16) return { ok: false, error: `That API key looks too short (${key.length} characters); paste the whole key.` };
  if (provider === 'openai') {
    if (key.startsWith('sk-ant-')) return { ok: false, error: 'That is an Anthropic credential, not an OpenAI key; go back and choose Anthropic.' };
    if (!key.startsWith('sk-')) return { ok: true, value: key, warning: 'OpenAI API keys usually start with sk-; check it if requests fail.' };
  }
  return { ok: true, value: key };
}

export function apiKeyCredential(provider: string, key: string): ApiKeyCredential {
  return { type: 'api_key', provider, key };
}
