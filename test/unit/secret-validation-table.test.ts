// Setup-token and API-key validation as one table: old formats, new-style prefixes, every kind of
// wrong paste and wrapped pastes. The rule: refuse only what is certainly wrong, accept any other
// plausible secret (with a note when its shape is new), and never echo the paste in a message.
import { describe, expect, it } from 'vitest';
import { checkSetupToken } from '../../src/oauth/anthropic.js';
import { checkApiKey } from '../../flows/api-key.js';
import { checkToken } from '../../flows/paste-token.js';
import { planNonInteractive } from '../../flows/non-interactive.js';

const body = (n: number, seed = 'Qm7xT2vK') => seed.repeat(Math.ceil(n / seed.length)).slice(0, n);
const OLD_SETUP = `sk-ant-oat01-${body(95)}`;
const NEW_SETUPS = [`sk-ant-oat02-${body(95)}`, `sk-ant-si-${body(90)}`, `bb${body(100)}`, `sk-ant-oat-${body(60, 'Z_9-aB3c')}`];
const ANTHROPIC_KEY = `sk-ant-api03-${body(95)}`;
const REFRESH = `sk-ant-ort01-${body(95)}`;
const JWT = `eyJhbGciOiJSUzI1NiJ9.${body(60)}.${body(43)}`;
const OPENAI_KEYS = [`sk-proj-${body(120)}`, `sk-${body(48)}`, `sk-svcacct-${body(100)}`];

/** How a terminal or clipboard wraps a paste: the token must come back whole. */
const wraps = (t: string) => [
  `${t.slice(0, 40)}\n${t.slice(40)}`,
  `${t.slice(0, 50)}\r\n${t.slice(50)}\n`,
  `\x1b[200~${t}\x1b[201~`,
  `  export TOKEN="${t}";\n`,
  `${t.slice(0, 30)}\u200b${t.slice(30)}`,
];

type Row = [label: string, input: string, expect: { ok: true; note?: RegExp } | { ok: false; error: RegExp }];

const setupRows: Row[] = [
  ['old sk-ant-oat01- token', OLD_SETUP, { ok: true }],
  ...NEW_SETUPS.map((t): Row => [`new-style ${t.slice(0, 12)}…`, t, { ok: true, note: /does not start with sk-ant-oat01-/ }]),
  ['empty', '', { ok: false, error: /^Required: paste the setup-token/ }],
  ['only whitespace and paste markers', ' \n\x1b[200~\x1b[201~ ', { ok: false, error: /^Required/ }],
  ['space inside', `${OLD_SETUP.slice(0, 50)} ${OLD_SETUP.slice(50)}`, { ok: false, error: /contains spaces/ }],
  ['tab inside', `${OLD_SETUP.slice(0, 50)}\t${OLD_SETUP.slice(50)}`, { ok: false, error: /contains spaces/ }],
  ['code#state pair', `${body(40)}#${body(43)}`, { ok: false, error: /"code#state" pair/ }],
  ['Anthropic API key', ANTHROPIC_KEY, { ok: false, error: /That is an Anthropic API key, not a setup-token/ }],
  ['refresh token', REFRESH, { ok: false, error: /refresh token, not a setup-token/ }],
  ['JWT', JWT, { ok: false, error: /JWT/ }],
  ['old format cut off', OLD_SETUP.slice(0, 60), { ok: false, error: /too short \(60 characters\)/ }],
  ['new format cut off', NEW_SETUPS[2]!.slice(0, 20), { ok: false, error: /too short \(20 characters\)/ }],
  ['control character inside', `${OLD_SETUP.slice(0, 50)}\x07${OLD_SETUP.slice(50)}`, { ok: false, error: /control characters/ }],
];

describe('setup-token validation table', () => {
  it.each(setupRows)('%s', (_label, input, want) => {
    const r = checkSetupToken(input);
    if (want.ok) {
      expect(r).toMatchObject({ ok: true, token: input });
      const note = r.ok ? r.note : undefined;
      if (want.note) expect(note).toMatch(want.note);
      else expect(note).toBeUndefined();
    } else {
      expect(r.ok).toBe(false);
      const error = r.ok ? '' : r.error;
      expect(error).toMatch(want.error);
      expect(error).not.toContain('\n');
      // A refusal never repeats the paste (not even 12 characters of it beyond a public prefix).
      const core = input.replace(/^(sk-ant-[a-z]+\d*-|sk-|eyJ)/, '').trim();
      if (core.length >= 12) expect(error).not.toContain(core.slice(0, 12));
    }
  });

  it.each([OLD_SETUP, ...NEW_SETUPS])('wrapped pastes of %s are joined back into the token', (t) => {
    for (const w of wraps(t)) expect(checkSetupToken(w)).toMatchObject({ ok: true, token: t });
  });

  it('onboard --non-interactive saves a new-style setup-token for a year, with the note', () => {
    const now = 1_700_000_000_000;
    const plan = planNonInteractive({ authChoice: 'setup-token', token: `${NEW_SETUPS[2]}\n` }, {}, now);
    expect(plan).toMatchObject({ kind: 'credential', credential: { type: 'token', token: NEW_SETUPS[2], expires: now + 365 * 86_400_000 }, warning: expect.stringMatching(/sk-ant-oat01-/) });
    expect(() => planNonInteractive({ authChoice: 'setup-token', token: ANTHROPIC_KEY }, {}, now)).toThrow(/^--token: That is an Anthropic API key/);
  });
});

