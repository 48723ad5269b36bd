// `onboard --non-interactive`: the flags -> one plan (a credential to save under an id, a CLI login
// to reuse, or nothing), validated by the same checks as the wizard, or one clear error.
import { type KnownCredential, UsageError, isValidProfileId, isValidProviderId, normalizeProviderId } from '../src/store/index.js';
import { parseDuration } from '../src/util/duration.js';
import { setupTokenCredential } from '../src/oauth/setup-token.js';
import { checkApiKey, apiKeyCredential } from './api-key.js';
import { checkToken, tokenCredential } from './paste-token.js';

export const AUTH_CHOICES = [
  'anthropic-api-key',
  'apiKey',
  'setup-token',
  'token',
  'claude-cli',
  'openai-codex',
  'openai-device-code',
  'codex-cli',
  'openai-api-key',
  'skip',
] as const;
export type AuthChoice = (typeof AUTH_CHOICES)[number];

export interface NonInteractiveFlags {
  authChoice?: string;
  anthropicApiKey?: string;
  openaiApiKey?: string;
  /** The token itself (already read from stdin when the flag was `-`). */
  token?: string;
  tokenProvider?: string;
  tokenProfileId?: string;
  tokenExpiresIn?: string;
}

export type NonInteractivePlan =
  | { kind: 'skip'; choice: AuthChoice }
  | { kind: 'credential'; choice: AuthChoice; profileId: string; credential: KnownCredential; warning?: string }
  | { kind: 'reuse'; choice: 'claude-cli' | 'codex-cli'; profileId: string };

export function resolveAuthChoice(flags: NonInteractiveFlags): AuthChoice {
  const raw = flags.authChoice?.trim();
  if (raw) {
    if (!(AUTH_CHOICES as readonly string[]).includes(raw)) {
      throw new UsageError(`Unknown --auth-choice "${raw}": use one of ${AUTH_CHOICES.join(', ')}.`);
    }
    return raw as AuthChoice;
  }
  if (flags.anthropicApiKey) return 'anthropic-api-key';
  if (flags.openaiApiKey) return 'openai-api-key';
  if (flags.token !== undefined) return 'token';
  throw new UsageError(
    `Nothing to set up: pass --auth-choice (${AUTH_CHOICES.join(', ')}), or --anthropic-api-key / --openai-api-key / --token.`,
  );
}

export function planNonInteractive(flags: NonInteractiveFlags, env: NodeJS.ProcessEnv, now: number): NonInteractivePlan {
  const choice = resolveAuthChoice(flags);
  switch (choice) {
    case 'skip':
      return { kind: 'skip', choice };
    case 'anthropic-api-key':
    case 'apiKey':
    case 'openai-api-key': {
      const provider = choice === 'openai-api-key' ? 'openai' : 'anthropic';
      const flag = provider === 'openai' ? '--openai-api-key' : '--anthropic-api-key';
      const envName = provider === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY';
      const raw = (provider === 'openai' ? flags.openaiApiKey : flags.anthropicApiKey) ?? env[envName];
      if (!raw) throw new UsageError(`Missing ${flag} (or ${envName} in the environment) for --auth-choice ${choice}.`);
      const r = checkApiKey(provider, raw);
      if (!r.ok) throw new UsageError(`${flag}: ${r.error}`, { ownMessage: true });
      return { kind: 'credential', choice, profileId: `${provider}:default`, credential: apiKeyCredential(provider, r.value), ...(r.warning ? { warning: r.warning } : {}) };
    }
    case 'token':
    case 'setup-token': {
      if (flags.token === undefined) {
        throw new UsageError(
          choice === 'setup-token'
            ? 'Auth choice "setup-token" needs the token: pass --token - and pipe it on stdin (or run `clawdbot onboard` in a terminal).'
            : 'Missing --token: pass --token - and pipe the token on stdin.',
        );
      }
      const provider = normalizeProviderId(flags.tokenProvider ?? 'anthropic');
      if (!isValidProviderId(provider)) throw new UsageError(`Invalid --token-provider "${flags.tokenProvider}": use a provider id like anthropic or openrouter.`);
      if (choice === 'setup-token' && provider !== 'anthropic') throw new UsageError('A setup-token is for --token-provider anthropic.');
      const profileId = flags.tokenProfileId?.trim() || `${provider}:manual`;
      if (!isValidProfileId(profileId)) throw new UsageError(`Invalid --token-profile-id "${profileId}": use <provider>:<name>, e.g. ${provider}:work.`);
      if (!profileId.startsWith(`${provider}:`)) throw new UsageError(`--token-profile-id "${profileId}" must start with "${provider}:" to match --token-provider.`);
      const r = checkToken(provider, flags.token);
      if (!r.ok) throw new UsageError(`--token: ${r.error}`, { ownMessage: true });
      const expiresInMs = flags.tokenExpiresIn ? parseDuration(flags.tokenExpiresIn, '--token-expires-in') : undefined;
      // A setup-token gets the one setup-token rule (a year unless told); other tokens only what was given.
      const isSetupToken = choice === 'setup-token' || (provider === 'anthropic' && r.value.startsWith('sk-ant-oat01-'));
      const credential = isSetupToken
        ? setupTokenCredential(r.value, now, expiresInMs)
        : tokenCredential(provider, r.value, expiresInMs === undefined ? undefined : now + expiresInMs);
      return { kind: 'credential', choice, profileId, credential, ...(r.warning ? { warning: r.warning } : {}) };
    }
    case 'claude-cli':
      return { kind: 'reuse', choice, profileId: 'anthropic:claude-cli' };
    case 'codex-cli':
      return { kind: 'reuse', choice, profileId: 'openai-codex:codex-cli' };
    case 'openai-codex':
    case 'openai-device-code':
      throw new UsageError(
        `Auth choice "${choice}" needs a person to sign in: run \`clawdbot onboard\` in a terminal, or ` +
          '`clawdbot models auth login --provider openai-codex --device`, or reuse a Codex CLI login with --auth-choice codex-cli.',
      );
  }
}
