// Another provider, typed by id.
import React from 'react';
import { StepFrame } from '../../common/StepFrame.js';
import { TextField } from '../../common/TextField.js';
import { useWizard, useWizardStore } from '../context.js';
import { useStepFrame } from '../parts/useStepFrame.js';
import { TEXT_HINTS, hintsFor } from '../parts/hints.js';

export function OtherProviderStep(): React.JSX.Element {
  const f = useStepFrame('other-provider');
  const draft = useWizard((s) => s.draft);
  const store = useWizardStore();
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={hintsFor(TEXT_HINTS, f.canGoBack)}>
      <TextField initialValue={draft} placeholder="openrouter" onSubmit={(v) => store.getState().submitOtherProvider(v)} onBack={() => store.getState().back()} />
    </StepFrame>
  );
}
