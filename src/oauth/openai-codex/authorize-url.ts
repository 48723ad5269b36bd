// The first step of the browser sign-in: the URL the user opens, carrying the PKCE challenge and
// this attempt's state.
import { OPENAI_CODEX_CLIENT_ID, OPENAI_OAUTH_ORIGINATOR, OPENAI_OAUTH_SCOPE } from './config.js';

export function buildAuthorizeUrl(args: { baseUrl: string; redirectUri: string; challenge: string; state: string }): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: OPENAI_CODEX_CLIENT_ID,
    redirect_uri: args.redirectUri,
    scope: OPENAI_OAUTH_SCOPE,
    code_challenge: args.challenge,
    code_challenge_method: 'S256',
    state: args.state,
    id_token_add_organizations: 'true',
    codex_cli_simplified_flow: 'true',
    originator: OPENAI_OAUTH_ORIGINATOR,
  });
  return `${args.baseUrl}/oauth/authorize?${params.toString()}`;
}
