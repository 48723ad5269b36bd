// After the save: the agent's default model (kept, one of the provider's, or typed).
import React from 'react';
import { Text } from 'ink';
import { StepFrame } from '../../common/StepFrame.js';
import { SelectList } from '../../common/SelectList.js';
import { Spinner } from '../../common/Spinner.js';
import { modelChoices } from '../copy/choices.js';
import { useWizard, useWizardStore } from '../context.js';
import { useStepFrame } from '../parts/useStepFrame.js';
import { SavedLine } from '../parts/SavedLine.js';

export function ModelStep(): React.JSX.Element {
  const f = useStepFrame('model');
  const store = useWizardStore();
  const busy = useWizard((s) => s.busy);
  const items = modelChoices(f.data);
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={[['↑/↓', 'move'], ['Enter', 'choose'], ['Ctrl-C', 'quit (credential stays saved)']]}>
      <SavedLine />
      <Text>{f.data.currentModel ? `Current default: ${f.data.currentModel}` : 'No default model is configured yet.'}</Text>
      {busy ? <Spinner label={busy} /> : <SelectList<string> items={items} onSelect={(v) => void store.getState().selectModel(v)} />}
    </StepFrame>
  );
}
