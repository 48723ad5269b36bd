// The onboarding machine without any UI: step order, "step n of m", names, overwrite rules, what is
// written, the model step's choices, and the non-interactive flag rules.
import { describe, expect, it } from 'vitest';
import {
  applyCopies,
  checkModelId,
  checkOtherProvider,
  checkProfileName,
  initialData,
  nextStep,
  plannedSteps,
  siblingProfiles,
  stepCounter,
  suggestProfileName,
  type OnboardData,
} from '../../flows/onboard.js';
import { AUTH_CHOICES, planNonInteractive } from '../../flows/non-interactive.js';
import { checkApiKey } from '../../flows/api-key.js';
import { checkToken } from '../../flows/paste-token.js';
import { describeProbe, summaryLines } from '../../components/wizard/copy/summary.js';
import { modelChoices } from '../../components/wizard/copy/choices.js';
import { describeReuse } from '../../components/wizard/copy/reuse.js';
import { signInView } from '../../components/wizard/copy/signin.js';
import { emptyAuthStore } from '../../src/store/index.js';
import { runCli } from '../helpers/store-cli.js';

const KEY = 'sk-ant-api03-' + 'A1b2C3d4'.repeat(5);
const SETUP = 'sk-ant-oat01-' + 'Z9y8X7w6'.repeat(10);
const NOW = 1_700_000_000_000;

function data(patch: Partial<OnboardData> = {}): OnboardData {
  return { ...initialData('main'), ...patch };
}

describe('step order', () => {
  it('walks provider -> method -> secret -> name -> check -> summary -> model for a first API key', () => {
    const d = data({ provider: 'anthropic', method: 'anthropic-api-key', profileName: 'default' });
    expect(plannedSteps(d)).toEqual(['provider', 'method', 'secret', 'name', 'check', 'summary', 'model']);
    expect(nextStep('provider', d)).toBe('method');
    expect(nextStep('method', d)).toBe('secret');
    expect(nextStep('secret', d)).toBe('name');
    expect(nextStep('name', d)).toBe('check');
    expect(nextStep('check', d)).toBe('summary');
    expect(nextStep('summary', d)).toBe('saving');
    expect(nextStep('saving', d)).toBe('model');
    expect(stepCounter(d, 'secret')).toEqual({ n: 3, m: 7 });
    expect(stepCounter(d, 'saving')).toEqual({ n: 6, m: 7 });
  });

  it('`models auth add --provider` skips the provider steps in the count', () => {
    const d = data({ provider: 'other', otherProvider: 'groq', method: 'other-api-key', providerPreset: 'provider-and-id' });
    expect(plannedSteps(d)).toEqual(['method', 'secret', 'name', 'check', 'summary', 'model']);
    expect(stepCounter(d, 'method')).toEqual({ n: 1, m: 6 });
  });

  it('a token for another provider asks when it expires, between the secret and the name', () => {
    const d = data({ provider: 'other', otherProvider: 'groq', method: 'other-token' });
    expect(plannedSteps(d)).toEqual(['provider', 'other-provider', 'method', 'secret', 'expiry', 'name', 'check', 'summary', 'model']);
    expect(nextStep('secret', d)).toBe('expiry');
    expect(nextStep('expiry', d)).toBe('name');
    // An API key never expires; a setup-token's lifetime is known: neither asks.
    expect(nextStep('secret', data({ provider: 'other', otherProvider: 'groq', method: 'other-api-key' }))).toBe('name');
    expect(plannedSteps(data({ provider: 'anthropic', method: 'setup-token' }))).not.toContain('expiry');
  });

    it('routes each method kind to its own entry step', () => {
    expect(nextStep('method', data({ provider: 'openai', method: 'codex-oauth' }))).toBe('signin');
    expect(nextStep('method', data({ provider: 'openai', method: 'codex-device' }))).toBe('device');
    expect(nextStep('method', data({ provider: 'anthropic', method: 'claude-cli' }))).toBe('reuse');
    expect(nextStep('provider', data({ provider: 'other' }))).toBe('other-provider');
  });

  it('asks to confirm replacing an existing profile, and asks for a position only when others exist', () => {
    const existing = { 'anthropic:default': { provider: 'anthropic', type: 'api_key', masked: 'x' }, 'anthropic:work': { provider: 'anthropic', type: 'token', masked: 'y' } };
    const d = data({ provider: 'anthropic', method: 'anthropic-api-key', profileName: 'default', existing });
    expect(nextStep('name', d)).toBe('overwrite');
    expect(nextStep('name', { ...d, replaceConfirmed: true })).toBe('position');
    expect(siblingProfiles(d)).toEqual(['anthropic:work']);
    expect(plannedSteps(d)).toContain('position');
    // The overwrite question is a step of its own, before the position.
    expect(plannedSteps(d)).toEqual(['provider', 'method', 'secret', 'name', 'overwrite', 'position', 'check', 'summary', 'model']);
    expect(stepCounter(d, 'overwrite')).toEqual({ n: 5, m: 9 });
  });

  it('skip ends at once, or saves the copies chosen for a new agent', () => {
    expect(nextStep('provider', data({ provider: 'skip' }))).toBe('done');
    expect(nextStep('provider', data({ provider: 'skip', copy: ['anthropic:default'] }))).toBe('summary');
    expect(nextStep('saving', data({ provider: 'skip' }))).toBe('done');
  });
});

