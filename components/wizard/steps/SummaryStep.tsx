// Everything that will be written, before anything is.
import React from 'react';
import { Box, Text } from 'ink';
import { StepFrame } from '../../common/StepFrame.js';
import { SelectList } from '../../common/SelectList.js';
import { BACK_HINT, CANCEL_HINT } from '../../common/KeyHints.js';
import { summaryLines } from '../copy/summary.js';
import { useWizard, useWizardStore } from '../context.js';
import { useStepFrame } from '../parts/useStepFrame.js';

export function SummaryStep(): React.JSX.Element {
  const f = useStepFrame('summary');
  const store = useWizardStore();
  const now = useWizard((s) => s.now);
  const lines = summaryLines(f.data, now);
  const width = Math.max(...lines.map(([k]) => k.length)) + 2;
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={[['Enter', 'save'], BACK_HINT, CANCEL_HINT]}>
      {lines.map(([k, v]) => (
        <Text key={k}>
          <Text dimColor>{k.padEnd(width)}</Text>
          {v}
        </Text>
      ))}
      <Box marginTop={1}>
        <SelectList<'save' | 'back'>
          items={[
            { value: 'save', label: 'Save' },
            { value: 'back', label: 'Go back and change something' },
          ]}
          onSelect={(v) => (v === 'save' ? void store.getState().save() : store.getState().back())}
          onBack={() => store.getState().back()}
        />
      </Box>
    </StepFrame>
  );
}