const keyRows: Array<[provider: string, ...Row]> = [
  ['anthropic', 'sk-ant-api03- key', ANTHROPIC_KEY, { ok: true }],
  ['anthropic', 'a key of a new shape', `sk-ant-api04-${body(90)}`, { ok: true, note: /usually start with sk-ant-api03-/ }],
  ['anthropic', 'setup-token (old)', OLD_SETUP, { ok: false, error: /setup-token, not an API key/ }],
  ['anthropic', 'refresh token', REFRESH, { ok: false, error: /refresh token, not an API key/ }],
  ['anthropic', 'JWT', JWT, { ok: false, error: /JWT/ }],
  ['anthropic', 'cut off', 'sk-ant-api03-abc', { ok: false, error: /too short \(16 characters\)/ }],
  ['anthropic', 'code#state', `${body(30)}#${body(30)}`, { ok: false, error: /code#state/ }],
  ['anthropic', 'empty', '', { ok: false, error: /^Required/ }],
  ...OPENAI_KEYS.map((k): [string, ...Row] => ['openai', `OpenAI ${k.slice(0, 8)}… key`, k, { ok: true }]),
  ['openai', 'a key without sk-', `org-${body(40)}`, { ok: true, note: /usually start with sk-/ }],
  ['openai', 'Anthropic key given to OpenAI', ANTHROPIC_KEY, { ok: false, error: /Anthropic credential, not a openai key/ }],
  ['openai', 'ChatGPT JWT', JWT, { ok: false, error: /JWT .*openai-codex/ }],
  ['openai', 'space inside', `sk-${body(20)} ${body(20)}`, { ok: false, error: /spaces/ }],
  ['openai', 'cut off', 'sk-abc', { ok: false, error: /too short/ }],
  ['openrouter', 'OpenRouter key', `sk-or-v1-${body(64)}`, { ok: true }],
  ['groq', 'Groq key', `gsk_${body(52)}`, { ok: true }],
  ['xai', 'a JWT-shaped key (some providers issue them)', JWT, { ok: true }],
  ['mistral', 'plain 32-character key', body(32), { ok: true }],
  ['mistral', 'code#state', `${body(20)}#${body(20)}`, { ok: false, error: /code#state/ }],
  ['groq', 'Anthropic key for another provider', ANTHROPIC_KEY, { ok: false, error: /Anthropic credential/ }],
];

describe('API-key validation table', () => {
  it.each(keyRows)('%s: %s', (provider, _label, input, want) => {
    const r = checkApiKey(provider, input);
    if (want.ok) {
      expect(r).toMatchObject({ ok: true, value: input });
      const note = r.ok ? r.warning : undefined;
      if (want.note) expect(note).toMatch(want.note);
      else expect(note).toBeUndefined();
    } else {
      expect(r).toMatchObject({ ok: false, error: expect.stringMatching(want.error) });
    }
  });

  it.each([ANTHROPIC_KEY, ...OPENAI_KEYS])('wrapped pastes of %s are joined', (k) => {
    const provider = k.startsWith('sk-ant-') ? 'anthropic' : 'openai';
    for (const w of wraps(k)) expect(checkApiKey(provider, w)).toMatchObject({ ok: true, value: k });
  });
});

describe('tokens for other providers', () => {
  it('accept any plausible bearer token, refuse spaces, code#state and empty', () => {
    expect(checkToken('together', JWT)).toEqual({ ok: true, value: JWT });
    expect(checkToken('together', `  ${body(24)}\n`)).toEqual({ ok: true, value: body(24) });
    expect(checkToken('together', '')).toMatchObject({ ok: false, error: expect.stringMatching(/^Required/) });
    expect(checkToken('together', `${body(10)} ${body(10)}`)).toMatchObject({ ok: false, error: expect.stringMatching(/spaces/) });
    expect(checkToken('together', `${body(10)}#${body(10)}`)).toMatchObject({ ok: false, error: expect.stringMatching(/code#state/) });
    expect(checkToken('anthropic', NEW_SETUPS[0]!)).toMatchObject({ ok: true, warning: expect.stringMatching(/sk-ant-oat01-/) });
  });
});
