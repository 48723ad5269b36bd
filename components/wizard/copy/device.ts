// What the device-code step says (ChatGPT sign-in for hosts with no browser and no tunnel).
import { formatDuration } from '../../../src/util/duration.js';

export function deviceView(opts: { verificationUrl: string; userCode: string; expiresAt: number; now: number }) {
  return {
    intro: 'On any device with a browser, open the URL below and enter this code:',
    code: opts.userCode,
    timeLeft: `${formatDuration(Math.max(0, opts.expiresAt - opts.now))} left`,
  };
}
