// Where the new profile goes in the provider's order.
import React from 'react';
import { Text } from 'ink';
import { StepFrame } from '../../common/StepFrame.js';
import { SelectList } from '../../common/SelectList.js';
import { siblingProfiles, type Placement } from '../../../src/state/wizard/index.js';
import { PLACEMENTS } from '../copy/choices.js';
import { useWizardStore } from '../context.js';
import { useStepFrame } from '../parts/useStepFrame.js';
import { SELECT_HINTS } from '../parts/hints.js';

export function PositionStep(): React.JSX.Element {
  const f = useStepFrame('position');
  const store = useWizardStore();
  const siblings = siblingProfiles(f.data);
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={SELECT_HINTS}>
      <Text dimColor>{`Current order: ${siblings.join(' → ')}`}</Text>
      <SelectList<Placement> items={PLACEMENTS} initialValue={f.data.placement} onSelect={(p) => store.getState().selectPlacement(p)} onBack={() => store.getState().back()} />
    </StepFrame>
  );
}
