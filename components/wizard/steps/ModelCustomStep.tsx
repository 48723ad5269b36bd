// A default model typed as provider/model.
import React from 'react';
import { StepFrame } from '../../common/StepFrame.js';
import { TextField } from '../../common/TextField.js';
import { useWizard, useWizardStore } from '../context.js';
import { useStepFrame } from '../parts/useStepFrame.js';
import { TEXT_HINTS } from '../parts/hints.js';

export function ModelCustomStep(): React.JSX.Element {
  const f = useStepFrame('model-custom');
  const store = useWizardStore();
  const draft = useWizard((s) => s.draft);
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={TEXT_HINTS}>
      <TextField initialValue={draft} placeholder="provider/model" onSubmit={(v) => void store.getState().submitModel(v)} onBack={() => store.getState().back()} />
    </StepFrame>
  );
}
