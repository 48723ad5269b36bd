// API-key entry for any provider: sanitise what was pasted, refuse what is certainly not a key,
// build the credential. Shapes we do not know are accepted; the live check decides.
import type { ApiKeyCredential } from '../src/store/index.js';
import { sanitizeSecretInput } from '../src/util/sanitize.js';
import { looksLikeJwt, pasteProblem, truncatedProblem } from '../src/util/secret-shape.js';
import { checkAnthropicApiKey } from '../src/oauth/anthropic.js';
import type { SecretCheck } from './types.js';

/** No provider we know issues API keys this short: under it, a paste was cut off. */
export const API_KEY_MIN_LENGTH = 16;

export function checkApiKey(provider: string, raw: string): SecretCheck {
  if (provider === 'anthropic') {
    const r = checkAnthropicApiKey(raw);
    return r.ok ? { ok: true, value: r.key, ...(r.warning ? { warning: r.warning } : {}) } : { ok: false, error: r.error };
  }
  const key = sanitizeSecretInput(raw ?? '');
  const problem = pasteProblem(key, 'API key') ?? truncatedProblem(key, 'API key', API_KEY_MIN_LENGTH);
  if (problem) return { ok: false, error: problem };
  if (key.startsWith('sk-ant-')) {
    return { ok: false, error: `That is an Anthropic credential, not a ${provider} key; choose Anthropic for it (\`clawdbot models auth paste-token --provider anthropic\`).` };
  }
  if (provider === 'openai') {
    if (looksLikeJwt(key)) return { ok: false, error: 'That is a JWT (a ChatGPT sign-in token), not an OpenAI API key; use `clawdbot models auth login --provider openai-codex` for ChatGPT, or paste a key from platform.openai.com.' };
    if (!key.startsWith('sk-')) return { ok: true, value: key, warning: 'OpenAI API keys usually start with sk-; saved anyway, check it if requests fail.' };
  }
  return { ok: true, value: key };
}

export function apiKeyCredential(provider: string, key: string): ApiKeyCredential {
  return { type: 'api_key', provider, key };
}

