// `<state>/.env` (the daemon's environment) and the process environment as read-only credential
// sources. We parse .env ourselves: the dotenv subset people actually write (KEY=VALUE, `export`,
// quotes, comments) is a dozen lines, and this sits on the hot status path.
import { readFileIfExists } from './atomic-file.js';

export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2]!;
    const q = value[0];
    if ((q === '"' || q === "'") && value.length >= 2 && value.endsWith(q)) {
      value = value.slice(1, -1);
      if (q === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    out[m[1]!] = value;
  }
  return out;
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
