// The browser sign-in: authorization code + PKCE with a loopback callback server on 127.0.0.1
// that races a pasted redirect URL; whichever brings a code first is exchanged, exactly once.
// Nothing here prints or writes files: the caller shows the URL and saves through the store's
// saveCredential.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CancelledError, ClawdbotError, UsageError } from '../../util/errors.js';
import { redact, registerSecret } from '../../util/redact.js';
import { formatDuration } from '../../util/duration.js';
import { createPkce, randomState } from '../pkce.js';
import { parseAuthorizationInput } from '../paste.js';
import { CALLBACK_PATH, callbackPortFromEnv, loginTimeoutMs, openAiOAuthBaseUrl } from './config.js';
import { OAuthDeniedError, OAuthTimeoutError } from './errors.js';
import { buildAuthorizeUrl } from './authorize-url.js';
import { exchangeAuthorizationCode } from './code-exchange.js';
import { type CodexSignInResult, signInResultFromTokens } from './token-data.js';

export interface CodexLoginSession {
  authorizeUrl: string;
  /** Port the loopback callback server listens on, or null when it could not bind (paste only). */
  callbackPort: number | null;
  /** One line when the callback server could not start, e.g. "port 1455 is in use; paste the redirect URL instead". */
  callbackProblem?: string;
  /** The redirect URI sent in the authorize URL and the exchange. */
  redirectUri: string;
  /**
   * Feed a pasted redirect URL / code#state / code=... / bare code; rejects with a UsageError for bad
   * input (unparseable, wrong state), which leaves the attempt running. Once a code is exchanged
   * the attempt is over either way: a failed exchange rejects both this call and `result`.
   */
  submitPaste(input: string): Promise<void>;
  /** Resolves once the code (from callback or paste, whichever is first) was exchanged exactly once. */
  result: Promise<CodexSignInResult>;
  /** Ms since epoch when the callback wait times out. */
  deadline: number;
  cancel(): void;
}