describe('names', () => {
  it('suggests the default and makes it unique, except for fixed reuse ids', () => {
    const existing = { 'anthropic:default': { provider: 'anthropic', type: 'api_key', masked: 'x' } };
    expect(suggestProfileName(data({ provider: 'anthropic', method: 'anthropic-api-key' }))).toBe('default');
    expect(suggestProfileName(data({ provider: 'anthropic', method: 'anthropic-api-key', existing }))).toBe('default-2');
    expect(suggestProfileName(data({ provider: 'anthropic', method: 'setup-token', existing }))).toBe('manual');
    const cli = { 'anthropic:claude-cli': { provider: 'anthropic', type: 'oauth', masked: 'x' } };
    expect(suggestProfileName(data({ provider: 'anthropic', method: 'claude-cli', existing: cli }))).toBe('claude-cli');
  });

  it('rejects names that cannot form a profile id, with what to do', () => {
    const d = data({ provider: 'anthropic', method: 'anthropic-api-key' });
    expect(checkProfileName(d, 'work')).toEqual({ ok: true, name: 'work' });
    expect(checkProfileName(d, '')).toMatchObject({ ok: false, error: expect.stringContaining('Required') });
    expect(checkProfileName(d, 'anthropic:work')).toMatchObject({ ok: false, error: expect.stringContaining('only the name') });
    expect(checkProfileName(d, 'my key')).toMatchObject({ ok: false });
    expect(checkOtherProvider('OpenRouter')).toEqual({ ok: true, provider: 'openrouter' });
    expect(checkOtherProvider('open router')).toMatchObject({ ok: false });
    expect(checkOtherProvider('anthropic')).toMatchObject({ ok: false, error: expect.stringContaining('Anthropic') });
  });
});

describe('secrets', () => {
  it('cleans pasted keys and explains bad ones', () => {
    expect(checkApiKey('anthropic', `\x1b[200~${KEY}\r\n\x1b[201~`)).toEqual({ ok: true, value: KEY });
    expect(checkApiKey('anthropic', SETUP)).toMatchObject({ ok: false, error: expect.stringContaining('setup-token') });
    expect(checkApiKey('openai', 'short')).toMatchObject({ ok: false, error: expect.stringContaining('too short') });
    expect(checkApiKey('openai', 'abcdefghijklmnopqrstu')).toMatchObject({ ok: true, warning: expect.stringContaining('sk-') });
    expect(checkToken('anthropic', 'sk-ant-oat01-short')).toMatchObject({ ok: false, error: expect.stringContaining('too short') });
    expect(checkToken('groq', 'tok en value')).toMatchObject({ ok: false, error: expect.stringContaining('spaces') });
  });
});

