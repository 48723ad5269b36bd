// Which provider to set up (or skip).
import React from 'react';
import { Text } from 'ink';
import { StepFrame } from '../../common/StepFrame.js';
import { SelectList } from '../../common/SelectList.js';
import type { ProviderChoice } from '../../../src/state/wizard/index.js';
// Ids already in the store come from a file people edit by hand: control characters escaped.
import { displaySafe } from '../../../src/util/sanitize.js';
import { PROVIDER_CHOICES } from '../copy/choices.js';
import { useWizardStore } from '../context.js';
import { useStepFrame } from '../parts/useStepFrame.js';
import { SELECT_HINTS, hintsFor } from '../parts/hints.js';

export function ProviderStep(): React.JSX.Element {
  const f = useStepFrame('provider');
  const store = useWizardStore();
  const existing = Object.keys(f.data.existing);
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={hintsFor(SELECT_HINTS, f.canGoBack)}>
      {existing.length ? <Text dimColor>{`Agent ${f.data.agentId} already has: ${existing.map(displaySafe).join(', ')}`}</Text> : null}
      <SelectList<ProviderChoice>
        items={PROVIDER_CHOICES}
        initialValue={f.data.provider}
        onSelect={(p) => store.getState().selectProvider(p)}
        onBack={() => store.getState().back()}
      />
    </StepFrame>
  );
}
