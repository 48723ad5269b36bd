// The one write; a failure offers the way back to the summary.
import React from 'react';
import { StepFrame } from '../../common/StepFrame.js';
import { Spinner } from '../../common/Spinner.js';
import { BACK_HINT, CANCEL_HINT } from '../../common/KeyHints.js';
import { useWizard } from '../context.js';
import { useStepFrame } from '../parts/useStepFrame.js';
import { BackChoice } from '../parts/BackChoice.js';

export function SavingStep(): React.JSX.Element {
  const f = useStepFrame('saving');
  const busy = useWizard((s) => s.busy);
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={f.error ? [BACK_HINT, CANCEL_HINT] : [CANCEL_HINT]}>
      {busy ? <Spinner label={busy} /> : null}
      {f.error ? <BackChoice label="Back to the summary" /> : null}
    </StepFrame>
  );
}