describe('save plan', () => {
  it('copies chosen profiles from main without replacing what the agent has', () => {
    const doc = emptyAuthStore();
    doc.profiles['anthropic:work'] = { type: 'token', provider: 'anthropic', token: 'old' };
    applyCopies(doc, [
      { id: 'openai:default', credential: { type: 'api_key', provider: 'openai', key: 'sk-copy' } },
      { id: 'anthropic:work', credential: { type: 'token', provider: 'anthropic', token: 'main-copy' } },
    ]);
    expect(doc.profiles['openai:default']).toMatchObject({ key: 'sk-copy' });
    expect(doc.profiles['anthropic:work']).toMatchObject({ token: 'old' });
  });

  it('the summary shows the credential masked only', () => {
    const d = data({ provider: 'anthropic', method: 'anthropic-api-key', profileName: 'default', credential: { type: 'api_key', provider: 'anthropic', key: KEY }, probe: { status: 'ok', latencyMs: 12 } });
    const text = summaryLines(d, NOW).map((l) => l.join(' ')).join('\n');
    expect(text).toContain('anthropic:default');
    expect(text).toContain('sk-ant-api03-…');
    expect(text).not.toContain(KEY.slice(13, 25));
  });
});

describe('live check words', () => {
  it('says why a check failed and that saving still works offline', () => {
    expect(describeProbe({ status: 'ok', latencyMs: 40 })).toEqual({ ok: true, line: 'ok: the provider accepted it (40 ms)' });
    expect(describeProbe({ status: 'auth', latencyMs: 1, error: 'invalid x-api-key' }).line).toContain('not valid');
    expect(describeProbe({ status: 'network', latencyMs: 1 }).line).toBe('could not reach the provider; saving still works');
    // The probe's own words name the endpoint and the reason once, not inside "could not reach the provider (…)".
    expect(describeProbe({ status: 'network', latencyMs: 1, error: 'Could not reach https://api.anthropic.com (ENOTFOUND).' }).line).toBe(
      'could not reach https://api.anthropic.com (ENOTFOUND); saving still works',
    );
    expect(describeProbe({ status: 'timeout', latencyMs: 1 }).ok).toBe(false);
  });
});

describe('reuse and sign-in words', () => {
  it('says what was found and when it expires, or why it cannot be used', () => {
    const cred = { type: 'oauth' as const, provider: 'anthropic', access: 'a', refresh: 'r', expires: NOW + 5 * 3600_000 };
    // The method list's hint follows "Reuse Claude Code login", so it does not say it again.
    expect(describeReuse('Claude Code', { found: true, credential: cred, path: '~/.claude/.credentials.json', expiresAt: cred.expires }, NOW)).toEqual({
      available: true,
      line: 'Claude Code login found, expires in 5h 00m',
      hint: 'found, expires in 5h 00m',
    });
    expect(describeReuse('Claude Code', { found: false, reason: 'no ~/.claude/.credentials.json' }, NOW)).toEqual({
      available: false,
      line: 'No usable Claude Code login: no ~/.claude/.credentials.json',
      hint: 'not available: no ~/.claude/.credentials.json',
    });
    const tok = { type: 'token' as const, provider: 'anthropic', token: 't', expires: NOW - 60_000 };
    expect(describeReuse('Claude Code', { found: true, credential: tok, path: 'p' }, NOW).available).toBe(false);
  });

  it('over SSH shows the tunnel hint alone on its line and the device-code way out', () => {
    const v = signInView({ remote: true, browserOpened: false, callbackPort: 1455, tunnelHint: 'ssh -L 1455:127.0.0.1:1455 gw', deadline: NOW + 300_000, now: NOW });
    expect(v.tunnel).toBe('ssh -L 1455:127.0.0.1:1455 gw');
    expect(v.deviceNote).toContain('Device code');
    expect(v.timeLeft).toBe('5m 00s left');
    const local = signInView({ remote: false, browserOpened: true, callbackPort: 1455, tunnelHint: '', deadline: NOW, now: NOW });
    expect(local.tunnel).toBeUndefined();
    expect(local.deviceNote).toBeUndefined();
  });

  it('with the callback port taken, no tunnel is suggested: the paste box is the way', () => {
    const v = signInView({ remote: true, browserOpened: false, callbackPort: null, callbackProblem: 'port 1455 is in use; paste the redirect URL instead', tunnelHint: 'ssh -L 1455:127.0.0.1:1455 gw', deadline: NOW, now: NOW });
    expect(v.tunnel).toBeUndefined();
    expect(v.pasteLead.join(' ')).toBe('No automatic callback here (port 1455 is in use). Sign in, then paste the redirect URL here (the address your browser ends on):');
  });

  it('every line but the URL fits 80 columns', () => {
    const v = signInView({ remote: true, browserOpened: false, callbackPort: 1455, tunnelHint: 'ssh -L 1455:127.0.0.1:1455 gateway-host', deadline: NOW + 300_000, now: NOW });
    for (const l of [v.intro, v.tunnelLead ?? '', `  ${v.tunnel}`, ...v.pasteLead, v.deviceNote ?? '']) expect(l.length).toBeLessThanOrEqual(80);
  });
});

