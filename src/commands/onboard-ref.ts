// `onboard --non-interactive --secret-input-mode ref`: the credential is saved as a reference to
// where the secret lives (an env var by default for API keys, or --ref), never as the secret. The
// secret itself is never taken from argv or stdin in this mode; OAuth choices are refused.
import { UsageError, isValidProfileId, isValidProviderId, normalizeProviderId } from '../store/index.js';
import { parseDuration } from '../util/duration.js';
import { OAUTH_REFS_REFUSED } from '../store/secret-ref.js';
import type { AuthChoice, NonInteractiveFlags } from '../../flows/non-interactive.js';

export interface OnboardRefFlags extends NonInteractiveFlags {
  ref?: string;
}

export interface OnboardRefPlan {
  choice: AuthChoice;
  provider: string;
  type: 'api_key' | 'token';
  spec: string;
  profileId: string;
  idFlag?: string;
  expiresInMs?: number;
}

export function secretInputMode(raw: string | undefined): 'plaintext' | 'ref' {
  const m = (raw ?? 'plaintext').trim();
  if (m === 'plaintext' || m === 'ref') return m;
  throw new UsageError(`Unknown --secret-input-mode "${m}": use plaintext (the default) or ref.`);
}

/** What to save in ref mode, or one clear refusal. `resolveChoice` is the flows' own choice resolution. */
export function planOnboardRef(flags: OnboardRefFlags, resolveChoice: (f: OnboardRefFlags) => AuthChoice): OnboardRefPlan | { choice: 'skip' } {
  if (flags.anthropicApiKey || flags.openaiApiKey || flags.token !== undefined) {
    throw new UsageError(
      'With --secret-input-mode ref the secret is not given to clawdbot: drop --anthropic-api-key/--openai-api-key/--token and pass --ref env:NAME or --ref <alias>:<id>.',
    );
  }
  const choice = resolveChoice({ ...flags, ...(flags.ref && !flags.authChoice ? { authChoice: 'token' } : {}) });
  switch (choice) {
    case 'skip':
      return { choice };
    case 'anthropic-api-key':
    case 'apiKey':
    case 'openai-api-key': {
      const provider = choice === 'openai-api-key' ? 'openai' : 'anthropic';
      const spec = flags.ref ?? `env:${provider === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY'}`;
      return { choice, provider, type: 'api_key', spec, profileId: `${provider}:default` };
    }
    case 'token':
    case 'setup-token': {
      if (!flags.ref) throw new UsageError(`Auth choice "${choice}" with --secret-input-mode ref needs --ref env:NAME or --ref <alias>:<id> naming where the token lives.`);
      const provider = normalizeProviderId(flags.tokenProvider ?? 'anthropic');
      if (!isValidProviderId(provider)) throw new UsageError(`Invalid --token-provider "${flags.tokenProvider}": use a provider id like anthropic or openrouter.`);
      const profileId = flags.tokenProfileId?.trim() || `${provider}:manual`;
      if (!isValidProfileId(profileId) || !profileId.startsWith(`${provider}:`)) {
        throw new UsageError(`Invalid --token-profile-id "${profileId}": use ${provider}:<name>, e.g. ${provider}:work.`);
      }
      // A setup-token lives a year unless told otherwise, whichever way it is stored.
      const expiresInMs = flags.tokenExpiresIn ? parseDuration(flags.tokenExpiresIn, '--token-expires-in') : choice === 'setup-token' ? 365 * 86_400_000 : undefined;
      return { choice, provider, type: 'token', spec: flags.ref, profileId, idFlag: '--token-profile-id', ...(expiresInMs !== undefined ? { expiresInMs } : {}) };
    }
    default:
      throw new UsageError(`--auth-choice ${choice}: ${OAUTH_REFS_REFUSED}`);
  }
}
