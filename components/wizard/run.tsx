// Entry of the lazy UI chunk for `clawdbot onboard` / `models auth add`: render the wizard with our
// own Ctrl-C handling and no console patching, wait for it to finish, return the exit code.
import React from 'react';
import { render } from 'ink';
import { createWizardStore, type WizardDeps } from '../../src/state/wizard-store.js';
import { Wizard } from './Wizard.js';

export async function runWizard(deps: WizardDeps, opts: { title?: string } = {}): Promise<number> {
  const store = createWizardStore(deps);
  const app = render(<Wizard store={store} remote={deps.remote} tunnelHint={(p) => deps.browser.sshTunnelHint(p)} {...(opts.title ? { title: opts.title } : {})} />, {
    exitOnCtrlC: false,
    patchConsole: false,
    // Only changed lines are sent: while a sign-in waits, the spinner and the time left change
    // ten times a second, and over SSH a whole-frame redraw each time is what flickers.
    incrementalRendering: true,
  });
  void store.getState().init();
  await app.waitUntilExit();
  const s = store.getState();
  if (s.fatal) return 1;
  if (s.outcome === 'cancelled') return s.data.saved ? 0 : 130;
  return 0;
}
