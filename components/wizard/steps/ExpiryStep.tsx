// When a pasted token of another provider stops working (empty: never).
import React from 'react';
import { Text } from 'ink';
import { StepFrame } from '../../common/StepFrame.js';
import { TextField } from '../../common/TextField.js';
import { useWizard, useWizardStore } from '../context.js';
import { useStepFrame } from '../parts/useStepFrame.js';
import { TEXT_HINTS, hintsFor } from '../parts/hints.js';

export function ExpiryStep(): React.JSX.Element {
  const f = useStepFrame('expiry');
  const draft = useWizard((s) => s.draft);
  const store = useWizardStore();
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={hintsFor(TEXT_HINTS, f.canGoBack)}>
      <Text>Expires in (e.g. 30d, 12h, 90m; empty = no expiry):</Text>
      <TextField initialValue={draft} placeholder="no expiry" onSubmit={(v) => store.getState().submitExpiry(v)} onBack={() => store.getState().back()} />
    </StepFrame>
  );
}
