// The HTTP every OAuth grant shares: the Codex sign-in's code exchange and device polling
// (openai-codex/) and the refresh grant (token-refresh.ts). One POST with a deadline, the answer
// read once, and the shapes of an OAuth error body. Each caller turns a failure into its own
// error: a sign-in says what to run again, a refresh classifies it as transient or re-auth.
import { UsageError } from '../util/errors.js';

/** Every token-endpoint request gives up after this long. */
export const TOKEN_HTTP_TIMEOUT_MS = 30_000;

/** An endpoint's base URL from its environment variable (tests point it at 127.0.0.1), else the provider's. */
export function endpointBaseUrl(raw: string | undefined, fallback: string, name: string): string {
  const value = raw?.trim() || fallback;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${name} is not a URL ("${value}"); set it to e.g. ${fallback} or unset it.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`${name} must be an http(s) URL, not "${value}".`);
  return value.replace(/\/+$/, '');
}

export type TokenRequestBody = { form: Record<string, string> } | { json: unknown };

export type TokenEndpointAnswer =
  | {
      reached: true;
      status: number;
      ok: boolean;
      /** The body when it is a JSON object; undefined for anything else. */
      body: Record<string, unknown> | undefined;
    }
  | {
      reached: false;
      /** `timeout`: no answer within the deadline; `cancelled`: the caller's signal; `network`: no connection. */
      reason: 'timeout' | 'cancelled' | 'network';
      /** The system's word for a network failure (ECONNREFUSED, ...); may echo input: redact before showing. */
      detail: string;
    };

/** POST a form or JSON body; never throws for a network failure, it is an answer like any other. */
export async function postTokenEndpoint(
  url: string,
  payload: TokenRequestBody,
  opts: { fetchImpl?: typeof fetch; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<TokenEndpointAnswer> {
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? TOKEN_HTTP_TIMEOUT_MS);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const form = 'form' in payload;
  let res: Response;
  let text: string;
  try {
    res = await (opts.fetchImpl ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json', accept: 'application/json' },
      body: form ? new URLSearchParams(payload.form).toString() : JSON.stringify(payload.json),
      signal,
    });
    // Read inside the deadline: a body cut off mid-way is a network failure, not an answer.
    text = await res.text();
  } catch (err) {
    if (timeout.aborted) return { reached: false, reason: 'timeout', detail: '' };
    if (opts.signal?.aborted) return { reached: false, reason: 'cancelled', detail: '' };
    const e = err as { cause?: { code?: string; message?: string }; message?: string };
    return { reached: false, reason: 'network', detail: String(e?.cause?.code ?? e?.cause?.message ?? e?.message ?? err) };
  }
  return { reached: true, status: res.status, ok: res.ok, body: jsonObject(text) };
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export interface OAuthErrorBody {
  /** `invalid_grant`, `authorization_pending`, `refresh_token_reused`, ... */
  error?: string;
  description?: string;
}

/** `{error, error_description}` (RFC 6749), `{error: {code|type, message}}` (OpenAI) or `{code, message}`. */
export function parseOAuthError(body: Record<string, unknown> | undefined): OAuthErrorBody {
  if (!body) return {};
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const err = body.error;
  if (typeof err === 'string') return { error: err, description: str(body.error_description) };
  if (err && typeof err === 'object') {
    const e = err as Record<string, unknown>;
    return { error: str(e.code) ?? str(e.type), description: str(e.message) };
  }
  if (typeof body.code === 'string') return { error: body.code, description: str(body.message) };
  return {};
}

/** `invalid_grant: Bad code` or `HTTP 400`: what the server said, for a one-line message (redact it). */
export function oauthErrorText(err: OAuthErrorBody, status: number): string {
  return err.error ? `${err.error}${err.description ? `: ${err.description}` : ''}` : `HTTP ${status}`;
}
