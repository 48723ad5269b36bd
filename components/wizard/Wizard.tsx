// The onboarding wizard root: owns the single Ctrl-C handler and the single exit() call, and
// renders the current step. Ctrl-C at any step before "Save" leaves every file untouched.
import React, { useEffect, useRef } from 'react';
import { Box, Text, useApp, useInput, type DOMElement } from 'ink';
import type { WizardStore } from '../../src/state/wizard/index.js';
import { isCtrlC } from '../common/keys.js';
import { Spinner } from '../common/Spinner.js';
import { MarkedLine } from '../common/MarkedLine.js';
import { WizardContext, useWizard, useWizardStore } from './context.js';
import { useTerminalBound } from './terminal-rows.js';
import { STEP_COMPONENTS } from './steps/index.js';
import { savedProfiles } from './copy/saved.js';

export interface WizardProps {
  store: WizardStore;
  /** Remote session: never offer to open a browser, show the SSH tunnel hint. */
  remote?: boolean;
  tunnelHint?: (port: number) => string;
  /** Write sign-in URLs as terminal hyperlinks (components/common/terminal-link.ts). */
  links?: boolean;
  /** Title line, e.g. "clawdbot onboard · agent main". */
  title?: string;
}

export function Wizard(props: WizardProps): React.JSX.Element {
  return (
    <WizardContext.Provider value={props.store}>
      <WizardRoot {...props} />
    </WizardContext.Provider>
  );
}

function WizardRoot({ remote = false, tunnelHint = (p) => `ssh -L ${p}:127.0.0.1:${p} <host>`, links = false, title }: WizardProps): React.JSX.Element {
  const store = useWizardStore();
  const { exit } = useApp();
  const ready = useWizard((s) => s.ready);
  const fatal = useWizard((s) => s.fatal);
  const step = useWizard((s) => s.step);
  const outcome = useWizard((s) => s.outcome);
  const saved = useWizard((s) => s.data.saved);
  const agentId = useWizard((s) => s.data.agentId);
  const frame = useRef<DOMElement>(null);
  useTerminalBound(frame);

  useInput((input, key) => {
    if (isCtrlC(input, key)) store.getState().cancel();
  });

  useEffect(() => {
    if (step === 'done' && !outcome) store.getState().finish();
  }, [step, outcome, store]);

  useEffect(() => {
    if (!outcome && !fatal) return;
    // Let the final frame paint, then leave.
    const t = setTimeout(() => exit(), 20);
    return () => clearTimeout(t);
  }, [outcome, fatal, exit]);

  let body: React.ReactNode;
  if (fatal) {
    body = <MarkedLine mark="✗" color="red">{fatal}</MarkedLine>;
  } else if (outcome === 'cancelled') {
    body = (
      <Text color="yellow">
        {saved
          ? `Stopped. ${savedProfiles(saved)} was saved; the default model was not changed.`
          : 'Cancelled; nothing was written.'}
      </Text>
    );
  } else if (!ready) {
    body = <Spinner label="Reading the credential store…" />;
  } else {
    const Step = STEP_COMPONENTS[step];
    body = (
      <Box marginTop={1} flexDirection="column" flexShrink={0}>
        <Step remote={remote} tunnelHint={tunnelHint} links={links} />
      </Box>
    );
  }
  // Bounded to the terminal's height (useTerminalBound); what does not fit is cut at the bottom.
  return (
    <Box ref={frame} flexDirection="column" overflowY="hidden">
      <Box flexShrink={0}>
        <Text dimColor>{title ?? `clawdbot onboard · agent ${agentId}`}</Text>
      </Box>
      {body}
    </Box>
  );
}
