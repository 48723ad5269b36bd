// `clawdbot onboard` in a real pseudo-terminal on the built binary (dist/cli.js), against loopback
// fakes of the provider API and of auth.openai.com. Every run also checks that no byte the program
// ever wrote contains the secret. Build first: `node scripts/build.mjs`.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawnCli, uiEnv, urlFromScreen, type PtyRun } from '../helpers/pty.js';
import { enterAnthropicApiKey } from '../helpers/wizard-walks.js';
import { expectNoSecretIn, makeTempState, requireBuild, runCli, writeStore, type TempState } from '../helpers/store-cli.js';
import { freePort, makeJwt, startFakeOpenAiAuth, type FakeOpenAiAuth } from '../helpers/fake-openai-auth.js';
import { startFakeProviderApi, type FakeProviderApi } from '../helpers/fake-provider-api.js';

const KEY = 'sk-ant-api03-' + 'Vq3Ks9Lw'.repeat(5);
const SETUP = 'sk-ant-oat01-' + 'Jd6Fy2Mx'.repeat(10);

let t: TempState;
let api: FakeProviderApi;
let auth: FakeOpenAiAuth;
let port: number;
const runs: PtyRun[] = [];

beforeAll(() => requireBuild());
beforeEach(async () => {
  t = await makeTempState('cb-c-e2e-');
  api = await startFakeProviderApi();
  auth = await startFakeOpenAiAuth();
  port = await freePort();
});
afterEach(async () => {
  for (const r of runs.splice(0)) r.kill('SIGKILL');
  await api.close();
  await auth.close();
  await t.cleanup();
});

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const e = uiEnv({
    HOME: t.home,
    CLAWDBOT_STATE_DIR: t.stateDir,
    ANTHROPIC_BASE_URL: api.url,
    OPENAI_BASE_URL: `${api.url}/v1`,
    CLAWDBOT_OPENAI_OAUTH_BASE_URL: auth.url,
    CLAWDBOT_OAUTH_CALLBACK_PORT: String(port),
    ...extra,
  });
  for (const k of ['SSH_CONNECTION', 'SSH_TTY', 'SSH_CLIENT', 'DISPLAY', 'WAYLAND_DISPLAY', 'ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'CODEX_HOME']) delete e[k];
  return e;
}

function start(args: string[] = ['onboard'], extra: NodeJS.ProcessEnv = {}): PtyRun {
  const r = spawnCli(args, { env: env(extra), cols: 120, rows: 40 });
  runs.push(r);
  return r;
}

const fileOrNull = (p: string) => (existsSync(p) ? readFileSync(p) : null);

/** onboard -> Anthropic -> Setup-token, up to its (hidden) input field. */
async function startAtSetupTokenField(): Promise<PtyRun> {
  const r = start();
  await r.waitFor('Provider');
  r.press('enter');
  await r.waitFor('How to sign in (anthropic)');
  r.press('down');
  await r.waitFor('❯ Setup-token');
  r.press('enter');
  await r.waitFor('Credential: Setup-token');
  return r;
}

/** At the summary: save, then Ctrl-C at the model step (the credential stays saved), exit 0. */
async function saveAndLeaveAtModelStep(r: PtyRun): Promise<void> {
  r.press('enter');
  await r.waitFor('Default model');
  r.press('ctrl-c');
  await r.waitFor('was saved; the default model was not changed');
  expect((await r.exited).exitCode).toBe(0);
}

describe('onboard in a terminal', () => {
  it('API key: masked while typed, checked live against the provider, saved, default model set', async () => {
    api.replies.set(KEY, { status: 200 });
    const r = start();
    await r.waitFor('Step 1 of 7 · Provider');
    await enterAnthropicApiKey(r, KEY);
    await r.waitFor('Summary');
    expect(r.screen()).toContain('ok: the provider accepted it');
    expect(api.requests.some((q) => q.path === '/v1/models' && q.headers['x-api-key'] === KEY)).toBe(true);
    expect(existsSync(t.storePath)).toBe(false);
    r.press('enter');
    await r.waitFor('Default model');
    r.press('enter'); // keep the default
    await r.waitFor('Next:');
    expect((await r.exited).exitCode).toBe(0);
    expect(JSON.parse(readFileSync(t.storePath, 'utf8')).profiles['anthropic:default']).toEqual({ type: 'api_key', provider: 'anthropic', key: KEY });
    expectNoSecretIn(r.output(), KEY);
  });

  it('setup-token: a short paste is explained inline, the full one is saved as a token', async () => {
    api.replies.set(SETUP, { status: 200 });
    const r = await startAtSetupTokenField();
    r.write(SETUP.slice(0, 40));
    await r.waitFor('(40 characters, hidden)'); // a chunk with the Enter in it would be a paste
    r.press('enter');
    await r.waitFor('That setup-token looks too short (40 characters)');
    r.write(SETUP);
    await r.waitFor(`(${SETUP.length} characters, hidden)`);
    r.press('enter');
    await r.waitFor('Profile name');
    r.press('enter');
    await r.waitFor('Summary');
    await saveAndLeaveAtModelStep(r);
    expect(JSON.parse(readFileSync(t.storePath, 'utf8')).profiles['anthropic:manual']).toMatchObject({ type: 'token', provider: 'anthropic', token: SETUP });
    expectNoSecretIn(r.output(), SETUP);
  });

  it('setup-token of a new shape: accepted with a one-line note, checked live, saved as pasted', async () => {
    const fresh = 'sk-ant-si01-' + 'Tr5Gh8Nc'.repeat(12);
    api.replies.set(fresh, { status: 200 });
    const r = await startAtSetupTokenField();
    r.write(fresh);
    await r.waitFor(`(${fresh.length} characters, hidden)`);
    r.press('enter');
    await r.waitFor('Profile name');
    expect(r.screen()).toContain('! This setup-token does not start with sk-ant-oat01- (newer ones may not)');
    r.press('enter');
    await r.waitFor('Summary');
    expect(r.screen()).toContain('ok: the provider accepted it');
    expect(api.requests.some((q) => q.headers.authorization === `Bearer ${fresh}`)).toBe(true);
    await saveAndLeaveAtModelStep(r);
    expect(JSON.parse(readFileSync(t.storePath, 'utf8')).profiles['anthropic:manual']).toMatchObject({ type: 'token', provider: 'anthropic', token: fresh });
    expectNoSecretIn(r.output(), fresh);
  });

  it('API key stored as a reference: resolved once, checked live with its value, saved as keyRef with the gateway note', async () => {
    api.replies.set(KEY, { status: 200 });
    const r = start(['onboard'], { MY_ANTHROPIC_KEY: KEY });
    await r.waitFor('Provider');
    r.press('enter');
    await r.waitFor('Reuse Claude Code login  not available'); // the look-up is done: that choice is skipped
    r.press('down');
    await r.waitFor('❯ Setup-token');
    r.press('down');
    await r.waitFor('❯ API key, stored as a reference');
    r.press('enter');
    await r.waitFor('Where the key lives: env:NAME');
    r.write('env:NOT_SET_HERE');
    await r.waitFor('env:NOT_SET_HERE');
    r.press('enter');
    await r.waitFor('environment variable NOT_SET_HERE is not set');
    for (let i = 0; i < 'env:NOT_SET_HERE'.length; i++) r.press('backspace');
    r.write('env:MY_ANTHROPIC_KEY');
    await r.waitFor('env:MY_ANTHROPIC_KEY');
    r.press('enter');
    await r.waitFor('Profile name');
    expect(r.screen()).toContain('Clawdbot 2026.1.x gateway reads only plaintext');
    r.press('enter');
    await r.waitFor('Summary');
    expect(r.screen()).toContain('API key stored as a reference to env:MY_ANTHROPIC_KEY');
    expect(r.screen()).toContain('ok: the provider accepted it');
    expect(api.requests.some((q) => q.headers['x-api-key'] === KEY)).toBe(true);
    await saveAndLeaveAtModelStep(r);
    expect(JSON.parse(readFileSync(t.storePath, 'utf8')).profiles['anthropic:default']).toEqual({
      type: 'api_key',
      provider: 'anthropic',
      keyRef: { source: 'env', provider: 'default', id: 'MY_ANTHROPIC_KEY' },
    });
    expectNoSecretIn(r.output(), KEY);
  });

  it('reuses a Claude Code login found under HOME and says when it expires', async () => {
    const access = 'sk-ant-oat01-' + 'Cc4Dd5Ee'.repeat(8);
    const refresh = 'sk-ant-ort01-' + 'Rr7Ss8Tt'.repeat(8);
    await mkdir(path.join(t.home, '.claude'), { recursive: true });
    await writeFile(
      path.join(t.home, '.claude', '.credentials.json'),
      JSON.stringify({ claudeAiOauth: { accessToken: access, refreshToken: refresh, expiresAt: Date.now() + 5 * 3600_000 + 30_000 } }),
      { mode: 0o600 },
    );
    api.replies.set(access, { status: 200 });
    const r = start();
    await r.waitFor('Provider');
    r.press('enter');
    await r.waitFor(/Reuse Claude Code login {2}found, expires in 5h 00m/);
    r.press('down');
    r.press('down');
    await r.waitFor('❯ Reuse Claude Code login');
    r.press('enter');
    await r.waitFor('Use this Claude Code login');
    r.press('enter');
    // A reused login keeps its one id: no name step.
    await r.waitFor('Summary');
    r.press('enter');
    await r.waitFor('Default model');
    r.press('enter');
    expect((await r.exited).exitCode).toBe(0);
    expect(JSON.parse(readFileSync(t.storePath, 'utf8')).profiles['anthropic:claude-cli']).toMatchObject({ provider: 'anthropic', access });
    expectNoSecretIn(r.output(), access);
    expectNoSecretIn(r.output(), refresh);
  });

  it('reuses a Codex CLI login from ~/.codex/auth.json as openai-codex:codex-cli', async () => {
    const access = makeJwt({ exp: Math.floor(Date.now() / 1000) + 2 * 3600 + 60, 'https://api.openai.com/auth': { chatgpt_account_id: 'acct-1' } });
    const refresh = 'rt_' + 'Kq8Wz3Yv'.repeat(6);
    await mkdir(path.join(t.home, '.codex'), { recursive: true });
    await writeFile(path.join(t.home, '.codex', 'auth.json'), JSON.stringify({ tokens: { access_token: access, refresh_token: refresh, account_id: 'acct-1' }, last_refresh: new Date().toISOString() }));
    api.replies.set(access, { status: 200 });
    const r = start();
    await r.waitFor('Provider');
    r.press('down');
    await r.waitFor('❯ OpenAI');
    r.press('enter');
    await r.waitFor(/Reuse Codex CLI login {2}found, expires in 2h 0\dm/);
    r.press('down');
    r.press('down');
    await r.waitFor('❯ Reuse Codex CLI login');
    r.press('enter');
    await r.waitFor('Use this Codex CLI login');
    r.press('enter');
    // A reused login keeps its one id: no name step.
    await r.waitFor('Summary');
    r.press('enter');
    await r.waitFor('Default model');
    r.press('enter');
    expect((await r.exited).exitCode).toBe(0);
    expect(JSON.parse(readFileSync(t.storePath, 'utf8')).profiles['openai-codex:codex-cli']).toMatchObject({ type: 'oauth', access, refresh, accountId: 'acct-1' });
    expectNoSecretIn(r.output(), refresh);
  });

  it('ChatGPT sign-in: URL read from the screen output, the loopback callback completes it', async () => {
    const r = start();
    await r.waitFor('Provider');
    r.press('down');
    await r.waitFor('❯ OpenAI');
    r.press('enter');
    await r.waitFor('❯ Sign in with ChatGPT');
    r.press('enter');
    await r.waitFor('Or paste the redirect URL');
    // No DISPLAY here, so the wizard treats the host as remote: tunnel hint, no browser.
    expect(r.screen()).toContain(`ssh -L ${port}:127.0.0.1:${port}`);
    // The URL is the last thing on screen, whole, broken only where the terminal's width ends. A
    // frame can reach the terminal in more than one write: wait for the URL's end to be drawn.
    const screen = await r.waitFor((s) => s.trimEnd().endsWith('originator=clawdbot'));
    const url = urlFromScreen(screen, '/oauth/authorize?', 120);
    expect(url).toMatch(new RegExp(`^${auth.url.replace(/\./g, '\\.')}/oauth/authorize\\?\\S+&originator=clawdbot$`));
    const location = (await auth.authorize(url!)).replace('//localhost:', '//127.0.0.1:');
    const cb = await fetch(location);
    expect(cb.status).toBe(200);
    await r.waitFor('› ada@example.com');
    api.replies.set(auth.issued[0]!.access_token, { status: 200 });
    r.press('enter');
    await r.waitFor('Summary');
    r.press('enter');
    await r.waitFor('Default model');
    expect(r.screen()).toContain('openai-codex/');
    r.press('enter');
    expect((await r.exited).exitCode).toBe(0);
    const doc = JSON.parse(readFileSync(t.storePath, 'utf8'));
    expect(doc.profiles['openai-codex:ada@example.com']).toMatchObject({ type: 'oauth', access: auth.issued[0]!.access_token });
    expectNoSecretIn(r.output(), auth.issued[0]!.refresh_token);
  });
});

describe('device code in a terminal', () => {
  it('shows the code; once approved elsewhere the wizard continues by itself', async () => {
    const r = start();
    await r.waitFor('Provider');
    r.press('down');
    await r.waitFor('❯ OpenAI');
    r.press('enter');
    await r.waitFor('❯ Sign in with ChatGPT');
    r.press('down');
    await r.waitFor('❯ Device code');
    r.press('enter');
    const screen = await r.waitFor(/Code: [0-9A-F]{4}-[0-9A-F]{4}/);
    const code = /Code: ([0-9A-F]{4}-[0-9A-F]{4})/.exec(screen)![1]!;
    expect(auth.devices().map((d) => d.userCode)).toEqual([code]);
    auth.approveDevice(code);
    await r.waitFor('Profile name');
    expect(r.screen()).toContain('› ada@example.com');
    r.press('ctrl-c');
    await r.waitFor('Cancelled; nothing was written.');
    expect(existsSync(t.storePath)).toBe(false);
  });
});

describe('Ctrl-C leaves every file byte-identical', () => {
  // The Anthropic API-key walk, one screen at a time; Ctrl-C is pressed after each prefix of it.
  const apiKeyWalk: Array<(r: PtyRun) => Promise<unknown>> = [
    (r) => r.waitFor('Provider'),
    async (r) => {
      r.press('enter');
      await r.waitFor('How to sign in');
    },
    async (r) => {
      r.press('enter');
      await r.waitFor('Credential');
      r.write(KEY);
      await r.waitFor('characters, hidden');
    },
    async (r) => {
      r.press('enter');
      await r.waitFor('Profile name');
    },
    async (r) => {
      await r.waitFor('› default-2');
      r.press('enter');
      await r.waitFor('Order');
      r.press('enter');
      await r.waitFor('Summary');
    },
  ];
  const walkTo = (steps: number) => async (r: PtyRun) => {
    for (const step of apiKeyWalk.slice(0, steps)) await step(r);
  };
  const drivers: Array<[string, (r: PtyRun) => Promise<unknown>]> = [
    ['provider', (r) => r.waitFor('Step 1 of')],
    ['method', walkTo(2)],
    ['secret (typed, not submitted)', walkTo(3)],
    ['name', walkTo(4)],
    ['overwrite / order / check / summary', walkTo(5)],
    ['sign-in wait', async (r) => {
      await r.waitFor('Provider');
      r.press('down');
      await r.waitFor('❯ OpenAI');
      r.press('enter');
      await r.waitFor('❯ Sign in with ChatGPT');
      r.press('enter');
      await r.waitFor('Or paste the redirect URL');
    }],
  ];

  for (const [name, drive] of drivers) {
    it(`at the ${name} step`, async () => {
      api.replies.set(KEY, { status: 200 });
      await writeStore(t.storePath, { version: 1, profiles: { 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-' + 'P'.repeat(40) } } });
      await writeFile(t.configPath, '{ // hand-edited\n  agents: { defaults: { model: { primary: "anthropic/claude-opus-4-5" } } },\n}\n');
      const before = [fileOrNull(t.storePath), fileOrNull(t.configPath)];
      const r = start();
      await drive(r);
      r.press('ctrl-c');
      await r.waitFor('Cancelled; nothing was written.');
      expect((await r.exited).exitCode).toBe(130);
      expect([fileOrNull(t.storePath), fileOrNull(t.configPath)]).toEqual(before);
      expectNoSecretIn(r.output(), KEY);
    });
  }
});

describe('without a terminal', () => {
  it('says which flags to use, exit 1, never the raw-mode crash', async () => {
    const res = await runCli(['onboard'], { env: env() });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('--non-interactive');
    expect(res.stderr).not.toMatch(/Raw mode|at .*\.js/);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(t.storePath)).toBe(false);
  });

  it('--non-interactive: a key from env, a token from stdin, --json; unknown choices list the valid ones', async () => {
    const a = await runCli(['onboard', '--non-interactive', '--auth-choice', 'anthropic-api-key', '--json'], { env: { ...env(), ANTHROPIC_API_KEY: KEY } });
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ agentId: 'main', saved: { profileId: 'anthropic:default', type: 'api_key', masked: 'sk-ant-api03-…s9Lw' } });
    const b = await runCli(['onboard', '--non-interactive', '--token', '-', '--token-provider', 'openrouter', '--token-expires-in', '30d'], { env: env(), stdin: 'sk-or-v1-' + 'y'.repeat(40) + '\n' });
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/Saved openrouter:manual \(token sk-or-v1-…yyyy, expires in (30d 0h|29d 23h)\)/);
    const c = await runCli(['onboard', '--non-interactive', '--auth-choice', 'magic'], { env: env() });
    expect(c.code).toBe(1);
    expect(c.stderr).toContain('Unknown --auth-choice "magic": use one of anthropic-api-key, apiKey, setup-token');
    const doc = JSON.parse(readFileSync(t.storePath, 'utf8'));
    expect(Object.keys(doc.profiles).sort()).toEqual(['anthropic:default', 'openrouter:manual']);
    for (const out of [a.stdout + a.stderr, b.stdout + b.stderr]) expectNoSecretIn(out, KEY);
  });

  it('--non-interactive reuse: claude-cli is saved from a temp HOME; a missing Codex login says why', async () => {
    const access = 'sk-ant-oat01-' + 'Nn1Oo2Pp'.repeat(8);
    await mkdir(path.join(t.home, '.claude'), { recursive: true });
    await writeFile(
      path.join(t.home, '.claude', '.credentials.json'),
      JSON.stringify({ claudeAiOauth: { accessToken: access, refreshToken: 'sk-ant-ort01-' + 'q'.repeat(60), expiresAt: Date.now() + 3600_000 } }),
    );
    const a = await runCli(['onboard', '--non-interactive', '--accept-risk', '--auth-choice', 'claude-cli', '--json'], { env: env() });
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout).saved).toMatchObject({ profileId: 'anthropic:claude-cli', provider: 'anthropic' });
    expect(JSON.parse(readFileSync(t.storePath, 'utf8')).profiles['anthropic:claude-cli'].access).toBe(access);
    expectNoSecretIn(a.stdout + a.stderr, access);
    const b = await runCli(['onboard', '--non-interactive', '--auth-choice', 'codex-cli'], { env: env() });
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/^clawdbot: No usable Codex CLI login: .+\n$/);
  });

  it('a key flag alone implies its choice, and warns that argv is visible', async () => {
    const res = await runCli(['onboard', '--anthropic-api-key', KEY], { env: env() });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Saved anthropic:default (api_key sk-ant-api03-…s9Lw)');
    expect(res.stderr).toContain('--anthropic-api-key on the command line can be read by other users');
    expectNoSecretIn(res.stdout + res.stderr, KEY);
  });

  it('`models auth add` without a terminal points to paste-token, exit 1', async () => {
    const res = await runCli(['models', 'auth', 'add', '--provider', 'anthropic'], { env: env() });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('paste-token');
    expect(res.stderr).not.toMatch(/Raw mode/);
  });
});

