// What a successful exchange yields: the token response as the server sent it, and the stored
// credential with the labels it is saved under (account id and email from the JWT claims).
import { type OAuthCredential, isValidProfileId, slugifyProfileName } from '../../store/index.js';
import { jwtExpiryMs, openAiAccountId, openAiEmail } from '../jwt.js';
import { OPENAI_CODEX_PROVIDER } from './config.js';
import { TokenExchangeError } from './errors.js';

export interface CodexTokenResponse {
  access_token: string;
  refresh_token: string;
  id_token?: string;
  expires_in?: number;
  [extra: string]: unknown;
}

export interface CodexSignInResult {
  credential: OAuthCredential;
  email?: string;
  /** ChatGPT account id from the token's `https://api.openai.com/auth` claim; '' when the token has none. */
  accountId: string;
  profileId: string;
}

/** Turn a token response into the stored credential and its labels. */
export function signInResultFromTokens(tokens: CodexTokenResponse, now = Date.now()): CodexSignInResult {
  const expires =
    tokens.expires_in !== undefined && tokens.expires_in > 0 ? now + tokens.expires_in * 1000 : jwtExpiryMs(tokens.access_token);
  if (expires === undefined) {
    throw new TokenExchangeError('The token response says nothing about when the access token expires (no expires_in); run the login again.');
  }
  const accountId = openAiAccountId(tokens.access_token) ?? openAiAccountId(tokens.id_token) ?? '';
  const email = openAiEmail(tokens.id_token) ?? openAiEmail(tokens.access_token);
  const credential: OAuthCredential = {
    type: 'oauth',
    provider: OPENAI_CODEX_PROVIDER,
    access: tokens.access_token,
    refresh: tokens.refresh_token,
    expires,
  };
  if (accountId) credential.accountId = accountId;
  if (email) credential.email = email;
  const profileId = `${OPENAI_CODEX_PROVIDER}:${email ? slugifyProfileName(email) : 'default'}`;
  return { credential, email, accountId, profileId: isValidProfileId(profileId) ? profileId : `${OPENAI_CODEX_PROVIDER}:default` };
}
