// The profile's name (the part after `provider:`), with a suggestion that does not collide.
import React from 'react';
import { Text } from 'ink';
import { StepFrame } from '../../common/StepFrame.js';
import { TextField } from '../../common/TextField.js';
import { storageProvider } from '../../../src/state/wizard/index.js';
import { displaySafe } from '../../../src/util/sanitize.js';
import { useWizard, useWizardStore } from '../context.js';
import { useStepFrame } from '../parts/useStepFrame.js';
import { TEXT_HINTS } from '../parts/hints.js';

export function NameStep(): React.JSX.Element {
  const f = useStepFrame('name');
  const draft = useWizard((s) => s.draft);
  const store = useWizardStore();
  const provider = storageProvider(f.data) ?? '';
  const others = Object.keys(f.data.existing).filter((id) => id.startsWith(`${provider}:`));
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} note={f.note} hints={TEXT_HINTS}>
      <Text>{`The profile id will be ${provider}:<name>. Press Enter to accept the suggestion.`}</Text>
      {others.length ? <Text dimColor>{`Existing ${provider} profiles: ${others.map(displaySafe).join(', ')}`}</Text> : null}
      <TextField initialValue={draft} onSubmit={(v) => store.getState().submitName(v)} onBack={() => store.getState().back()} />
    </StepFrame>
  );
}
