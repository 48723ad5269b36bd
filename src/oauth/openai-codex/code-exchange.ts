// The authorization code -> tokens step, shared by the browser and device sign-ins:
// POST {base}/oauth/token (form-encoded, grant_type=authorization_code) with the PKCE verifier.
import { redact, registerSecret } from '../../util/redact.js';
import { oauthErrorText, parseOAuthError, postTokenEndpoint } from '../token-endpoint.js';
import { OPENAI_CODEX_CLIENT_ID, openAiTokenUrl } from './config.js';
import { TokenExchangeError, unreachable } from './errors.js';
import type { CodexTokenResponse } from './token-data.js';

export async function exchangeAuthorizationCode(args: {
  baseUrl: string;
  code: string;
  verifier: string;
  redirectUri: string;
  fetchImpl?: typeof fetch;
  signal?: AbortSignal;
}): Promise<CodexTokenResponse> {
  const url = openAiTokenUrl(args.baseUrl);
  registerSecret(args.code);
  registerSecret(args.verifier);
  const answer = await postTokenEndpoint(
    url,
    {
      form: {
        grant_type: 'authorization_code',
        client_id: OPENAI_CODEX_CLIENT_ID,
        code: args.code,
        code_verifier: args.verifier,
        redirect_uri: args.redirectUri,
      },
    },
    { fetchImpl: args.fetchImpl, signal: args.signal },
  );
  if (!answer.reached) throw unreachable('The token exchange', url, answer);
  const { status, body } = answer;
  if (!answer.ok) {
    const err = parseOAuthError(body);
    const advice =
      err.error === 'invalid_grant'
        ? 'the code was already used, expired or belongs to another attempt; run the login again'
        : 'run the login again, or try --device';
    throw new TokenExchangeError(redact(`The token exchange was refused (${oauthErrorText(err, status)}); ${advice}.`), status, err.error);
  }
  if (!body) throw new TokenExchangeError(`The token endpoint answered HTTP ${status} without JSON; run the login again.`, status);
  const access = body.access_token;
  const refresh = body.refresh_token;
  if (typeof access !== 'string' || !access) throw new TokenExchangeError('The token response has no access_token; run the login again.', status);
  if (typeof refresh !== 'string' || !refresh) throw new TokenExchangeError('The token response has no refresh_token; run the login again.', status);
  registerSecret(access);
  registerSecret(refresh);
  if (typeof body.id_token === 'string') registerSecret(body.id_token);
  const expiresIn = typeof body.expires_in === 'string' ? Number(body.expires_in) : body.expires_in;
  return { ...body, access_token: access, refresh_token: refresh, expires_in: typeof expiresIn === 'number' && Number.isFinite(expiresIn) ? expiresIn : undefined };
}
