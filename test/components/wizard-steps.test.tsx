// The onboarding wizard rendered with ink-testing-library against a real store in a temp dir and
// fake network/oauth/CLI readers: every step, back navigation, overwrite confirmation, inline
// validation errors, masked rendering, Ctrl-C with nothing written.
import { KEYS, type InkUi, renderInk, waitForFrame } from '../helpers/ink-ui.js'; // first: CI must be gone before Ink loads
import React from 'react';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Wizard } from '../../components/wizard/Wizard.js';
import { createWizardStore, type WizardStore } from '../../src/state/wizard/index.js';
import { fakeDeps, fakeDevice, fakeSignIn, type FakeDepsOptions } from '../helpers/wizard-fakes.js';
import { makeTempState, writeStore, type TempState } from '../helpers/store-cli.js';

const KEY = 'sk-ant-api03-' + 'Qx7Lm2Pz'.repeat(5);
const SETUP = 'sk-ant-oat01-' + 'Hb4Nc8Rt'.repeat(10);

let t: TempState;
let app: InkUi | undefined;
beforeEach(async () => {
  t = await makeTempState('cb-c-wiz-');
});
afterEach(async () => {
  app?.unmount();
  app = undefined;
  await t.cleanup();
});

function start(o: FakeDepsOptions = {}, ui: { links?: boolean } = {}) {
  const deps = fakeDeps(t, o);
  const store: WizardStore = createWizardStore(deps);
  app = renderInk(<Wizard store={store} remote={deps.remote} links={ui.links ?? false} />);
  void store.getState().init();
  const frames = () => app!.lastFrame() ?? '';
  const allFrames = () => app!.frames.join('\n');
  const wait = (m: string | RegExp | ((f: string) => boolean)) => waitForFrame(frames, m);
  // useInput re-subscribes in a passive effect after each render: give it a beat before a key.
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      await new Promise((r) => setTimeout(r, 25));
      app!.stdin.write(k);
    }
  };
  return { deps, store, frames, allFrames, wait, press };
}

const storeText = () => (existsSync(t.storePath) ? readFileSync(t.storePath, 'utf8') : undefined);

describe('API key path', () => {
  it('walks every step with "Step n of m", masks the key, saves it, and sets the default model', async () => {
    const w = start();
    await w.wait('Step 1 of 7 · Provider');
    expect(w.frames()).toContain('Which model provider');
    expect(w.frames()).toContain('Ctrl-C cancel');
    await w.press(KEYS.enter); // Anthropic
    await w.wait('Step 2 of 7 · How to sign in (anthropic)');
    await w.wait('Reuse Claude Code login  not available: no ~/.claude/.credentials.json');
    await w.press(KEYS.enter); // API key
    await w.wait('Step 3 of 7 · Credential: API key');
    await w.press(KEY);
    await w.wait(`(${KEY.length} characters, hidden)`);
    await w.press(KEYS.enter);
    await w.wait('Step 4 of 7 · Profile name');
    expect(w.frames()).toContain('› default');
    await w.press(KEYS.enter);
    // The live check passes, so the wizard moves on to the summary by itself.
    await w.wait('Step 6 of 7 · Summary');
    expect(w.deps.probeCalls).toEqual([KEY]);
    expect(w.frames()).toMatch(/Credential\s+API key sk-ant-api03-…m2Pz/);
    expect(w.frames()).toContain('ok: the provider accepted it');
    expect(storeText()).toBeUndefined(); // nothing written before Save
    await w.press(KEYS.enter);
    await w.wait('Step 7 of 7 · Default model');
    expect(w.frames()).toContain('✓ Saved anthropic:default');
    expect(JSON.parse(storeText()!).profiles['anthropic:default']).toEqual({ type: 'api_key', provider: 'anthropic', key: KEY });
    await w.press(KEYS.down, KEYS.enter); // claude-sonnet-4-5 (Clawdbot's default, opus, is first to keep)
    await w.wait('Next:');
    expect(w.frames()).toContain('Default model: anthropic/claude-sonnet-4-5');
    expect(JSON.parse(readFileSync(t.configPath, 'utf8')).agents.defaults.model.primary).toBe('anthropic/claude-sonnet-4-5');
    expect(w.store.getState().outcome).toBe('done');
    // No frame, ever, contained the key.
    expect(w.allFrames()).not.toContain(KEY.slice(13, 25));
  });

  it('shows a validation error inline, clears the field, and accepts the fixed value', async () => {
    const w = start();
    await w.wait('Provider');
    await w.press(KEYS.enter);
    await w.wait('How to sign in');
    await w.press(KEYS.enter);
    await w.wait('Credential: API key');
    await w.press(SETUP);
    await w.press(KEYS.enter);
    await w.wait('✗ That is a setup-token, not an API key');
    expect(w.frames()).not.toContain('characters, hidden');
    await w.press('sk-ant-');
    await w.wait('(7 characters, hidden)');
    await w.press(KEYS.enter);
    await w.wait(/✗ That API key looks too short \(7 characters\)/);
    await w.press(`\x1b[200~${KEY}\r\n\x1b[201~`); // a bracketed paste with a trailing newline
    await w.wait(`(${KEY.length} characters, hidden)`);
    await w.press(KEYS.enter);
    await w.wait('Profile name');
    expect(w.allFrames()).not.toContain(SETUP.slice(13, 30));
  });

  it('Esc and Backspace on an empty field go back a step; the first step has no back', async () => {
    const w = start();
    await w.wait('Step 1 of 7 · Provider');
    expect(w.frames()).not.toContain('Esc back');
    await w.press(KEYS.down, KEYS.enter); // OpenAI
    await w.wait('How to sign in (openai');
    expect(w.frames()).toContain('Sign in with ChatGPT');
    await w.press(KEYS.escape);
    await w.wait('Step 1 of');
    expect(w.frames()).toContain('❯ OpenAI'); // the earlier choice stays highlighted
    await w.press(KEYS.up, KEYS.enter); // Anthropic
    await w.wait('How to sign in (anthropic)');
    await w.press(KEYS.enter);
    await w.wait('Credential: API key');
    await w.press('x', KEYS.backspace); // deletes the character, stays
    await w.wait((f) => f.includes('Credential: API key') && !f.includes('characters, hidden'));
    await w.press(KEYS.backspace); // empty: back
    await w.wait('How to sign in (anthropic)');
  });
});

