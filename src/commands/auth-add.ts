// `clawdbot models auth add [--provider P]`: the onboarding wizard for one provider.
import { UsageError, isValidProviderId, normalizeProviderId, openAgentStore } from '../store/index.js';
import { describeRef } from '../store/secret-ref.js';
import { OAUTH_REFS_REFUSED } from '../store/secret-ref.js';
import { refCredential } from './shared/secret-ref-input.js';
import { requireProvider, resolveProfileId } from './shared/profile-flags.js';
import { saveCredentialFromCommand } from './shared/save-credential.js';
import { printJson, println } from './shared/output.js';
import { isDumbTerminal, isInteractive } from './shared/tty.js';
import type { ProviderChoice } from '../../flows/onboard.js';

export interface AuthAddOptions {
  agent?: string;
  provider?: string;
  ref?: string;
  profileId?: string;
  force?: boolean;
  json?: boolean;
}

/** `models auth add --provider P --ref SPEC`: an API key stored as a reference, without the wizard. */
async function authAddRef(opts: AuthAddOptions): Promise<number> {
  const provider = requireProvider(opts.provider);
  if (provider === 'openai-codex') throw new UsageError(OAUTH_REFS_REFUSED);
  const profileId = resolveProfileId(provider, opts.profileId, 'default');
  const store = openAgentStore(opts.agent);
  const { credential, ref, masked } = await refCredential({ spec: opts.ref!, provider, type: 'api_key', configPath: store.configPath, env: process.env });
  const { storePath } = await saveCredentialFromCommand(store, { credential, profileId, defaultProfileId: profileId }, { force: opts.force, idFlag: '--profile-id' });
  if (opts.json) printJson({ profileId, provider, type: 'api_key', ref: describeRef(ref), secretRef: ref, resolves: true, masked, storePath });
  else println(`Saved ${profileId} (API key as a reference to ${describeRef(ref)}, now ${masked}) to ${storePath}`);
  return 0;
}

export async function authAddCommand(opts: AuthAddOptions): Promise<number> {
  if (opts.ref !== undefined) return authAddRef(opts);
  let only: ProviderChoice | undefined;
  let other: string | undefined;
  if (opts.provider !== undefined) {
    const p = normalizeProviderId(opts.provider);
    if (!isValidProviderId(p)) throw new UsageError(`Invalid --provider "${opts.provider}": use a provider id like anthropic, openai or openrouter.`);
    if (p === 'anthropic') only = 'anthropic';
    else if (p === 'openai' || p === 'openai-codex') only = 'openai';
    else {
      only = 'other';
      other = p;
    }
  }
  if (!isInteractive()) {
    throw new UsageError(
      '`models auth add` is interactive and needs a terminal. In scripts pipe the secret into ' +
        '`clawdbot models auth paste-token --provider <p>` or use `clawdbot onboard --non-interactive`.',
    );
  }
  const { DUMB_TERMINAL_MESSAGE, defaultWizardDeps, plainColorsForUi } = await import('./shared/wizard.js');
  if (isDumbTerminal()) throw new UsageError(DUMB_TERMINAL_MESSAGE);
  plainColorsForUi();
  const { runWizard } = await import('../../components/wizard/run.js');
  return runWizard(defaultWizardDeps({ agentId: opts.agent ?? 'main', ...(only ? { onlyProvider: only } : {}), ...(other ? { otherProvider: other } : {}) }), {
    title: `clawdbot models auth add · agent ${opts.agent ?? 'main'}`,
  });
}
