// A new agent: which of main's profiles it may use too.
import React from 'react';
import { Text } from 'ink';
import { StepFrame } from '../../common/StepFrame.js';
import { CheckList } from '../../common/CheckList.js';
import { CANCEL_HINT } from '../../common/KeyHints.js';
import { useWizardStore } from '../context.js';
import { useStepFrame } from '../parts/useStepFrame.js';

export function CopyStep(): React.JSX.Element {
  const f = useStepFrame('copy');
  const store = useWizardStore();
  const items = f.data.copyCandidates.map((c) => ({ value: c.id, label: c.id, hint: `${c.type} ${c.masked}` }));
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={[['↑/↓', 'move'], ['Space', 'toggle'], ['Enter', 'continue'], CANCEL_HINT]}>
      <Text>{`Agent "${f.data.agentId}" has no credentials yet. Copy from main:`}</Text>
      <CheckList items={items} checked={f.data.copy} onToggle={(id) => store.getState().toggleCopy(id)} onConfirm={() => store.getState().confirmCopy()} />
    </StepFrame>
  );
}