describe('typing in a text field', () => {
  it('every Backspace in a chunk deletes a character (held-down key, fast typing), in order', async () => {
    const w = start();
    await w.wait('Provider');
    await w.press(KEYS.enter, KEYS.enter);
    await w.wait('Credential: API key');
    await w.press(KEY, KEYS.enter);
    await w.wait('› default');
    // One chunk each, as a terminal delivers a held-down Backspace or quick typing.
    await w.press('\x7f\x7f\x7f');
    await w.wait((f) => f.includes('› defa') && !f.includes('› defau'));
    await w.press('ult\x7f\x7fxy\x08z');
    await w.wait('› defauxz');
    await w.press('\x7f'.repeat(20)); // more than there is: empty, and stays on the step
    await w.wait((f) => f.includes('Profile name') && !f.includes('defau'));
  });

  it('a held-down Backspace goes back one step from an empty field, not one per repeat', async () => {
    const w = start();
    await w.wait('Provider');
    await w.press(KEYS.enter, KEYS.enter);
    await w.wait('Credential: API key');
    await w.press('\x7f\x7f\x7f'); // empty field: back to the method list, not further
    await w.wait('How to sign in (anthropic)');
    await new Promise((r) => setTimeout(r, 100)); // had the repeats gone on, the provider step would show by now
    expect(w.frames()).toContain('How to sign in (anthropic)');
    await w.press(KEYS.enter);
    await w.wait('Credential: API key');
    await w.press('x\x7f\x7f\x7f'); // emptied by the chunk: stays
    await new Promise((r) => setTimeout(r, 100));
    expect(w.frames()).toContain('Credential: API key');
  });
});

