// What runs on behalf of the current step (a sign-in session, a live check, a device-code request,
// the countdown tick) and the one rule that keeps it honest: leaving a step stops all of it, and
// bumps `attempt`, so a late answer meant for a step already left is dropped.
import type { WizardDeps } from './types.js';

export class StepWork {
  /** Bumps whenever a step is left. */
  attempt = 0;
  /** The sign-in or device session of the current step. */
  session: { cancel(): void } | undefined;
  probeAbort: AbortController | undefined;
  /** Ends a request of the current step that has no session yet (the device-code request). */
  stepAbort: AbortController | undefined;
  /** Ctrl-C came during the save: finish it (one short locked write), then stop. */
  cancelAfterSave = false;
  /** The value behind a reference the user chose, for the live check only; never stored. */
  refValue: string | undefined;
  private ticker: unknown;
  private readonly setIntervalFn: NonNullable<WizardDeps['setInterval']>;
  private readonly clearIntervalFn: NonNullable<WizardDeps['clearInterval']>;

  constructor(deps: Pick<WizardDeps, 'setInterval' | 'clearInterval'>) {
    this.setIntervalFn = deps.setInterval ?? ((fn: () => void, ms: number) => setInterval(fn, ms));
    this.clearIntervalFn = deps.clearInterval ?? ((h: unknown) => clearInterval(h as NodeJS.Timeout));
  }

  stop(): void {
    this.attempt++;
    this.session?.cancel();
    this.session = undefined;
    this.probeAbort?.abort();
    this.probeAbort = undefined;
    this.stepAbort?.abort();
    this.stepAbort = undefined;
    if (this.ticker !== undefined) this.clearIntervalFn(this.ticker);
    this.ticker = undefined;
  }

  /** Once a second while something is waited for, so countdowns move. */
  startTicker(tick: () => void): void {
    if (this.ticker !== undefined) return;
    const h = this.setIntervalFn(tick, 1000);
    (h as { unref?: () => void } | undefined)?.unref?.();
    this.ticker = h;
  }
}