describe('models auth add on a terminal', () => {
  it('a token for another provider: asks when it expires, explains a bad answer, stores the expiry', async () => {
    const TOKEN = 'or-tok-' + 'Hq4Nv8Rw'.repeat(6);
    const r = start(['models', 'auth', 'add', '--provider', 'openrouter']);
    await r.waitFor('How to sign in (openrouter)');
    r.press('down');
    await r.waitFor('❯ Token');
    r.press('enter');
    await r.waitFor('Credential: Token');
    r.write(TOKEN);
    await r.waitFor(`(${TOKEN.length} characters, hidden)`);
    r.press('enter');
    await r.waitFor('Expires in (e.g. 30d');
    r.write('soon');
    await r.waitFor('› soon');
    r.press('enter');
    await r.waitFor('Invalid expiry "soon": use a number with a unit');
    for (let i = 0; i < 4; i++) r.press('backspace');
    r.write('90d');
    await r.waitFor('› 90d');
    r.press('enter');
    await r.waitFor('Profile name');
    r.press('enter');
    await r.waitFor('Summary');
    expect(r.screen()).toMatch(/expires in (89d 23h|90d 0h)/);
    r.press('enter');
    await r.waitFor(/Default model|Next:/);
    r.press('ctrl-c');
    await r.exited;
    const saved = JSON.parse(readFileSync(t.storePath, 'utf8')).profiles['openrouter:manual'];
    expect(saved).toMatchObject({ type: 'token', provider: 'openrouter', token: TOKEN });
    expect(saved.expires - Date.now()).toBeGreaterThan(89 * 86_400_000);
    expect(saved.expires - Date.now()).toBeLessThanOrEqual(90 * 86_400_000);
    expectNoSecretIn(r.output(), TOKEN);
  });

    it('is the wizard for one provider: starts at its methods', async () => {
    const r = start(['models', 'auth', 'add', '--provider', 'openrouter']);
    await r.waitFor('How to sign in (openrouter)');
    expect(r.screen()).toContain('clawdbot models auth add');
    expect(r.screen()).toMatch(/Step 1 of \d+/);
    r.press('ctrl-c');
    await r.waitFor('Cancelled; nothing was written.');
    expect((await r.exited).exitCode).toBe(130);
  });
});
