// The name is taken: replacing the profile there must be an explicit choice.
import React from 'react';
import { Text } from 'ink';
import { StepFrame } from '../../common/StepFrame.js';
import { SelectList } from '../../common/SelectList.js';
import { profileIdOf } from '../../../src/state/wizard/index.js';
import { useWizardStore } from '../context.js';
import { useStepFrame } from '../parts/useStepFrame.js';
import { SELECT_HINTS } from '../parts/hints.js';

export function OverwriteStep(): React.JSX.Element {
  const f = useStepFrame('overwrite');
  const store = useWizardStore();
  const id = profileIdOf(f.data) ?? '';
  const ex = f.data.existing[id];
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={SELECT_HINTS}>
      <Text color="yellow">{`${id} already exists (${ex?.type ?? ''} ${ex?.masked ?? ''}). Replacing it loses that credential.`}</Text>
      <SelectList<'rename' | 'replace'>
        items={[
          { value: 'rename', label: 'Choose another name' },
          { value: 'replace', label: `Replace ${id}` },
        ]}
        onSelect={(v) => store.getState().confirmOverwrite(v)}
        onBack={() => store.getState().back()}
      />
    </StepFrame>
  );
}
