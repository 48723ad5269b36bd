// The credential itself: pasted into a masked field, or a reference typed in the open.
import React, { useState } from 'react';
import { Text } from 'ink';
import { StepFrame } from '../../common/StepFrame.js';
import { TextField } from '../../common/TextField.js';
import { MaskedInput } from '../../common/MaskedInput.js';
import { CANCEL_HINT } from '../../common/KeyHints.js';
import { credentialSecret, storageProvider, takesReference } from '../../../src/state/wizard/index.js';
import { METHOD_TEXT, SECRET_PROMPT } from '../copy/choices.js';
import { useWizardStore } from '../context.js';
import { useStepFrame } from '../parts/useStepFrame.js';

export function SecretStep(): React.JSX.Element {
  const f = useStepFrame('secret');
  const store = useWizardStore();
  const [attempt, setAttempt] = useState(0);
  const method = f.data.method;
  const provider = storageProvider(f.data);
  return (
    <StepFrame
      counter={f.counter}
      title={`${f.title}: ${method ? METHOD_TEXT[method].label : ''}${provider ? ` (${provider})` : ''}`}
      explain={f.explain}
      error={f.error}
      hints={[['Enter', 'continue'], ['Esc', 'back'], CANCEL_HINT]}
    >
      <Text>{(method && SECRET_PROMPT[method]) ?? 'Paste it:'}</Text>
      {takesReference(f.data) ? (
        <TextField initialValue="" onSubmit={(v) => store.getState().submitSecret(v)} onBack={() => store.getState().back()} />
      ) : (
      <MaskedInput
        key={attempt}
        // Coming back to this step keeps what was pasted (hidden, with its length shown); after a
        // rejected paste the field starts empty.
        initialValue={attempt === 0 && f.data.credential ? credentialSecret(f.data.credential) : ''}
        onSubmit={(v) => {
          store.getState().submitSecret(v);
          // A rejected value is cleared: pasting again is the fix, and it cannot be seen anyway.
          if (store.getState().error) setAttempt((n) => n + 1);
        }}
        onBack={() => store.getState().back()}
      />
      )}
    </StepFrame>
  );
}
