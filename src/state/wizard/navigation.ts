// Moving between steps: leaving one stops its work, entering one runs its effect (effects.ts).
import { errorMessage } from '../../util/redact.js';
import { type OnboardData, type StepId, TRANSIENT_STEPS, suggestProfileName } from '../../../flows/onboard.js';
import type { WizardCtx } from './context.js';
import { STEP_EFFECTS } from './effects.js';

export function goTo(c: WizardCtx, to: StepId, opts: { push?: boolean } = {}): void {
  const s = c.get();
  c.work.stop();
  const push = opts.push ?? !TRANSIENT_STEPS.has(s.step);
  const history = push && s.step !== to ? [...s.history, s.step] : s.history;
  c.set({ step: to, history, error: undefined, busy: undefined, draft: draftForStep(to, s.data), now: c.deps.now() });
  c.enter(to);
}

/**
 * Runs the effect of a step just made current. Its results count only while the step is still the
 * current one and not left in between (`alive`); a failure becomes the step's inline error.
 */
export async function enterStep(c: WizardCtx, step: StepId): Promise<void> {
  const effect = STEP_EFFECTS[step];
  if (!effect) return;
  const my = c.work.attempt;
  const alive = () => my === c.work.attempt && c.get().step === step && !c.get().outcome;
  try {
    await effect(c, alive);
  } catch (err) {
    if (step === 'saving' && c.work.cancelAfterSave) return c.set({ outcome: 'cancelled', busy: undefined });
    if (!alive()) return;
    c.set({ busy: undefined, error: errorMessage(err) });
  }
}

/** What a text step's field starts with (never a secret). */
export function draftForStep(step: StepId, d: OnboardData): string {
  if (step === 'name') return d.profileName ?? suggestProfileName(d);
  if (step === 'other-provider') return d.otherProvider ?? '';
  if (step === 'expiry') return d.tokenExpiresIn ?? '';
  return '';
}
