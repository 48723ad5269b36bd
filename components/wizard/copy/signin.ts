// What the ChatGPT sign-in step says (PKCE with a loopback callback racing a paste box).
import { formatDuration } from '../../../src/util/duration.js';

export interface SignInView {
  /** The first line: where to open the URL (printed last, below the paste box). */
  intro: string;
  /** Over SSH with a working callback server: the line before the tunnel command. */
  tunnelLead?: string;
  /** The `ssh -L` command, shown alone on its own line so it is never broken. */
  tunnel?: string;
  /** Above the paste box: what to paste there (one or two lines). */
  pasteLead: string[];
  /** Under the wait: the way out when no browser can be reached at all. */
  deviceNote?: string;
  timeLeft: string;
}

/**
 * What the sign-in step says. Every line fits 80 columns (the URL is the only long one), so the
 * step and the whole URL fit an 80x24 terminal. A tunnel is suggested only when the callback
 * server is actually listening: with its port taken the paste box is the way.
 */
export function signInView(opts: {
  remote: boolean;
  browserOpened: boolean;
  callbackPort: number | null;
  callbackProblem?: string;
  tunnelHint: string;
  deadline: number;
  now: number;
}): SignInView {
  const intro = opts.browserOpened
    ? 'Your browser was opened to sign in with ChatGPT. If it did not open, use the URL below.'
    : opts.remote
      ? 'Open the URL below in the browser on YOUR computer and sign in with ChatGPT.'
      : 'Open the URL below in a browser and sign in with ChatGPT.';
  const view: SignInView = { intro, pasteLead: [], timeLeft: `${formatDuration(Math.max(0, opts.deadline - opts.now))} left` };
  if (opts.callbackProblem || opts.callbackPort === null) {
    const why = (opts.callbackProblem ?? 'the callback server is not running').replace(/; paste the redirect URL instead$/, '');
    view.pasteLead = [`No automatic callback here (${why}).`, 'Sign in, then paste the redirect URL here (the address your browser ends on):'];
  } else {
    if (opts.remote) {
      view.tunnelLead = 'For the automatic callback, first run this on your computer:';
      view.tunnel = opts.tunnelHint;
    }
    view.pasteLead = ['Or paste the redirect URL here (the address your browser ends on):'];
  }
  if (opts.remote) view.deviceNote = 'No browser at all? Press Esc and choose "Device code".';
  return view;
}
