import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkSetupToken,
  checkAnthropicApiKey,
  adviceForAnthropicError,
  CLAUDE_CODE_ONLY_ERROR,
} from '../../src/oauth/anthropic.js';
import { probeCredential } from '../../src/auth/probe.js';
import { startFakeProviderApi, type FakeProviderApi } from '../helpers/fake-provider-api.js';
import { freePort, makeJwt } from '../helpers/fake-openai-auth.js';

const SETUP = `sk-ant-oat01-${'Zx9'.repeat(30)}`;
const KEY = `sk-ant-api03-${'k'.repeat(60)}`;

describe('checkSetupToken', () => {
  it('accepts a full setup-token, cleaning what a paste adds', () => {
    expect(checkSetupToken(`\x1b[200~export TOKEN="${SETUP}";\n\x1b[201~`)).toEqual({ ok: true, token: SETUP });
  });
  it('says what is wrong for each bad input', () => {
    const err = (raw: string) => {
      const r = checkSetupToken(raw);
      return r.ok ? '' : r.error;
    };
    expect(err('')).toMatch(/^Required/);
    expect(err('sk-ant-oat01-short')).toMatch(/too short \(18 characters\)/);
    expect(err(KEY)).toMatch(/That is an Anthropic API key, not a setup-token/);
    expect(err(`sk-ant-ort01-${'r'.repeat(80)}`)).toMatch(/refresh token/);
    expect(err(`${SETUP} trailing`)).toMatch(/spaces/);
    expect(err(`${SETUP}#state`)).toMatch(/code#state/);
    // messages never echo the secret
    expect(err(KEY)).not.toContain(KEY);
  });
  it('the minimum is 80 characters', () => {
    const at = (n: number) => `sk-ant-oat01-${'a'.repeat(n - 13)}`;
    expect(checkSetupToken(at(79)).ok).toBe(false);
    expect(checkSetupToken(at(80)).ok).toBe(true);
  });
});

describe('checkAnthropicApiKey', () => {
  it('accepts sk-ant-api03- keys, warns on other prefixes, refuses tokens', () => {
    expect(checkAnthropicApiKey(` ${KEY} `)).toEqual({ ok: true, key: KEY });
    const other = checkAnthropicApiKey('sk-live-0123456789abcdefghij');
    expect(other).toMatchObject({ ok: true, warning: expect.stringMatching(/usually start with sk-ant-api03-/) });
    expect(checkAnthropicApiKey(SETUP)).toMatchObject({ ok: false, error: expect.stringMatching(/setup-token, not an API key/) });
    expect(checkAnthropicApiKey('abc')).toMatchObject({ ok: false, error: expect.stringMatching(/too short/) });
  });
});

describe('adviceForAnthropicError', () => {
  it('gives the seed advice for the Claude-Code-only error', () => {
    expect(adviceForAnthropicError(`400 invalid_request_error: ${CLAUDE_CODE_ONLY_ERROR}`)).toMatch(/use an Anthropic API key instead/);
    expect(adviceForAnthropicError('something else')).toBeUndefined();
  });
});

describe('probeCredential against a loopback provider API', () => {
  let api: FakeProviderApi;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    api = await startFakeProviderApi();
    env = { ANTHROPIC_BASE_URL: api.url, OPENAI_BASE_URL: `${api.url}/v1` };
  });
  afterEach(() => api.close());

  it('ok for a working key; sends x-api-key for keys and Bearer + oauth beta for setup-tokens', async () => {
    api.replies.set(KEY, { status: 200 });
    api.replies.set(SETUP, { status: 200 });
    expect(await probeCredential({ provider: 'anthropic', type: 'api_key', secret: KEY, env })).toMatchObject({ status: 'ok' });
    expect(await probeCredential({ provider: 'anthropic', type: 'token', secret: SETUP, env })).toMatchObject({ status: 'ok' });
    const [a, b] = api.requests;
    expect(a!.path).toBe('/v1/models');
    expect(a!.headers['x-api-key']).toBe(KEY);
    expect(a!.headers.authorization).toBeUndefined();
    expect(b!.headers.authorization).toBe(`Bearer ${SETUP}`);
    expect(b!.headers['anthropic-beta']).toContain('oauth-2025-04-20');
    expect(b!.headers['x-api-key']).toBeUndefined();
  });

  it('maps 401, 429, billing and the Claude-Code-only refusal, never echoing the secret', async () => {
    const bad = `sk-ant-api03-${'b'.repeat(60)}`;
    let r = await probeCredential({ provider: 'anthropic', type: 'api_key', secret: bad, env });
    expect(r.status).toBe('auth');
    expect(r.error).not.toContain(bad);
    api.replies.set(KEY, { status: 429, body: { error: { type: 'rate_limit_error', message: 'Too many requests' } } });
    expect((await probeCredential({ provider: 'anthropic', type: 'api_key', secret: KEY, env })).status).toBe('rate_limit');
    api.replies.set(KEY, { status: 400, body: { error: { type: 'invalid_request_error', message: 'Your credit balance is too low' } } });
    expect((await probeCredential({ provider: 'anthropic', type: 'api_key', secret: KEY, env })).status).toBe('billing');
    api.replies.set(SETUP, { status: 400, body: { error: { type: 'invalid_request_error', message: CLAUDE_CODE_ONLY_ERROR } } });
    r = await probeCredential({ provider: 'anthropic', type: 'token', secret: SETUP, env });
    expect(r).toMatchObject({ status: 'auth', error: expect.stringMatching(/use an Anthropic API key instead/) });
    const openaiKey = `sk-proj-${'o'.repeat(40)}`;
    api.replies.set(openaiKey, { status: 429, body: { error: { code: 'insufficient_quota', message: 'You exceeded your current quota' } } });
    expect((await probeCredential({ provider: 'openai', type: 'api_key', secret: openaiKey, env })).status).toBe('billing');
  });

  it('openai-codex probes with Bearer and the account id header', async () => {
    const access = makeJwt({ 'https://api.openai.com/auth': { chatgpt_account_id: 'acct_9' } });
    api.replies.set(access, { status: 200 });
    expect((await probeCredential({ provider: 'openai-codex', type: 'oauth', secret: access, env })).status).toBe('ok');
    expect(api.requests[0]!.path).toBe('/v1/models');
    expect(api.requests[0]!.headers['chatgpt-account-id']).toBe('acct_9');
  });

  it('times out on a server that never answers, and reports an unreachable one as network', async () => {
    api.replies.set(KEY, { status: 200, hang: true });
    const r = await probeCredential({ provider: 'anthropic', type: 'api_key', secret: KEY, env, timeoutMs: 200 });
    expect(r.status).toBe('timeout');
    const dead = await freePort();
    const n = await probeCredential({ provider: 'anthropic', type: 'api_key', secret: KEY, env: { ANTHROPIC_BASE_URL: `http://127.0.0.1:${dead}` } });
    expect(n.status).toBe('network');
    expect(n.error).toMatch(/ECONNREFUSED/);
  });

  it('format problems and unknown providers do not make a request; a cancelled probe says so', async () => {
    expect((await probeCredential({ provider: 'anthropic', type: 'api_key', secret: ' ', env })).status).toBe('format');
    expect((await probeCredential({ provider: 'mystery', type: 'api_key', secret: KEY, env })).status).toBe('unknown');
    expect(api.requests).toHaveLength(0);
    api.replies.set(KEY, { status: 200, hang: true });
    const ac = new AbortController();
    const p = probeCredential({ provider: 'anthropic', type: 'api_key', secret: KEY, env, signal: ac.signal });
    ac.abort();
    expect(await p).toMatchObject({ status: 'unknown', error: expect.stringMatching(/cancelled/) });
  });
});

