// How a Codex sign-in ends without a credential, each with its own code for --json and tests.
import { ClawdbotError } from '../../util/errors.js';
import { redact } from '../../util/redact.js';
import type { TokenEndpointAnswer } from '../token-endpoint.js';

export class OAuthTimeoutError extends ClawdbotError {
  override readonly code: string = 'timeout';
}
export class OAuthDeniedError extends ClawdbotError {
  override readonly code: string = 'access_denied';
}
export class TokenExchangeError extends ClawdbotError {
  override readonly code: string = 'exchange_failed';
  constructor(
    message: string,
    readonly status?: number,
    readonly oauthError?: string,
  ) {
    super(message);
  }
}

/** A token-endpoint request that got no answer, as one line naming the server and what to do. */
export function unreachable(what: string, url: string, answer: Extract<TokenEndpointAnswer, { reached: false }>): ClawdbotError {
  const origin = new URL(url).origin;
  if (answer.reason !== 'network') return new ClawdbotError(`${what} timed out talking to ${origin}; check the network and try again.`);
  return new ClawdbotError(`${what} failed: could not reach ${origin} (${redact(answer.detail)}); check the network and try again.`);
}
