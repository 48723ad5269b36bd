// The wizard's state, as components and commands use it: the store, its shapes, and the questions
// components may ask of the step machine (selectors.ts).
export { createWizardStore } from './store.js';
export * from './selectors.js';
export type { DeviceInfo, ModelsApi, SignInInfo, WizardActions, WizardData, WizardDeps, WizardState, WizardStore } from './types.js';
export type {
  CopyCandidate,
  ExistingProfile,
  MethodId,
  OnboardData,
  Placement,
  ProviderChoice,
  StepId,
} from '../../../flows/onboard.js';
export type { CodexSignInResult, ExternalCliRead, ProbeOutcome } from '../../../flows/types.js';
export type { KnownCredential } from '../../store/index.js';