describe('overwrite, order and the live check', () => {
  const existingDoc = {
    version: 1,
    profiles: {
      'anthropic:default': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-' + 'O'.repeat(40) },
      'anthropic:work': { type: 'token', provider: 'anthropic', token: 'sk-ant-oat01-' + 'W'.repeat(80) },
    },
  };

  it('replacing an existing profile needs an explicit choice; then asks where it goes in the order', async () => {
    await writeStore(t.storePath, existingDoc);
    const w = start();
    await w.wait('Provider');
    await w.press(KEYS.enter, KEYS.enter);
    await w.wait('Credential: API key');
    await w.press(KEY, KEYS.enter);
    await w.wait('Profile name');
    expect(w.frames()).toContain('› default-2'); // a free name is suggested
    await w.press(KEYS.backspace, KEYS.backspace, KEYS.enter); // "default"
    await w.wait('Profile exists');
    expect(w.frames()).toMatch(/anthropic:default already exists \(api_key sk-ant-api03-…OOOO\)/);
    await w.press(KEYS.enter); // "Choose another name" is the default
    await w.wait('Profile name');
    await w.press(KEYS.enter); // default-2 again (the suggestion)
    await w.wait('Order');
    await w.press(KEYS.escape); // back to name
    await w.wait('Profile name');
    for (let i = 0; i < 9; i++) await w.press(KEYS.backspace);
    await w.press('default', KEYS.enter);
    await w.wait('Profile exists');
    await w.press(KEYS.down, KEYS.enter); // Replace
    await w.wait('Order');
    expect(w.frames()).toContain('Current order: anthropic:work');
    await w.press(KEYS.enter); // first
    await w.wait('Summary');
    expect(w.frames()).toContain('anthropic:default (replaces the existing one)');
    expect(w.frames()).toMatch(/Order\s+tried first/);
    await w.press(KEYS.enter);
    await w.wait('Default model');
    const doc = JSON.parse(storeText()!);
    expect(doc.profiles['anthropic:default'].key).toBe(KEY);
    expect(doc.order.anthropic).toEqual(['anthropic:default', 'anthropic:work']);
  });

  it('a failed check offers fix / save anyway / cancel; cancel writes nothing', async () => {
    await writeStore(t.storePath, existingDoc);
    const before = storeText();
    const w = start({ probe: () => ({ status: 'auth', error: 'invalid x-api-key', latencyMs: 3 }) });
    await w.wait('Provider');
    await w.press(KEYS.enter, KEYS.enter);
    await w.wait('Credential');
    await w.press(KEY, KEYS.enter);
    await w.wait('Profile name');
    await w.press(KEYS.enter);
    await w.wait('Order');
    await w.press(KEYS.down, KEYS.enter); // last
    await w.wait('✗ rejected: the provider says this credential is not valid (invalid x-api-key)');
    expect(w.frames()).toContain('Fix: enter it again');
    await w.press(KEYS.enter); // fix
    await w.wait('Credential: API key');
    await w.press(KEY, KEYS.enter);
    await w.wait('Profile name');
    await w.press(KEYS.enter);
    await w.wait('Order');
    await w.press(KEYS.enter);
    await w.wait('Fix: enter it again');
    await w.press(KEYS.down, KEYS.down, KEYS.enter); // cancel
    await w.wait('Cancelled; nothing was written.');
    expect(storeText()).toBe(before);
  });

  /** Anthropic → API key → the key pasted → the suggested name: the live check runs next. */
  async function keyToCheck(w: ReturnType<typeof start>): Promise<void> {
    await w.wait('Provider');
    await w.press(KEYS.enter, KEYS.enter);
    await w.wait('Credential');
    await w.press(KEY, KEYS.enter);
    await w.wait('Profile name');
    await w.press(KEYS.enter);
  }

  it('an unreachable provider never blocks saving', async () => {
    const w = start({ probe: () => ({ status: 'network', error: 'Could not reach https://api.anthropic.com (ECONNREFUSED).', latencyMs: 1 }) });
    await keyToCheck(w);
    await w.wait('could not reach https://api.anthropic.com (ECONNREFUSED); saving still works');
    // The check could not run: keeping the key is the pre-selected answer (issue 20 item 13).
    expect(w.frames()).toContain('❯ Save anyway');
    await w.press(KEYS.enter);
    await w.wait('Summary');
    await w.press(KEYS.enter);
    await w.wait('Default model');
    expect(JSON.parse(storeText()!).profiles['anthropic:default'].key).toBe(KEY);
  });

  it('no answer in time also pre-selects "Save anyway"; a rejection pre-selects the fix', async () => {
    let status: 'timeout' | 'auth' = 'timeout';
    const w = start({ probe: () => ({ status, error: 'x', latencyMs: 1 }) });
    await keyToCheck(w);
    await w.wait('no answer in time');
    expect(w.frames()).toContain('❯ Save anyway');
    status = 'auth';
    await w.press(KEYS.escape); // back to the name, then the check runs again
    await w.wait('Profile name');
    await w.press(KEYS.enter);
    await w.wait('rejected');
    expect(w.frames()).toContain('❯ Fix: enter it again');
  });

  it('going back from the check to the credential step keeps the pasted key', async () => {
    const w = start({ probe: () => ({ status: 'network', error: 'Could not reach https://api.anthropic.com (ECONNREFUSED).', latencyMs: 1 }) });
    await keyToCheck(w);
    await w.wait('could not reach https://api.anthropic.com (ECONNREFUSED); saving still works');
    await w.press(KEYS.escape);
    await w.wait('Profile name');
    await w.press(KEYS.escape);
    await w.wait('Credential: API key');
    expect(w.frames()).toContain(`(${KEY.length} characters, hidden)`);
    expect(w.frames()).not.toContain(KEY);
    await w.press(KEYS.enter); // the kept key goes on as it is
    await w.wait('Profile name');
    await w.press(KEYS.enter);
    await w.wait('❯ Save anyway');
    await w.press(KEYS.enter);
    await w.wait('Summary');
    await w.press(KEYS.enter);
    await w.wait('Default model');
    expect(JSON.parse(storeText()!).profiles['anthropic:default'].key).toBe(KEY);
  });
});

