// What components may ask about the wizard beyond its raw state. Each answer comes from the step
// machine (flows/onboard.ts), so a component never restates a rule of the flow and never imports
// flows/ itself: components -> state -> flows/core.
import { METHODS, type OnboardData } from '../../../flows/onboard.js';

export {
  CUSTOM_MODEL,
  KEEP_MODEL,
  STEP_IDS,
  methodsFor,
  modelOptions,
  credentialSecret,
  profileIdOf,
  reentersCredential,
  siblingProfiles,
  stepCounter,
  storageProvider,
} from '../../../flows/onboard.js';

/** The credential step takes a reference (`env:NAME`, `<alias>:<id>`), shown as typed, not masked. */
export function takesReference(d: Pick<OnboardData, 'method'>): boolean {
  return d.method !== undefined && METHODS[d.method].kind === 'ref';
}
