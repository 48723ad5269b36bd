// OpenAI Codex (ChatGPT Plus/Pro) OAuth: the client, its endpoints and the waits. Declared once for
// sign-in and refresh alike. Every endpoint lives under $CLAWDBOT_OPENAI_OAUTH_BASE_URL so the
// flows run against a local server in tests.
import { UsageError } from '../../util/errors.js';
import { endpointBaseUrl } from '../token-endpoint.js';

export const OPENAI_CODEX_PROVIDER = 'openai-codex';
export const OPENAI_CODEX_CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann';
export const OPENAI_OAUTH_DEFAULT_BASE_URL = 'https://auth.openai.com';
export const OPENAI_OAUTH_SCOPE = 'openid profile email offline_access';
export const OPENAI_OAUTH_ORIGINATOR = 'clawdbot';
export const DEFAULT_CALLBACK_PORT = 1455;
export const CALLBACK_PATH = '/auth/callback';
/** How long the callback server (and the paste box) wait by default. */
export const DEFAULT_LOGIN_TIMEOUT_MS = 5 * 60_000;
/** Device codes expire after 15 minutes. */
export const DEVICE_CODE_TIMEOUT_MS = 15 * 60_000;

export function openAiOAuthBaseUrl(env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env): string {
  return endpointBaseUrl(env.CLAWDBOT_OPENAI_OAUTH_BASE_URL, OPENAI_OAUTH_DEFAULT_BASE_URL, 'CLAWDBOT_OPENAI_OAUTH_BASE_URL');
}

/** The token endpoint: the code exchange (sign-in) and the refresh grant. */
export function openAiTokenUrl(baseUrl: string): string {
  return `${baseUrl}/oauth/token`;
}

export function callbackPortFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.CLAWDBOT_OAUTH_CALLBACK_PORT?.trim();
  if (!raw) return DEFAULT_CALLBACK_PORT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new UsageError(`CLAWDBOT_OAUTH_CALLBACK_PORT must be a port number 1-65535, not "${raw}".`);
  }
  return n;
}

/** Login wait from the option, else $CLAWDBOT_OAUTH_TIMEOUT_MS, else 5 minutes. */
export function loginTimeoutMs(env: NodeJS.ProcessEnv = process.env, explicit?: number): number {
  if (explicit !== undefined && explicit > 0) return explicit;
  const n = Number(env.CLAWDBOT_OAUTH_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_LOGIN_TIMEOUT_MS;
}
