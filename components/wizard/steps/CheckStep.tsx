// The live check's answer, and what to do when it is not a pass.
import React from 'react';
import { StepFrame } from '../../common/StepFrame.js';
import { MarkedLine } from '../../common/MarkedLine.js';
import { SelectList } from '../../common/SelectList.js';
import { Spinner } from '../../common/Spinner.js';
import { BACK_HINT, CANCEL_HINT } from '../../common/KeyHints.js';
import { reentersCredential } from '../../../src/state/wizard/index.js';
import { describeProbe } from '../copy/summary.js';
import { useWizard, useWizardStore } from '../context.js';
import { useStepFrame } from '../parts/useStepFrame.js';
import { SELECT_HINTS } from '../parts/hints.js';
import { EscBack } from '../parts/EscBack.js';

export function CheckStep(): React.JSX.Element {
  const f = useStepFrame('check');
  const store = useWizardStore();
  const busy = useWizard((s) => s.busy);
  const probe = f.data.probe;
  const d = describeProbe(probe);
  const fixLabel = reentersCredential(f.data) ? 'Fix: enter it again' : 'Fix: choose another way';
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={busy ? [BACK_HINT, CANCEL_HINT] : SELECT_HINTS}>
      {busy || !probe ? (
        <>
          <Spinner label={busy ?? 'Checking…'} />
          <EscBack />
        </>
      ) : (
        <>
          <MarkedLine mark={d.ok ? '✓' : '✗'} color={d.ok ? 'green' : 'yellow'}>
            {d.line}
          </MarkedLine>
          <SelectList<'fix' | 'save' | 'cancel'>
            items={[
              { value: 'fix', label: fixLabel },
              { value: 'save', label: 'Save anyway' },
              { value: 'cancel', label: 'Cancel (nothing is written)' },
            ]}
            // When the check could not run (offline, no answer in time) the credential is as
            // likely good as bad: the pre-selected answer keeps it.
            initialValue={probe.status === 'network' || probe.status === 'timeout' ? 'save' : 'fix'}
            onSelect={(v) => store.getState().checkDecision(v)}
            onBack={() => store.getState().back()}
          />
        </>
      )}
    </StepFrame>
  );
}
