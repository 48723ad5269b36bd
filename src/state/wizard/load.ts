// Starting the wizard: what the agent already has (masked), what main could lend a new agent, and
// the first step (a provider preset from `models auth add --provider` skips the provider steps).
import { credentialRef, describeRef } from '../../store/secret-ref.js';
import { isKnownCredential } from '../../store/index.js';
import { maskSecret } from '../../util/mask.js';
import { errorMessage } from '../../util/redact.js';
import { type CopyCandidate, type ExistingProfile, type OnboardData, type StepId, initialData } from '../../../flows/onboard.js';
import type { WizardCtx } from './context.js';

export async function loadWizard(c: WizardCtx): Promise<void> {
  const { deps } = c;
  try {
    const agent = deps.openStore(deps.agentId);
    const loaded = await agent.load();
    const existing: Record<string, ExistingProfile> = {};
    for (const [id, cred] of Object.entries(loaded.store.profiles)) {
      existing[id] = { provider: cred.provider, type: cred.type, masked: maskedOf(cred), ...(typeof cred.accountId === 'string' ? { accountId: cred.accountId } : {}) };
    }
    const data: OnboardData = { ...initialData(agent.agentId), existing, order: { ...(loaded.store.order ?? {}) } };
    if (agent.agentId !== 'main' && !loaded.exists) {
      data.newAgent = true;
      try {
        const main = await deps.openStore('main').load();
        data.copyCandidates = Object.entries(main.store.profiles)
          .filter(([, cred]) => isKnownCredential(cred))
          .map(([id, cred]): CopyCandidate => ({ id, provider: cred.provider, type: cred.type, masked: maskedOf(cred) }));
      } catch {
        data.copyCandidates = [];
      }
    }
    let step: StepId = data.newAgent && data.copyCandidates.length ? 'copy' : 'provider';
    if (step === 'provider' && deps.onlyProvider) {
      data.provider = deps.onlyProvider;
      data.providerPreset = 'provider';
      if (deps.onlyProvider === 'other' && deps.otherProvider) {
        data.otherProvider = deps.otherProvider;
        data.providerPreset = 'provider-and-id';
      }
      step = deps.onlyProvider === 'other' && !deps.otherProvider ? 'other-provider' : 'method';
    }
    c.set({ ready: true, data, step, history: [], now: deps.now() });
    c.enter(step);
  } catch (err) {
    c.set({ ready: true, fatal: errorMessage(err) });
  }
}

function maskedOf(cred: { type: string; [k: string]: unknown }): string {
  const ref = credentialRef(cred);
  if (ref) return `ref ${describeRef(ref)}`;
  if (cred.type === 'api_key') return maskSecret(String(cred.key ?? ''));
  if (cred.type === 'token') return maskSecret(String(cred.token ?? ''));
  if (cred.type === 'oauth') return maskSecret(String(cred.access ?? ''));
  return '(unknown type)';
}