describe('typed-ahead keys (issue 20 item 14)', () => {
  it('"jj" arriving in one read moves the choice twice, "k" once back', async () => {
    const w = start();
    await w.wait('❯ Anthropic');
    await w.press('jj');
    await w.wait('❯ Another provider');
    await w.press('k');
    await w.wait('❯ OpenAI');
    await w.press(KEYS.enter);
    await w.wait('How to sign in (openai)');
  });
});

describe('Ctrl-C', () => {
  it('cancels at the secret step with a typed key and writes nothing', async () => {
    const w = start();
    await w.wait('Provider');
    await w.press(KEYS.enter, KEYS.enter);
    await w.wait('Credential');
    await w.press(KEY);
    await w.wait('characters, hidden');
    await w.press(KEYS.ctrlC);
    await w.wait('Cancelled; nothing was written.');
    expect(w.store.getState().outcome).toBe('cancelled');
    expect(existsSync(t.storePath)).toBe(false);
    expect(existsSync(t.configPath)).toBe(false);
  });
});

describe('setup-token, reuse, sign-in, device code', () => {
  it('setup-token: checks the prefix and length inline and stores a token with a one-year expiry', async () => {
    const w = start();
    await w.wait('Provider');
    await w.press(KEYS.enter);
    await w.wait('How to sign in');
    await w.press(KEYS.down, KEYS.enter);
    await w.wait('claude setup-token');
    await w.press('sk-ant-oat01-short', KEYS.enter);
    await w.wait('✗ That setup-token looks too short');
    await w.press(SETUP, KEYS.enter);
    await w.wait('Profile name');
    expect(w.frames()).toContain('› manual');
    await w.press(KEYS.enter);
    await w.wait('Summary');
    expect(w.frames()).toMatch(/token sk-ant-oat01-…c8Rt/);
    expect(w.frames()).toContain('expires in 365d');
    await w.press(KEYS.enter);
    await w.wait('Default model');
    expect(JSON.parse(storeText()!).profiles['anthropic:manual']).toMatchObject({ type: 'token', token: SETUP });
  });

  it('Claude Code reuse shows what was found and saves anthropic:claude-cli under that one id (no rename offered)', async () => {
    const now = 1_700_000_000_000;
    const cred = { type: 'oauth' as const, provider: 'anthropic', access: 'sk-ant-oat01-' + 'A'.repeat(60), refresh: 'sk-ant-ort01-' + 'R'.repeat(60), expires: now + 5 * 3600_000 };
    const w = start({ now, claude: { found: true, credential: cred, path: '~/.claude/.credentials.json', expiresAt: cred.expires } });
    await w.wait('Provider');
    await w.press(KEYS.enter);
    await w.wait('Reuse Claude Code login  found, expires in 5h 00m');
    await w.press(KEYS.down, KEYS.down, KEYS.enter);
    await w.wait('Reuse login: Claude Code');
    await w.press(KEYS.enter);
    await w.wait('Summary');
    // A second name would be a second copy of Claude Code's refresh token.
    expect(w.frames()).not.toContain('Profile name');
    await w.press(KEYS.enter);
    await w.wait('Default model');
    expect(JSON.parse(storeText()!).profiles['anthropic:claude-cli']).toMatchObject({ type: 'oauth', access: cred.access });
    expect(JSON.parse(readFileSync(t.configPath, 'utf8')).auth.profiles['anthropic:claude-cli'].mode).toBe('oauth');
  });

  it('ChatGPT sign-in over SSH: URL on its own line, tunnel hint, paste box; a bad paste is explained', async () => {
    const s = fakeSignIn();
    const w = start({ signIn: s, remote: true });
    await w.wait('Provider');
    await w.press(KEYS.down, KEYS.enter);
    await w.wait('Sign in with ChatGPT');
    await w.press(KEYS.enter);
    await w.wait('Or paste the redirect URL');
    const f = w.frames();
    expect(f.split('\n')).toContain(s.session.authorizeUrl);
    expect(f).toContain('ssh -L 1455:127.0.0.1:1455 <host>');
    expect(f).toContain('Device code');
    expect(w.deps.opened).toEqual([]); // never a browser over SSH
    await w.press('not-a-url', KEYS.enter);
    await w.wait('✗ That is not a redirect URL');
    s.complete({
      credential: { type: 'oauth', provider: 'openai-codex', access: 'eyJ' + 'a'.repeat(40), refresh: 'r'.repeat(30), expires: 1_700_000_000_000 + 3600_000, email: 'ada@example.com' },
      email: 'ada@example.com',
      accountId: 'acct',
      profileId: 'openai-codex:ada@example.com',
    });
    await w.wait('Profile name');
    expect(w.frames()).toContain('› ada@example.com');
    await w.press(KEYS.escape); // back skips the finished sign-in
    await w.wait('How to sign in (openai');
    expect(w.frames()).toContain('How to sign in (openai)'); // the provider chosen, not openai-codex
    expect(s.cancelled).toBe(true);
  });

  it('with hyperlinks on, every row a long sign-in URL wraps onto is a link to the whole URL, and its text is the same', async () => {
    const url = `http://127.0.0.1:1/oauth/authorize?state=${'s'.repeat(60)}&code_challenge=${'c'.repeat(60)}&redirect_uri=${'r'.repeat(90)}`;
    const plainRows = async (links: boolean) => {
      const w = start({ signIn: fakeSignIn(url), remote: true }, { links });
      await w.wait('Provider');
      await w.press(KEYS.down, KEYS.enter);
      await w.wait('Sign in with ChatGPT');
      await w.press(KEYS.enter);
      await w.wait('Or paste the redirect URL');
      const rows = w.frames().split('\n');
      app!.unmount();
      app = undefined;
      return rows;
    };
    const linked = await plainRows(true);
    const open = `\x1b]8;;${url}`;
    const urlRows = linked.filter((l) => l.includes(open));
    // The URL wraps (the test terminal is 100 columns), and no row of it is left unlinked.
    expect(urlRows.length).toBeGreaterThan(2);
    const text = (l: string) => l.replace(/\x1b\]8;;[^\x07\x1b]*(?:\x07|\x1b\\)/g, '');
    expect(urlRows.map(text).join('')).toBe(url);
    expect(linked.filter((l) => !l.includes(open)).some((l) => l.includes(url.slice(-20)))).toBe(false);
    // Without hyperlinks the screen reads the same, with no escape sequence at all.
    const plain = await plainRows(false);
    expect(plain.join('\n')).not.toContain('\x1b]8;;');
    expect(linked.map(text)).toEqual(plain);
  });

  it('on a desktop the browser is opened; a busy callback port is named and the paste box still works', async () => {
    const s = fakeSignIn();
    s.session.callbackProblem = 'port 1455 is in use; paste the redirect URL instead';
    const w = start({ signIn: s, remote: false });
    await w.wait('Provider');
    await w.press(KEYS.down, KEYS.enter);
    await w.wait('Sign in with ChatGPT');
    await w.press(KEYS.enter);
    await w.wait('Your browser was opened');
    expect(w.deps.opened).toEqual([s.session.authorizeUrl]);
    expect(w.frames()).toContain('port 1455 is in use');
    expect(w.frames()).not.toContain('ssh -L');
    await w.press('http://localhost:1455/auth/callback?code=abc&state=xyz', KEYS.enter);
    await w.wait((f) => f.includes('Exchanging the code'));
    expect(s.pasted).toEqual(['http://localhost:1455/auth/callback?code=abc&state=xyz']);
    expect(w.allFrames()).not.toContain('code=abc');
  });

  it('a failed sign-in says why and lets the user go back to try another way', async () => {
    const s = fakeSignIn();
    const w = start({ signIn: s });
    await w.wait('Provider');
    await w.press(KEYS.down, KEYS.enter);
    await w.wait('Sign in with ChatGPT');
    await w.press(KEYS.enter);
    await w.wait('Waiting for the sign-in');
    s.fail(new Error('Token exchange failed: HTTP 500 from the sign-in server.'));
    await w.wait('✗ Token exchange failed: HTTP 500');
    expect(w.frames()).toContain('The sign-in stopped');
    expect(w.frames()).not.toContain('Waiting for the sign-in');
    await w.press(KEYS.escape);
    await w.wait('How to sign in (openai');
    expect(existsSync(t.storePath)).toBe(false);
  });

  it('device code shows the code and the URL, and continues by itself', async () => {
    const d = fakeDevice();
    const w = start({ device: d });
    await w.wait('Provider');
    await w.press(KEYS.down, KEYS.enter);
    await w.wait('Device code');
    await w.press(KEYS.down, KEYS.enter);
    await w.wait('Code: ABCD-1234');
    expect(w.frames()).toContain('http://127.0.0.1:1/codex/device');
    d.complete({ credential: { type: 'oauth', provider: 'openai-codex', access: 'eyJ' + 'b'.repeat(40), refresh: 'r'.repeat(30), expires: 1_700_000_000_000 + 3600_000 }, accountId: '', profileId: 'openai-codex:default' });
    await w.wait('Profile name');
  });
});

