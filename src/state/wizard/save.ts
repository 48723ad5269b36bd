// The one write of the wizard, once the summary is confirmed: profiles copied from main, then the
// credential through the store's one write path, then the current default model for the next step.
import { type KnownCredential, isKnownCredential, saveCredential } from '../../store/index.js';
import { applyCopies, nextStep, savePlan } from '../../../flows/onboard.js';
import type { WizardCtx } from './context.js';

export async function saveWizard(c: WizardCtx): Promise<void> {
  const { deps, work } = c;
  const d = c.get().data;
  c.set({ busy: 'Saving…' });
  const agent = deps.openStore(d.agentId);
  const copy: Array<{ id: string; credential: KnownCredential }> = [];
  if (d.copy.length) {
    const main = await deps.openStore('main').load();
    for (const id of d.copy) {
      const cred = main.store.profiles[id];
      if (cred && isKnownCredential(cred)) copy.push({ id, credential: cred });
    }
  }
  if (copy.length) {
    await agent.update((doc) => {
      applyCopies(doc, copy);
      return true;
    });
  }
  const plan = savePlan(d);
  let savedId: string | undefined;
  if (plan.profileId && plan.credential) {
    // The one write path: an existing profile is replaced only as confirmed on the overwrite
    // step (or when it holds this same login); anything else that appeared meanwhile is refused.
    const saved = await saveCredential(agent, {
      credential: plan.credential,
      profileId: plan.profileId,
      defaultProfileId: plan.profileId,
      replace: Boolean(d.replaceConfirmed),
      placement: plan.placement,
      fromExternalCli: d.method === 'claude-cli' || d.method === 'codex-cli',
      // A sign-in's tokens were issued by the provider: a failed save keeps them beside the store.
      keepOnFailure: `the credential for "${plan.profileId}"`,
    });
    savedId = saved.profileId;
  }
  let currentModel: string | undefined;
  try {
    currentModel = await deps.models.readDefaultModel(agent.configPath, d.agentId);
  } catch {
    currentModel = undefined;
  }
  c.patchData({ saved: { ...(savedId ? { profileId: savedId } : {}), copied: copy.map((x) => x.id), storePath: agent.storePath }, currentModel });
  c.set({ busy: undefined });
  if (work.cancelAfterSave) {
    work.stop();
    return c.set({ outcome: 'cancelled' });
  }
  c.go(nextStep('saving', c.get().data), { push: false });
}
