// The wizard's zustand store driven without Ink: its effects run against a real temp store and
// fake sign-in/probe, so what it writes (and when it refuses to) is checked on disk.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWizardStore } from '../../src/state/wizard/index.js';
import { stepCounter } from '../../flows/onboard.js';
import { fakeDeps, fakeSignIn } from '../helpers/wizard-fakes.js';
import { makeTempState, pollUntil, writeStore, type TempState } from '../helpers/store-cli.js';

const KEY = 'sk-ant-api03-' + 'Gh5Jk6Lm'.repeat(5);
let t: TempState;
beforeEach(async () => {
  t = await makeTempState('cb-c-store-');
});
afterEach(async () => {
  await t.cleanup();
});

async function toSummary(store: ReturnType<typeof createWizardStore>) {
  await store.getState().init();
  store.getState().selectProvider('anthropic');
  store.getState().selectMethod('anthropic-api-key');
  store.getState().submitSecret(KEY);
  store.getState().submitName('default');
  await pollUntil(() => store.getState().step === 'summary', 5000, 'summary');
}

describe('wizard store', () => {
  it('"Step n of m" along a path: m stays put once the method is chosen, n goes up by one (issue 20 item 14)', async () => {
    await writeStore(t.storePath, { version: 1, profiles: { 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-' + 'P'.repeat(40) } } });
    const store = createWizardStore(fakeDeps(t));
    const seen: string[] = [];
    store.subscribe((s) => {
      const c = stepCounter(s.data, s.step);
      const line = `${s.step} ${c ? `${c.n}/${c.m}` : '-'}`;
      if (seen.at(-1) !== line) seen.push(line);
    });
    await store.getState().init();
    store.getState().selectProvider('anthropic');
    store.getState().selectMethod('anthropic-api-key');
    store.getState().submitSecret(KEY);
    // The suggestion keeps the existing key (default-2); the user types the existing name instead.
    expect(store.getState().draft).toBe('default-2');
    store.getState().submitName('default');
    expect(store.getState().step).toBe('overwrite');
    store.getState().confirmOverwrite('replace');
    await pollUntil(() => store.getState().step === 'summary', 5000, 'summary');
    expect(seen.filter((l) => !l.startsWith('provider'))).toEqual(['method 2/8', 'secret 3/8', 'name 4/8', 'overwrite 5/8', 'check 6/8', 'summary 7/8']);
  });

  it('a corrupt store stops the wizard with the reason and is left untouched', async () => {
    mkdirSync(path.dirname(t.storePath), { recursive: true });
    writeFileSync(t.storePath, '{"version":1,"profiles":');
    const store = createWizardStore(fakeDeps(t));
    await store.getState().init();
    expect(store.getState().fatal).toContain(t.storePath);
    expect(store.getState().fatal).toContain('doctor');
    expect(readFileSync(t.storePath, 'utf8')).toBe('{"version":1,"profiles":');
  });

  it('a token for another provider: asks its expiry, refuses a bad duration with one line, stores what was given', async () => {
    const NOW = 1_700_000_000_000;
    const TOKEN = 'gsk_' + 'Tq7Wx2Yz'.repeat(6);
    const store = createWizardStore(fakeDeps(t, { now: NOW }));
    await store.getState().init();
    store.getState().selectProvider('other');
    store.getState().submitOtherProvider('groq');
    store.getState().selectMethod('other-token');
    store.getState().submitSecret(TOKEN);
    expect(store.getState().step).toBe('expiry');
    store.getState().submitExpiry('next tuesday');
    expect(store.getState().step).toBe('expiry');
    expect(store.getState().error).toBe('Invalid expiry "next tuesday": use a number with a unit, like 30m, 24h, 7d or 365d.');
    store.getState().submitExpiry('30d');
    expect(store.getState().step).toBe('name');
    expect(store.getState().data.credential).toMatchObject({ type: 'token', provider: 'groq', expires: NOW + 30 * 86_400_000 });
    // Back to the question: the answer is still there; emptied, the token has no expiry.
    store.getState().back();
    expect(store.getState().step).toBe('expiry');
    expect(store.getState().draft).toBe('30d');
    store.getState().submitExpiry('');
    expect(store.getState().data.credential).not.toHaveProperty('expires');
    store.getState().back();
    store.getState().submitExpiry('12h');
    store.getState().submitName('manual');
    await pollUntil(() => store.getState().step === 'summary', 5000, 'summary');
    await store.getState().save();
    await pollUntil(() => store.getState().data.saved, 5000, 'saved');
    const saved = JSON.parse(readFileSync(t.storePath, 'utf8')).profiles['groq:manual'];
    expect(saved).toEqual({ type: 'token', provider: 'groq', token: TOKEN, expires: NOW + 12 * 3_600_000 });
  });

    it('Ctrl-C while saving lets the save finish and then stops, reporting what was saved', async () => {
    const store = createWizardStore(fakeDeps(t));
    await toSummary(store);
    void store.getState().save();
    store.getState().cancel();
    await pollUntil(() => store.getState().outcome, 5000, 'outcome');
    expect(store.getState().outcome).toBe('cancelled');
    expect(store.getState().data.saved?.profileId).toBe('anthropic:default');
    expect(JSON.parse(readFileSync(t.storePath, 'utf8')).profiles['anthropic:default'].key).toBe(KEY);
  });

  it('Ctrl-C before saving writes nothing at all', async () => {
    const store = createWizardStore(fakeDeps(t));
    await toSummary(store);
    store.getState().cancel();
    expect(store.getState().outcome).toBe('cancelled');
    expect(existsSync(t.storePath)).toBe(false);
    expect(existsSync(t.configPath)).toBe(false);
  });

  it('a sign-in that completes after the user went back is ignored and its session cancelled', async () => {
    const s = fakeSignIn();
    const store = createWizardStore(fakeDeps(t, { signIn: s }));
    await store.getState().init();
    store.getState().selectProvider('openai');
    store.getState().selectMethod('codex-oauth');
    await pollUntil(() => store.getState().signin, 5000, 'sign-in started');
    store.getState().back();
    expect(store.getState().step).toBe('method');
    expect(s.cancelled).toBe(true);
    s.complete({ credential: { type: 'oauth', provider: 'openai-codex', access: 'late', refresh: 'late', expires: 1 }, accountId: '', profileId: 'openai-codex:default' });
    await new Promise((r) => setImmediate(r));
    expect(store.getState().step).toBe('method');
    expect(store.getState().data.credential).toBeUndefined();
  });

  it('a failed save shows the reason and allows going back to the summary', async () => {
    const store = createWizardStore(fakeDeps(t));
    await toSummary(store);
    // Make the agent dir unwritable: a directory where the store file should be.
    mkdirSync(t.storePath, { recursive: true });
    void store.getState().save();
    await pollUntil(() => store.getState().error, 5000, 'save error');
    expect(store.getState().step).toBe('saving');
    store.getState().back();
    expect(store.getState().step).toBe('summary');
  });

  it('the model step warns only when no stored or environment credential covers the model\'s provider', async () => {
    const deps = fakeDeps(t);
    deps.env = { ...deps.env, GROQ_API_KEY: 'gsk_' + 'x'.repeat(30) };
    const store = createWizardStore(deps);
    await toSummary(store);
    await store.getState().save();
    await pollUntil(() => store.getState().step === 'model', 5000, 'model step');
    await store.getState().selectModel('__custom__');
    await store.getState().submitModel('groq/llama-3.3-70b');
    expect(store.getState().data).toMatchObject({ model: 'groq/llama-3.3-70b', modelProviderHasCredential: true });
    expect(JSON.parse(readFileSync(t.configPath, 'utf8')).agents.defaults.model.primary).toBe('groq/llama-3.3-70b');
  });
});

describe('wizard store: signing in again', () => {
  it('the same ChatGPT account updates its existing profile in place, whatever it is called', async () => {
    mkdirSync(path.dirname(t.storePath), { recursive: true });
    const old = { type: 'oauth', provider: 'openai-codex', access: 'old-access-token', refresh: 'old-refresh-token', expires: 1, accountId: 'acct-42' };
    writeFileSync(t.storePath, JSON.stringify({ version: 1, profiles: { 'openai-codex:work': old } }));
    const s = fakeSignIn();
    const store = createWizardStore(fakeDeps(t, { signIn: s }));
    await store.getState().init();
    store.getState().selectProvider('openai');
    store.getState().selectMethod('codex-oauth');
    await pollUntil(() => store.getState().signin, 5000, 'sign-in started');
    const fresh = { type: 'oauth' as const, provider: 'openai-codex', access: 'new-access-token', refresh: 'new-refresh-token', expires: 2, accountId: 'acct-42' };
    s.complete({ credential: fresh, accountId: 'acct-42', email: 'me@example.com', profileId: 'openai-codex:me@example.com' });
    await pollUntil(() => store.getState().step === 'name', 5000, 'name step');
    // Suggested name is the existing profile of that account, already confirmed as a replacement.
    expect(store.getState().data.profileName).toBe('work');
    expect(store.getState().data.replaceConfirmed).toBe(true);
  });

  it('a different account gets its own profile name', async () => {
    mkdirSync(path.dirname(t.storePath), { recursive: true });
    const other = { type: 'oauth', provider: 'openai-codex', access: 'a'.repeat(20), refresh: 'r'.repeat(20), expires: 1, accountId: 'acct-1' };
    writeFileSync(t.storePath, JSON.stringify({ version: 1, profiles: { 'openai-codex:work': other } }));
    const s = fakeSignIn();
    const store = createWizardStore(fakeDeps(t, { signIn: s }));
    await store.getState().init();
    store.getState().selectProvider('openai');
    store.getState().selectMethod('codex-oauth');
    await pollUntil(() => store.getState().signin, 5000, 'sign-in started');
    s.complete({ credential: { type: 'oauth', provider: 'openai-codex', access: 'x'.repeat(20), refresh: 'y'.repeat(20), expires: 2, accountId: 'acct-2' }, accountId: 'acct-2', email: 'two@example.com', profileId: 'openai-codex:two@example.com' });
    await pollUntil(() => store.getState().step === 'name', 5000, 'name step');
    expect(store.getState().data.profileName).toBe('two@example.com');
    expect(store.getState().data.replaceConfirmed).toBe(false);
  });
});

describe('wizard store: the current default model, read by the shipped resolver from a real clawdbot.json', () => {
  async function toModelStep(agentId: string) {
    const store = createWizardStore(fakeDeps(t, { agentId }));
    await toSummary(store);
    await store.getState().save();
    await pollUntil(() => store.getState().step === 'model', 5000, 'model step');
    return store;
  }

  it('with no model configured the agent runs Clawdbot\'s default, which keeping leaves unwritten', async () => {
    const store = await toModelStep('main');
    expect(store.getState().data.currentModel).toBe('anthropic/claude-opus-4-5');
    await store.getState().selectModel('__keep__');
    expect(store.getState().step).toBe('done');
    expect(store.getState().data.model).toBe('anthropic/claude-opus-4-5');
    expect(JSON.parse(readFileSync(t.configPath, 'utf8')).agents?.defaults?.model).toBeUndefined();
  });

  it('an agent\'s own model comes before the defaults\'', async () => {
    mkdirSync(path.dirname(t.configPath), { recursive: true });
    writeFileSync(t.configPath, JSON.stringify({ agents: { defaults: { model: { primary: 'openai/gpt-5.2' } }, list: [{ id: 'work', model: 'groq/llama-3' }] } }));
    expect((await toModelStep('work')).getState().data.currentModel).toBe('groq/llama-3');
    expect((await toModelStep('main')).getState().data.currentModel).toBe('openai/gpt-5.2');
  });
});
