// ChatGPT sign-in: the URL (last in the frame), the tunnel hint over SSH, and a paste box for the redirect URL.
import React, { useState } from 'react';
import { Text } from 'ink';
import { StepFrame } from '../../common/StepFrame.js';
import { MaskedInput } from '../../common/MaskedInput.js';
import { Spinner } from '../../common/Spinner.js';
import { BACK_HINT, CANCEL_HINT } from '../../common/KeyHints.js';
import { signInView } from '../copy/signin.js';
import { useWizard, useWizardStore } from '../context.js';
import { useStepFrame } from '../parts/useStepFrame.js';
import { EscBack } from '../parts/EscBack.js';
import { BackChoice } from '../parts/BackChoice.js';
import { UrlBlock } from '../parts/UrlBlock.js';
import type { StepProps } from './props.js';

export function SignInStep({ remote, tunnelHint, links }: StepProps): React.JSX.Element {
  const f = useStepFrame('signin');
  const store = useWizardStore();
  const signin = useWizard((s) => s.signin);
  const busy = useWizard((s) => s.busy);
  const now = useWizard((s) => s.now);
  const [attempt, setAttempt] = useState(0);
  if (!signin) {
    return (
      <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={[BACK_HINT, CANCEL_HINT]}>
        {f.error ? <BackChoice label="Back: try again or choose another way" /> : <><Spinner label={busy ?? 'Starting sign-in…'} /><EscBack /></>}
      </StepFrame>
    );
  }
  const view = signInView({
    remote,
    browserOpened: signin.browserOpened,
    callbackPort: signin.callbackPort,
    ...(signin.callbackProblem ? { callbackProblem: signin.callbackProblem } : {}),
    tunnelHint: tunnelHint(signin.callbackPort ?? 1455),
    deadline: signin.deadline,
    now,
  });
  return (
    <>
      <StepFrame counter={f.counter} title={`${f.title} with ChatGPT`} explain={f.explain} error={f.error} hints={[['Enter', 'submit pasted URL'], BACK_HINT, CANCEL_HINT]}>
        <Text>{view.intro}</Text>
        {view.tunnel ? (
          <>
            <Text color="yellow">{view.tunnelLead}</Text>
            <Text bold>{`  ${view.tunnel}`}</Text>
          </>
        ) : null}
        {view.pasteLead.map((l) => (
          <Text key={l}>{l}</Text>
        ))}
        <MaskedInput
          key={attempt}
          onSubmit={(v) => {
            void store
              .getState()
              .submitPaste(v)
              .then(() => {
                if (store.getState().error) setAttempt((n) => n + 1);
              });
          }}
          onBack={() => store.getState().back()}
        />
        {busy ? <Spinner label={`${busy} (${view.timeLeft})`} /> : <Text color="yellow">The sign-in stopped; press Esc to start again or choose another way.</Text>}
        {view.deviceNote ? <Text dimColor>{view.deviceNote}</Text> : null}
      </StepFrame>
      <UrlBlock url={signin.url} link={links} />
    </>
  );
}
