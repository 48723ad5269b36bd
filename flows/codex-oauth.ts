// ChatGPT sign-in (PKCE with a loopback callback racing a paste box): what the sign-in step says.
import type { OAuthCredential } from '../src/store/index.js';
import { formatDuration } from '../src/auth/duration.js';
import type { CodexSignInResult } from './types.js';

export interface SignInView {
  /** Lines shown above the URL. */
  intro: string;
  /** Extra lines for a remote host: where to open the URL, the tunnel, the device-code option. */
  remoteNotes: string[];
  timeLeft: string;
}

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
    ? 'Your browser was opened to sign in with ChatGPT. If it did not open, open the URL below.'
    : opts.remote
      ? 'Open the URL below in the browser on YOUR computer and sign in with ChatGPT.'
      : 'Open the URL below in a browser and sign in with ChatGPT.';
  const remoteNotes: string[] = [];
  if (opts.callbackProblem) remoteNotes.push(`The automatic callback cannot work here (${opts.callbackProblem}); paste the redirect URL below.`);
  if (opts.remote) {
    remoteNotes.push(`This looks like a remote session: for the automatic callback run \`${opts.tunnelHint}\` on your computer first,`);
    remoteNotes.push('or paste the URL your browser ends on (http://localhost:…/auth/callback?code=…) below.');
    remoteNotes.push('No browser at all? Press Esc and choose "Device code" instead.');
  }
  return { intro, remoteNotes, timeLeft: `${formatDuration(Math.max(0, opts.deadline - opts.now))} left` };
}

export function codexCredential(result: CodexSignInResult): OAuthCredential {
  return result.credential;
}

/** A profile name from the sign-in: the suggestion of the oauth module (email or default). */
export function codexProfileName(result: CodexSignInResult | undefined): string {
  const id = result?.profileId;
  if (id && id.startsWith('openai-codex:')) return id.slice('openai-codex:'.length);
  return result?.email ? String(result.email).toLowerCase() : 'default';
}
