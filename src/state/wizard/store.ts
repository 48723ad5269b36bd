// The onboarding wizard's state: a zustand vanilla store around the pure machine in flows/onboard.
// Every effect (reading and writing the store, the clock, the browser, the sign-in, the live
// check, other CLIs' logins) goes through injected dependencies, so a test builds the whole wizard
// with fakes in one line: createWizardStore({ ...fakeDeps }). Nothing is written before the user
// confirms the summary; Ctrl-C before that leaves every file untouched.
import { createStore } from 'zustand/vanilla';
import { initialData, nextStep } from '../../../flows/onboard.js';
import type { WizardCtx } from './context.js';
import type { WizardData, WizardDeps, WizardState, WizardStore } from './types.js';
import { StepWork } from './work.js';
import { enterStep, goTo } from './navigation.js';
import { wizardActions } from './actions.js';

export function createWizardStore(deps: WizardDeps): WizardStore {
  const work = new StepWork(deps);
  return createStore<WizardState>()((set, get) => {
    const c: WizardCtx = {
      deps,
      work,
      get,
      set: (patch) => set(patch),
      patchData: (patch) => set({ data: { ...get().data, ...patch } }),
      go: (to, opts) => goTo(c, to, opts),
      advance: () => goTo(c, nextStep(get().step, get().data)),
      enter: (step) => void enterStep(c, step),
    };
    const initial: WizardData = { ready: false, step: 'provider', history: [], data: initialData(deps.agentId), draft: '', detected: {}, now: deps.now() };
    return { ...initial, ...wizardActions(c) };
  });
}
