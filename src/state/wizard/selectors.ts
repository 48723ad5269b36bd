// What components may ask about the wizard beyond its raw state. Each answer comes from the step
// machine (flows/onboard.ts), so a component never restates a rule of the flow and never imports
// flows/ itself: components -> state -> flows/core.
import { credentialRef, describeRef } from '../../store/secret-ref.js';
import type { KnownCredential } from '../../store/index.js';
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

/** Where a credential stored as a reference points (`env:NAME`, `<alias>:<id>`); undefined for a stored secret. */
export function referenceShown(c: KnownCredential): string | undefined {
  const ref = credentialRef(c);
  return ref ? describeRef(ref) : undefined;
}
