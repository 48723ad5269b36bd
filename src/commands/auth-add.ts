// `clawdbot models auth add [--provider P]`: the onboarding wizard for one provider.
import { UsageError, isValidProviderId, normalizeProviderId } from '../store/index.js';
import { isDumbTerminal, isInteractive } from './tty.js';
import type { ProviderChoice } from '../../flows/onboard.js';

export async function authAddCommand(opts: { agent?: string; provider?: string }): Promise<number> {
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
  const { DUMB_TERMINAL_MESSAGE, defaultWizardDeps, plainColorsForUi } = await import('./onboard.js');
  if (isDumbTerminal()) throw new UsageError(DUMB_TERMINAL_MESSAGE);
  plainColorsForUi();
  const { runWizard } = await import('../../components/wizard/run.js');
  return runWizard(defaultWizardDeps({ agentId: opts.agent ?? 'main', ...(only ? { onlyProvider: only } : {}), ...(other ? { otherProvider: other } : {}) }), {
    title: `clawdbot models auth add · agent ${opts.agent ?? 'main'}`,
  });
}
