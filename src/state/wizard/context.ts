// The handle every part of the wizard store works through: the injected deps, the store's own
// get/set, the current step's work, and moving between steps (navigation.ts).
import type { OnboardData, StepId } from '../../../flows/onboard.js';
import type { WizardDeps, WizardState } from './types.js';
import type { StepWork } from './work.js';

export interface WizardCtx {
  readonly deps: WizardDeps;
  readonly work: StepWork;
  get(): WizardState;
  set(patch: Partial<WizardState>): void;
  patchData(patch: Partial<OnboardData>): void;
  /** Leave the current step for `to` (pushed on the history unless the step is transient). */
  go(to: StepId, opts?: { push?: boolean }): void;
  /** Go to the step the machine says comes next. */
  advance(): void;
  /** Run the effect of `step`, which the caller has just made current. */
  enter(step: StepId): void;
}