describe('other provider, new agent, model step', () => {
  it('another provider by id: validates the id, then a token; the model step takes a typed id and warns when its provider has no credential', async () => {
    const w = start();
    await w.wait('Provider');
    await w.press(KEYS.down, KEYS.down, KEYS.enter);
    await w.wait('Provider id');
    await w.press('open router', KEYS.enter);
    await w.wait('is not a provider id');
    for (let i = 0; i < 11; i++) await w.press(KEYS.backspace);
    await w.press('openrouter', KEYS.enter);
    await w.wait('How to sign in (openrouter)');
    await w.press(KEYS.down, KEYS.enter); // token
    await w.wait('Paste the token');
    await w.press('sk-or-v1-' + 'z'.repeat(40), KEYS.enter);
    await w.wait('Expiry');
    await w.press(KEYS.enter); // empty: the token does not expire
    await w.wait('Profile name');
    await w.press(KEYS.enter);
    await w.wait('Summary');
    await w.press(KEYS.enter);
    await w.wait('Default model');
    expect(w.frames()).toContain('Enter a model id');
    // No model is configured, so the agent runs Clawdbot's default, offered first to keep.
    expect(w.frames()).toContain('Keep anthropic/claude-opus-4-5');
    await w.press(KEYS.down, KEYS.enter);
    await w.wait('Type a model id');
    await w.press('gpt', KEYS.enter);
    await w.wait('needs a provider');
    await w.press(KEYS.backspace, KEYS.backspace, KEYS.backspace, 'groq/llama-3', KEYS.enter);
    await w.wait('Next:');
    expect(w.frames()).toContain('groq has no credential yet');
  });

  it('a new agent is offered main\'s profiles to copy; only the chosen ones are copied', async () => {
    await writeStore(t.storePath, {
      version: 1,
      profiles: {
        'anthropic:default': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-' + 'M'.repeat(40) },
        'openai:default': { type: 'api_key', provider: 'openai', key: 'sk-proj-' + 'N'.repeat(40) },
      },
    });
    const w = start({ agentId: 'helper' });
    await w.wait('Copy profiles from main');
    expect(w.frames()).toContain('Step 1 of 8');
    await w.press(KEYS.down, KEYS.space);
    await w.wait('[x] openai:default');
    await w.press(KEYS.enter);
    await w.wait('Step 2 of 8 · Provider');
    await w.press(KEYS.down, KEYS.down, KEYS.down, KEYS.enter); // skip
    await w.wait('Step 3 of 3 · Summary');
    expect(w.frames()).toMatch(/Copy from main\s+openai:default/);
    await w.press(KEYS.enter);
    await w.wait('Next:');
    const doc = JSON.parse(readFileSync(t.agentStorePath('helper'), 'utf8'));
    expect(Object.keys(doc.profiles)).toEqual(['openai:default']);
  });
});
