// ChatGPT sign-in with a device code: the code, the time left, the URL last in the frame.
import React from 'react';
import { Box, Text } from 'ink';
import { StepFrame } from '../../common/StepFrame.js';
import { Spinner } from '../../common/Spinner.js';
import { BACK_HINT, CANCEL_HINT } from '../../common/KeyHints.js';
import type { DeviceInfo } from '../../../src/state/wizard/index.js';
import { deviceView } from '../copy/device.js';
import { useWizard } from '../context.js';
import { useStepFrame } from '../parts/useStepFrame.js';
import { EscBack } from '../parts/EscBack.js';
import { BackChoice } from '../parts/BackChoice.js';
import { UrlBlock } from '../parts/UrlBlock.js';
import type { StepProps } from './props.js';

export function DeviceStep({ links }: StepProps): React.JSX.Element {
  const f = useStepFrame('device');
  const device = useWizard((s) => s.device);
  const busy = useWizard((s) => s.busy);
  const now = useWizard((s) => s.now);
  return (
    <>
      <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={[BACK_HINT, CANCEL_HINT]}>
        {device ? <DeviceBody device={device} now={now} busy={busy} /> : f.error ? null : <Spinner label={busy ?? 'Asking for a device code…'} />}
        {f.error ? <BackChoice label="Back: try again or choose another way" /> : <EscBack />}
      </StepFrame>
      {device ? <UrlBlock url={device.verificationUrl} link={links} /> : null}
    </>
  );
}

function DeviceBody({ device, now, busy }: { device: DeviceInfo; now: number; busy: string | undefined }) {
  const v = deviceView({ ...device, now });
  return (
    <Box flexDirection="column">
      <Text>{v.intro}</Text>
      <Text>
        Code: <Text bold color="cyan">{v.code}</Text>
      </Text>
      {busy ? <Spinner label={`${busy} (${v.timeLeft})`} /> : null}
    </Box>
  );
}
