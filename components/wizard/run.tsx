// Entry of the lazy UI chunk for `clawdbot onboard` / `models auth add`: render the wizard with our
// own Ctrl-C handling and no console patching, wait for it to finish, return the exit code.
import React from 'react';
import { render } from 'ink';
import { createWizardStore, type WizardDeps } from '../../src/state/wizard/index.js';
import { Wizard } from './Wizard.js';
import { hyperlinksWanted } from '../common/terminal-link.js';

/** Exit status of a process ended by a signal, as a shell reports it. */
const SIGNAL_EXIT: Record<'SIGHUP' | 'SIGTERM', number> = { SIGHUP: 129, SIGTERM: 143 };

export async function runWizard(deps: WizardDeps, opts: { title?: string } = {}): Promise<number> {
  const store = createWizardStore(deps);
  const app = render(<Wizard store={store} remote={deps.remote} tunnelHint={(p) => deps.browser.sshTunnelHint(p)} links={hyperlinksWanted(deps.env)} {...(opts.title ? { title: opts.title } : {})} />, {
    exitOnCtrlC: false,
    patchConsole: false,
    // Only changed lines are sent: while a sign-in waits, the spinner and the time left change
    // ten times a second, and over SSH a whole-frame redraw each time is what flickers.
    incrementalRendering: true,
  });
  // A closed SSH session (SIGHUP) or a `kill` (SIGTERM) ends the wizard as Ctrl-C does: the
  // sign-in, device polling or live check in progress is stopped, nothing is written (a save
  // already under way finishes: it is one short locked write), the terminal is restored.
  let signalled: keyof typeof SIGNAL_EXIT | undefined;
  const onSignal = (sig: keyof typeof SIGNAL_EXIT) => () => {
    signalled ??= sig;
    store.getState().cancel();
    // Whatever still holds the event loop open (a request that ignores its abort) must not keep
    // an orphan alive: leave for sure a moment later.
    setTimeout(() => process.exit(SIGNAL_EXIT[sig]), 2000).unref();
  };
  const handlers = { SIGHUP: onSignal('SIGHUP'), SIGTERM: onSignal('SIGTERM') };
  for (const [sig, fn] of Object.entries(handlers)) process.on(sig, fn);
  void store.getState().init();
  try {
    await app.waitUntilExit();
  } finally {
    for (const [sig, fn] of Object.entries(handlers)) process.off(sig, fn);
  }
  const s = store.getState();
  if (signalled) return s.data.saved ? 0 : SIGNAL_EXIT[signalled];
  if (s.fatal) return 1;
  if (s.outcome === 'cancelled') return s.data.saved ? 0 : 130;
  return 0;
}