export interface CodexLoginOptions {
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function page(title: string, body: string): string {
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body style="font-family:sans-serif;margin:3em"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></body></html>`
  );
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    // 127.0.0.1 only: never reachable from another machine (RFC 8252 §8.3).
    server.listen({ port, host: '127.0.0.1', exclusive: true });
  });
}

/**
 * Start a sign-in: PKCE + state, the authorize URL, and the callback server on 127.0.0.1. The
 * caller shows the URL (and maybe opens a browser) and feeds pasted input to submitPaste.
 */
export async function startCodexLogin(opts: CodexLoginOptions = {}): Promise<CodexLoginSession> {
  const env = opts.env ?? process.env;
  const fetchImpl = opts.fetchImpl ?? fetch;
  const baseUrl = openAiOAuthBaseUrl(env);
  const port = callbackPortFromEnv(env);
  const timeoutMs = loginTimeoutMs(env, opts.timeoutMs);
  const pkce = createPkce();
  const state = randomState();
  registerSecret(pkce.verifier);
  const redirectUri = `http://localhost:${port}${CALLBACK_PATH}`;
  const authorizeUrl = buildAuthorizeUrl({ baseUrl, redirectUri, challenge: pkce.challenge, state });

  const outcome = deferred<CodexSignInResult>();
  outcome.promise.catch(() => {}); // the caller may never await a failed session
  const abort = new AbortController();
  let claimed = false; // a code is being (or was) exchanged: never a second exchange
  let finished = false;
  let timer: NodeJS.Timeout | undefined;

  const server = http.createServer();
  let callbackPort: number | null = null;
  let callbackProblem: string | undefined;
  try {
    callbackPort = await listen(server, port);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    callbackProblem =
      code === 'EADDRINUSE'
        ? `port ${port} is in use; paste the redirect URL instead`
        : code === 'EACCES'
          ? `port ${port} is not allowed here; paste the redirect URL instead`
          : `the callback server could not start on 127.0.0.1:${port} (${code ?? 'error'}); paste the redirect URL instead`;
  }

  const closeServer = () => {
    if (callbackPort === null) return;
    server.close();
    server.closeAllConnections();
  };

  const finish = (err: unknown, value?: CodexSignInResult) => {
    if (finished) return;
    finished = true;
    if (timer) clearTimeout(timer);
    closeServer();
    if (err) outcome.reject(err);
    else outcome.resolve(value!);
  };

  const exchange = async (code: string): Promise<CodexSignInResult> => {
    const tokens = await exchangeAuthorizationCode({ baseUrl, code, verifier: pkce.verifier, redirectUri, fetchImpl, signal: abort.signal });
    return signInResultFromTokens(tokens);
  };

  server.on('request', (req, res) => {
    const send = (status: number, title: string, body: string) => {
      if (res.headersSent) return;
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', connection: 'close', 'cache-control': 'no-store' });
      res.end(page(title, body));
    };
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      return send(400, 'Bad request', 'Malformed URL.');
    }
    if (url.pathname !== CALLBACK_PATH) return send(404, 'Not found', 'Not found.');
    if (req.method !== 'GET') return send(405, 'Method not allowed', 'Use GET.');
    const gotState = url.searchParams.get('state');
    // A request without this attempt's state cannot end or cancel the attempt: 400, keep waiting.
    if (gotState !== state) return send(400, 'State mismatch', 'This sign-in link does not belong to the waiting clawdbot login. Start again from your terminal.');
    if (claimed || finished) return send(409, 'Already used', 'This sign-in was already completed or is being completed. Return to your terminal.');
    const error = url.searchParams.get('error');
    if (error) {
      const description = url.searchParams.get('error_description');
      send(400, 'Sign-in cancelled', 'Nothing was saved. Return to your terminal.');
      finish(
        new OAuthDeniedError(
          error === 'access_denied'
            ? 'Sign-in was declined in the browser (access_denied); nothing was saved. Run the login again to retry.'
            : redact(`The provider returned an error (${error}${description ? `: ${description}` : ''}); nothing was saved. Run the login again.`),
        ),
      );
      return;
    }
    const code = url.searchParams.get('code');
    if (!code) return send(400, 'Missing authorization code', 'The redirect has no code. Start again from your terminal.');
    claimed = true;
    registerSecret(code);
    exchange(code).then(
      (result) => {
        // Success is shown only after the exchange succeeded.
        res.on('finish', () => finish(undefined, result));
        send(200, 'Signed in', 'Authentication successful. Return to your terminal to continue.');
        if (res.writableFinished) finish(undefined, result);
      },
      (err) => {
        send(502, 'Sign-in failed', `${err instanceof ClawdbotError ? err.message : 'The token exchange failed.'} Return to your terminal.`);
        finish(err);
      },
    );
  });

  timer = setTimeout(() => {
    if (claimed) return; // an exchange is in flight; its own HTTP timeout ends it
    finish(
      new OAuthTimeoutError(
        `No sign-in arrived within ${formatDuration(timeoutMs)}${callbackPort !== null ? ' (callback server closed)' : ''}; nothing was saved. Run the login again, or use --device.`,
      ),
    );
  }, timeoutMs);
  timer.unref?.();

  const submitPaste = async (input: string): Promise<void> => {
    if (finished) {
      if (claimed) return outcome.promise.then(() => undefined);
      throw new UsageError('This sign-in attempt is over; run the login again.');
    }
    const { code } = parseAuthorizationInput(input, state);
    if (claimed) {
      await outcome.promise;
      return;
    }
    claimed = true;
    registerSecret(code);
    try {
      const result = await exchange(code);
      finish(undefined, result);
    } catch (err) {
      finish(err);
      throw err;
    }
  };

  return {
    authorizeUrl,
    callbackPort,
    callbackProblem,
    redirectUri,
    submitPaste,
    result: outcome.promise,
    deadline: Date.now() + timeoutMs,
    cancel: () => {
      abort.abort();
      finish(new CancelledError());
    },
  };
}
