// `<state>/.env` (the daemon's environment) and the process environment as read-only credential
// sources. Parsed with Node's own dotenv parser (util.parseEnv), so we read what the gateway's
// dotenv reads: multi-line quoted values, backticks, `export`, and `KEY=x#y` is `x` (an unquoted
// `#` starts a comment).
import { readFileIfExists } from './atomic-file.js';
import { lazyUtil } from '../util/lazy-builtins.js';

export function parseDotEnv(text: string): Record<string, string> {
  // A plain object: parseEnv returns one without a prototype, and callers spread and index it.
  return { ...lazyUtil().parseEnv(text) } as Record<string, string>;
}

export async function readDotEnv(filePath: string): Promise<Record<string, string>> {
  const bytes = await readFileIfExists(filePath);
  return bytes ? parseDotEnv(bytes.toString('utf8')) : {};
}

/** Environment variables that carry credentials, per provider, in precedence order. */
export const PROVIDER_ENV_VARS: Record<string, string[]> = {
  anthropic: ['ANTHROPIC_OAUTH_TOKEN', 'ANTHROPIC_API_KEY'],
  openai: ['OPENAI_API_KEY'],
  openrouter: ['OPENROUTER_API_KEY'],
  google: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
  gemini: ['GEMINI_API_KEY'],
  groq: ['GROQ_API_KEY'],
  mistral: ['MISTRAL_API_KEY'],
  xai: ['XAI_API_KEY'],
  deepseek: ['DEEPSEEK_API_KEY'],
  moonshot: ['MOONSHOT_API_KEY'],
  zai: ['ZAI_API_KEY'],
  minimax: ['MINIMAX_API_KEY'],
  venice: ['VENICE_API_KEY'],
  synthetic: ['SYNTHETIC_API_KEY'],
  'ai-gateway': ['AI_GATEWAY_API_KEY'],
  'opencode-zen': ['OPENCODE_API_KEY'],
};

export function envVarsForProvider(provider: string): string[] {
  const known = PROVIDER_ENV_VARS[provider];
  if (known) return known;
  return [`${provider.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_API_KEY`];
}

export interface EnvCredential {
  provider: string;
  envVar: string;
  value: string;
  /** `env` (this process), `.env` (the state dir file) or `shell env` (login shell). */
  source: 'env' | '.env' | 'shell env';
  kind: 'api_key' | 'token';
}

/**
 * Credentials visible in the environment. The process env wins over .env (the daemon loads .env
 * without overriding what is already set).
 */
export function findEnvCredentials(
  processEnv: Record<string, string | undefined>,
  dotEnv: Record<string, string>,
  providers: string[] = Object.keys(PROVIDER_ENV_VARS),
): EnvCredential[] {
  const out: EnvCredential[] = [];
  for (const provider of providers) {
    for (const envVar of envVarsForProvider(provider)) {
      const fromProcess = processEnv[envVar]?.trim();
      const fromFile = dotEnv[envVar]?.trim();
      const value = fromProcess || fromFile;
      if (!value) continue;
      out.push({
        provider,
        envVar,
        value,
        source: fromProcess ? 'env' : '.env',
        kind: envVar.includes('OAUTH') || envVar.endsWith('_TOKEN') ? 'token' : 'api_key',
      });
      break;
    }
  }
  return out;
}
