// What a person pastes back after signing in: the whole redirect URL from the browser's address
// bar, Anthropic-style `code#state`, a `?code=...&state=...` query, or just the code.
import { UsageError } from '../util/errors.js';
import { stripPasteMarkers } from '../util/paste-markers.js';

export interface AuthorizationInput {
  code: string;
  state?: string;
}

/** API keys (`sk-…`), JWT access tokens (`eyJ…`) and refresh tokens (`rt_…`) are never codes. */
const SECRET_NOT_CODE = /^(?:sk-|eyJ|rt_)/;

function fromParams(params: URLSearchParams): AuthorizationInput | { error: string; description?: string } | undefined {
  const error = params.get('error');
  if (error) return { error, description: params.get('error_description') ?? undefined };
  const code = params.get('code');
  if (!code) return undefined;
  const state = params.get('state');
  return state ? { code, state } : { code };
}

/**
 * Parse a pasted authorization response. Throws UsageError for empty input, an error response,
 * a URL without a code, or a state that differs from `expectedState`. A missing state is accepted.
 */
export function parseAuthorizationInput(input: string, expectedState?: string): AuthorizationInput {
  const text = stripPasteMarkers(String(input ?? '')).replace(/[\r\n]+/g, '').trim().replace(/^["']|["']$/g, '');
  if (!text) throw new UsageError('Nothing was pasted: paste the full redirect URL from the browser (or the code).');
  let parsed: ReturnType<typeof fromParams>;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new UsageError('That redirect URL could not be read: paste the whole address from the browser, starting with http.');
    }
    parsed = fromParams(url.searchParams) ?? (url.hash ? fromParams(new URLSearchParams(url.hash.slice(1))) : undefined);
    if (!parsed) throw new UsageError('That URL has no "code" parameter: paste the address of the page the browser was sent to after signing in.');
  } else if (/(^|[?&])(code|error)=/.test(text)) {
    parsed = fromParams(new URLSearchParams(text.replace(/^[^?]*\?/, '')));
    if (!parsed) throw new UsageError('That query has an empty "code": paste the full redirect URL instead.');
  } else if (text.includes('#')) {
    const [code = '', state = ''] = text.split('#', 2);
    if (!code) throw new UsageError('The code before "#" is empty: paste the full redirect URL instead.');
    parsed = state ? { code, state } : { code };
  } else {
    if (/\s/.test(text)) throw new UsageError('That does not look like a code (it contains spaces): paste the full redirect URL.');
    // An API key or token pasted into the sign-in box would be sent to the token endpoint as a
    // code: refuse it before anything is sent.
    if (SECRET_NOT_CODE.test(text)) {
      throw new UsageError('That looks like an API key or token, not a sign-in code; nothing was sent. Paste the redirect URL, or store a key with `clawdbot models auth add`.');
    }
    parsed = { code: text };
  }
  if ('error' in parsed) {
    throw new UsageError(
      parsed.error === 'access_denied'
        ? 'Sign-in was cancelled in the browser (access_denied); run the login again to retry.'
        : `The provider returned an error: ${parsed.error}${parsed.description ? ` (${parsed.description})` : ''}; run the login again.`,
    );
  }
  if (/\s/.test(parsed.code)) throw new UsageError('That code contains spaces: paste the full redirect URL instead.');
  if (expectedState !== undefined && parsed.state !== undefined && parsed.state !== expectedState) {
    throw new UsageError('State mismatch: that redirect belongs to a different sign-in attempt; paste the URL from this attempt.');
  }
  return parsed;
}
