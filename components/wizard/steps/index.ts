// Which component renders each step. Keyed by every step id: a new step in the machine
// (flows/onboard.ts STEP_IDS) is a type error here until it has a component.
import type React from 'react';
import type { StepId } from '../../../src/state/wizard/index.js';
import type { StepProps } from './props.js';
import { CheckStep } from './CheckStep.js';
import { CopyStep } from './CopyStep.js';
import { DeviceStep } from './DeviceStep.js';
import { DoneStep } from './DoneStep.js';
import { ExpiryStep } from './ExpiryStep.js';
import { MethodStep } from './MethodStep.js';
import { ModelCustomStep } from './ModelCustomStep.js';
import { ModelStep } from './ModelStep.js';
import { NameStep } from './NameStep.js';
import { OtherProviderStep } from './OtherProviderStep.js';
import { OverwriteStep } from './OverwriteStep.js';
import { PositionStep } from './PositionStep.js';
import { ProviderStep } from './ProviderStep.js';
import { ReuseStep } from './ReuseStep.js';
import { SavingStep } from './SavingStep.js';
import { SecretStep } from './SecretStep.js';
import { SignInStep } from './SignInStep.js';
import { SummaryStep } from './SummaryStep.js';

export type { StepProps } from './props.js';
export type StepComponent = (props: StepProps) => React.JSX.Element;
export type StepComponents = Readonly<Record<StepId, StepComponent>>;

export const STEP_COMPONENTS: StepComponents = {
  copy: CopyStep,
  provider: ProviderStep,
  'other-provider': OtherProviderStep,
  method: MethodStep,
  secret: SecretStep,
  expiry: ExpiryStep,
  signin: SignInStep,
  device: DeviceStep,
  reuse: ReuseStep,
  name: NameStep,
  overwrite: OverwriteStep,
  position: PositionStep,
  check: CheckStep,
  summary: SummaryStep,
  saving: SavingStep,
  model: ModelStep,
  'model-custom': ModelCustomStep,
  done: DoneStep,
};
