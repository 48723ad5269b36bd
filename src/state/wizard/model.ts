// The default-model step: write the choice to clawdbot.json (or keep the current one) and note
// whether its provider will have a credential, which the last screen warns about.
import { modelProvider } from '../../../flows/onboard.js';
import type { WizardCtx } from './context.js';

export async function chooseModel(c: WizardCtx, model: string | undefined): Promise<void> {
  const { deps } = c;
  const d = c.get().data;
  if (model) {
    c.set({ busy: 'Saving the default model…' });
    const agent = deps.openStore(d.agentId);
    const saved = await deps.models.setDefaultModel(agent.configPath, model, d.agentId !== 'main' ? { agentId: d.agentId } : {});
    c.patchData({ model: saved, modelProviderHasCredential: providersWithCredential(c).has(modelProvider(saved)) });
  } else if (d.currentModel) {
    c.patchData({ model: d.currentModel, modelProviderHasCredential: providersWithCredential(c).has(modelProvider(d.currentModel)) });
  }
  c.set({ busy: undefined });
  c.go('done', { push: false });
}

/** Which providers have a credential once this run is saved. */
function providersWithCredential(c: WizardCtx): Set<string> {
  const { env } = c.deps;
  const d = c.get().data;
  const out = new Set<string>(Object.values(d.existing).map((p) => p.provider));
  if (d.credential) out.add(d.credential.provider);
  for (const id of d.copy) {
    const cand = d.copyCandidates.find((x) => x.id === id);
    if (cand) out.add(cand.provider);
  }
  // A key in the environment (ANTHROPIC_API_KEY, OPENROUTER_API_KEY, ...) counts too.
  for (const [name, value] of Object.entries(env)) {
    const m = /^([A-Z0-9_]+)_API_KEY$/.exec(name);
    if (m && value) out.add(m[1]!.toLowerCase().replace(/_/g, '-'));
  }
  if (env.ANTHROPIC_OAUTH_TOKEN) out.add('anthropic');
  return out;
}