describe('model step', () => {
  it('offers the provider\'s models, keeping the current one first, plus "enter model id"', () => {
    const items = modelChoices(data({ provider: 'anthropic', method: 'anthropic-api-key', currentModel: 'anthropic/claude-opus-4-5' }));
    expect(items[0]).toEqual({ value: '__keep__', label: 'Keep anthropic/claude-opus-4-5' });
    expect(items.map((i) => i.value)).toContain('anthropic/claude-sonnet-4-5');
    expect(items.at(-1)!.label).toContain('Enter a model id');
    expect(modelChoices(data({ provider: 'other', otherProvider: 'groq', method: 'other-api-key' })).map((i) => i.value)).toEqual(['__custom__']);
    expect(checkModelId('groq/llama-3')).toEqual({ ok: true, model: 'groq/llama-3' });
    expect(checkModelId('llama')).toMatchObject({ ok: false, error: expect.stringContaining('provider/model') });
  });
});

describe('non-interactive flags', () => {
  const env = {};
  it('rejects an unknown --auth-choice listing every valid one', () => {
    expect(() => planNonInteractive({ authChoice: 'nope' }, env, NOW)).toThrow(`use one of ${AUTH_CHOICES.join(', ')}`);
  });
  it('infers the choice from a key flag, and takes keys from the environment', () => {
    expect(planNonInteractive({ anthropicApiKey: KEY }, env, NOW)).toMatchObject({ kind: 'credential', choice: 'anthropic-api-key', profileId: 'anthropic:default' });
    expect(planNonInteractive({ authChoice: 'openai-api-key' }, { OPENAI_API_KEY: 'sk-proj-' + 'k'.repeat(30) }, NOW)).toMatchObject({ profileId: 'openai:default' });
    expect(() => planNonInteractive({ authChoice: 'openai-api-key' }, env, NOW)).toThrow('Missing --openai-api-key (or OPENAI_API_KEY');
  });
  it('builds a token profile with expiry, and validates ids', () => {
    const p = planNonInteractive({ token: 'tok-1234567890', tokenProvider: 'openrouter', tokenProfileId: 'openrouter:ci', tokenExpiresIn: '30d' }, env, NOW);
    expect(p).toMatchObject({ kind: 'credential', profileId: 'openrouter:ci', credential: { type: 'token', provider: 'openrouter', token: 'tok-1234567890', expires: NOW + 30 * 86_400_000 } });
    expect(() => planNonInteractive({ token: 'tok-1234567890', tokenProvider: 'openrouter', tokenProfileId: 'anthropic:x' }, env, NOW)).toThrow('must start with "openrouter:"');
    expect(() => planNonInteractive({ authChoice: 'token' }, env, NOW)).toThrow('Missing --token');
  });
  it('says OAuth needs a person, and maps reuse choices to their fixed ids', () => {
    expect(() => planNonInteractive({ authChoice: 'openai-codex' }, env, NOW)).toThrow('needs a person to sign in');
    expect(planNonInteractive({ authChoice: 'claude-cli' }, env, NOW)).toEqual({ kind: 'reuse', choice: 'claude-cli', profileId: 'anthropic:claude-cli' });
    expect(planNonInteractive({ authChoice: 'skip' }, env, NOW)).toEqual({ kind: 'skip', choice: 'skip' });
    expect(() => planNonInteractive({}, env, NOW)).toThrow('Nothing to set up');
  });
});

describe('onboard --help', () => {
  it('lists every --auth-choice the wizard accepts', async () => {
    const r = await runCli(['onboard', '--help']);
    const help = r.stdout.replace(/\s+/g, ' ');
    for (const c of AUTH_CHOICES.filter((x) => x !== 'apiKey')) expect(help, c).toMatch(new RegExp(`[ :,]${c}[ ,]`));
  });
});
