// OpenAI Codex (ChatGPT Plus/Pro) sign-in, one module per protocol step:
//   config.ts         client id, endpoints, ports and waits (the refresh grant uses the same)
//   authorize-url.ts  the URL the user opens (PKCE challenge + state; pkce.ts makes them)
//   server.ts         the loopback callback server racing a pasted redirect URL
//   device-code.ts    the device-code sign-in: user code, polling, approval
//   code-exchange.ts  authorization code -> tokens (both sign-ins)
//   token-data.ts     tokens -> the stored credential, its account id, email and profile id
//   errors.ts         how a sign-in ends without a credential
// The token endpoint's HTTP and error bodies are shared with the refresh grant (../token-endpoint.ts).
export * from './config.js';
export * from './errors.js';
export { buildAuthorizeUrl } from './authorize-url.js';
export { exchangeAuthorizationCode } from './code-exchange.js';
export { type CodexTokenResponse, type CodexSignInResult, signInResultFromTokens } from './token-data.js';
export { type CodexLoginSession, type CodexLoginOptions, startCodexLogin } from './server.js';
export { type CodexDeviceSession, parseDeviceInterval, startCodexDeviceLogin } from './device-code.js';
