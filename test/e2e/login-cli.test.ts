// `clawdbot models auth login` / `setup-token` as real processes (dist/cli.js) against the loopback
// fake authorization server. Build first: `node scripts/build.mjs`.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { hostname } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIST_CLI, ROOT, makeTempState, requireBuild, waitFor, type TempState } from '../helpers/store-cli.js';
import { freePort, startFakeOpenAiAuth, type FakeOpenAiAuth } from '../helpers/fake-openai-auth.js';

let fake: FakeOpenAiAuth;
let tmp: TempState;
let port: number;
const children: ChildProcess[] = [];

beforeAll(() => requireBuild());
beforeEach(async () => {
  fake = await startFakeOpenAiAuth();
  tmp = await makeTempState('cb-b-login-');
  port = await freePort();
});
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await fake.close();
  await tmp.cleanup();
});

interface Running {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
  write(line: string): void;
}

function run(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Running {
  const env: NodeJS.ProcessEnv = {
    ...tmp.env,
    CLAWDBOT_OPENAI_OAUTH_BASE_URL: fake.url,
    CLAWDBOT_OAUTH_CALLBACK_PORT: String(port),
    ...extraEnv,
  };
  const child = spawn(process.execPath, [DIST_CLI, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited, write: (line) => child.stdin!.write(line + '\n') };
}

const urlLine = (r: Running, stream: 'out' | 'err' = 'out') => () =>
  r[stream]().split('\n').find((l) => l.startsWith(`${fake.url}/oauth/authorize?`));

async function startLogin(extraArgs: string[] = [], extraEnv: NodeJS.ProcessEnv = {}) {
  const r = run(['models', 'auth', 'login', '--provider', 'openai-codex', '--no-browser', ...extraArgs], extraEnv);
  // With --json stdout carries only the JSON summary, so the URL line goes to stderr.
  const url = await waitFor(urlLine(r, extraArgs.includes('--json') ? 'err' : 'out'), 'the authorize URL');
  return { r, url };
}

function httpGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url.replace('http://localhost:', 'http://127.0.0.1:'), { agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

function connectCode(p: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port: p });
    s.on('connect', () => {
      s.destroy();
      resolve(undefined);
    });
    s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code));
  });
}

function readStore(): { profiles: Record<string, Record<string, unknown>> } {
  return JSON.parse(readFileSync(tmp.storePath, 'utf8'));
}

function expectStoredExactlyIssued(profileId: string, index = 0) {
  const issued = fake.issued[index]!;
  const p = readStore().profiles[profileId]!;
  expect(p).toMatchObject({
    type: 'oauth',
    provider: 'openai-codex',
    access: issued.access_token,
    refresh: issued.refresh_token,
    accountId: 'acct_1234567890',
    email: 'ada@example.com',
  });
  expect(Math.abs((p.expires as number) - (Date.now() + issued.expires_in * 1000))).toBeLessThan(30_000);
}

function expectNoSecretsIn(text: string) {
  for (const t of fake.issued) {
    expect(text).not.toContain(t.access_token);
    expect(text).not.toContain(t.refresh_token);
    expect(text).not.toContain(t.id_token);
  }
}

describe('login --provider openai-codex (browser flow, no TTY)', () => {
  it('prints the URL alone on its own line, completes via the callback, and stores exactly what the server issued', async () => {
    const { r, url } = await startLogin();
    expect(r.out().split('\n')).toContain(url);
    const redirect = await fake.authorize(url);
    const page = await httpGet(redirect);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Authentication successful');
    expect(await r.exited).toBe(0);
    expect(r.out()).toMatch(/Signed in as ada@example\.com; saved openai-codex:ada@example\.com/);
    expect(fake.tokenRequests()).toHaveLength(1);
    expectStoredExactlyIssued('openai-codex:ada@example.com');
    expectNoSecretsIn(r.out() + r.err());
    // The server is gone: a replay cannot connect.
    expect(await connectCode(port)).toBe('ECONNREFUSED');
    const cfg = JSON.parse(readFileSync(tmp.configPath, 'utf8'));
    expect(cfg.auth.profiles['openai-codex:ada@example.com']).toMatchObject({ provider: 'openai-codex', mode: 'oauth' });
  });

  const forms: Array<[string, (u: URL) => string]> = [
    ['full redirect URL', (u) => u.toString()],
    ['code#state', (u) => `${u.searchParams.get('code')}#${u.searchParams.get('state')}`],
    ['code= query', (u) => `code=${u.searchParams.get('code')}&state=${u.searchParams.get('state')}`],
    ['bare code', (u) => u.searchParams.get('code')!],
  ];
  for (const [name, make] of forms) {
    it(`accepts a pasted ${name} on stdin while the callback server waits`, async () => {
      const { r, url } = await startLogin();
      const redirect = new URL(await fake.authorize(url));
      r.write(make(redirect));
      expect(await r.exited).toBe(0);
      expect(fake.tokenRequests()).toHaveLength(1);
      expect(fake.tokenRequests()[0]!.form!.redirect_uri).toBe(`http://localhost:${port}/auth/callback`);
      expectStoredExactlyIssued('openai-codex:ada@example.com');
    });
  }

  it('rejects a pasted wrong state with one line and keeps waiting; a wrong-state callback gets 400', async () => {
    const { r, url } = await startLogin();
    const redirect = new URL(await fake.authorize(url));
    r.write(`${redirect.searchParams.get('code')}#not-this-state`);
    await waitFor(() => r.err().includes('State mismatch'), 'the state mismatch line');
    const forged = new URL(redirect);
    forged.searchParams.set('state', 'forged');
    expect((await httpGet(forged.toString())).status).toBe(400);
    expect(fake.tokenRequests()).toHaveLength(0);
    r.write(redirect.toString());
    expect(await r.exited).toBe(0);
    expect(fake.tokenRequests()).toHaveLength(1);
  });

  it('times out with a clear message, exits non-zero, closes the port and writes nothing', async () => {
    const { r } = await startLogin([], { CLAWDBOT_OAUTH_TIMEOUT_MS: '700' });
    expect(await r.exited).toBe(1);
    expect(r.err()).toMatch(/clawdbot: No sign-in arrived within .*nothing was saved/);
    expect(await connectCode(port)).toBe('ECONNREFUSED');
    expect(existsSync(tmp.storePath)).toBe(false);
    expect(fake.tokenRequests()).toHaveLength(0);
  });

  it('says so in one line when the port is in use and takes the paste instead', async () => {
    const blocker = http.createServer((_q, res) => res.end('busy'));
    await new Promise<void>((ok) => blocker.listen(port, '127.0.0.1', () => ok()));
    try {
      const { r, url } = await startLogin();
      await waitFor(() => r.err().includes('Paste the redirect URL'), 'the paste prompt');
      const lines = r.err().split('\n').filter((l) => l.includes('is in use'));
      expect(lines).toEqual([`Note: port ${port} is in use; paste the redirect URL instead.`]);
      r.write(await fake.authorize(url));
      expect(await r.exited).toBe(0);
      expectStoredExactlyIssued('openai-codex:ada@example.com');
    } finally {
      await new Promise<void>((ok) => blocker.close(() => ok()));
    }
  });

  it('fails cleanly on a refused token exchange: failure page, exit 1, nothing written', async () => {
    fake.failNextExchange = { status: 400, body: { error: 'invalid_grant', error_description: 'Code expired' } };
    const { r, url } = await startLogin();
    const page = await httpGet(await fake.authorize(url));
    expect(page.status).toBe(502);
    expect(page.body).not.toContain('successful');
    expect(await r.exited).toBe(1);
    expect(r.err()).toContain('clawdbot: The token exchange was refused (invalid_grant: Code expired)');
    expect(existsSync(tmp.storePath)).toBe(false);
  });

  it('over SSH shows the tunnel hint with the port and the --device option', async () => {
    const { r, url } = await startLogin([], { SSH_CONNECTION: '10.0.0.1 5000 10.0.0.2 22' });
    await waitFor(() => r.err().includes('--device'), 'the device hint');
    // On a line of its own (never broken by the terminal), naming this host.
    expect(r.err().split('\n')).toContain(`  ssh -L ${port}:127.0.0.1:${port} ${hostname()}`);
    r.write(await fake.authorize(url));
    expect(await r.exited).toBe(0);
  });

  it('signing in again with the same account updates the profile in place; --json summary', async () => {
    let { r, url } = await startLogin();
    r.write(await fake.authorize(url));
    expect(await r.exited).toBe(0);
    ({ r, url } = await startLogin(['--json']));
    expect(r.out().trim()).toBe('');
    r.write(await fake.authorize(url));
    expect(await r.exited).toBe(0);
    const summary = JSON.parse(r.out());
    expect(summary).toMatchObject({ profileId: 'openai-codex:ada@example.com', replaced: true, accountId: 'acct_1234567890', type: 'oauth' });
    expect(Object.keys(readStore().profiles)).toEqual(['openai-codex:ada@example.com']);
    expectStoredExactlyIssued('openai-codex:ada@example.com', 1);
  });

  it('Ctrl-C (SIGINT) cancels with exit 130 and writes nothing', async () => {
    const { r } = await startLogin();
    r.child.kill('SIGINT');
    expect(await r.exited).toBe(130);
    expect(r.err()).toContain('Cancelled; nothing was written.');
    expect(existsSync(tmp.storePath)).toBe(false);
    expect(await connectCode(port)).toBe('ECONNREFUSED');
  });

  it('--profile-id names the profile; a corrupt store fails before any sign-in starts', async () => {
    const { r, url } = await startLogin(['--profile-id', 'openai-codex:work']);
    r.write(await fake.authorize(url));
    expect(await r.exited).toBe(0);
    expect(Object.keys(readStore().profiles)).toEqual(['openai-codex:work']);
    writeFileSync(tmp.storePath, '{"version":1,"profiles":');
    const bad = run(['models', 'auth', 'login', '--provider', 'openai-codex', '--no-browser']);
    expect(await bad.exited).toBe(1);
    expect(bad.out()).toBe('');
    expect(bad.err()).toMatch(/auth-profiles\.json: .*left untouched/);
    expect(readFileSync(tmp.storePath, 'utf8')).toBe('{"version":1,"profiles":');
  });

  it('refuses other providers with one line listing what is supported', async () => {
    const r = run(['models', 'auth', 'login', '--provider', 'anthropic']);
    expect(await r.exited).toBe(1);
    const lines = r.err().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/not available for provider "anthropic"; supported: openai-codex\. .*setup-token/);
  });
});

describe('login --device', () => {
  it('shows the verification URL and code, polls until approved, and stores the issued tokens', async () => {
    const r = run(['models', 'auth', 'login', '--provider', 'openai-codex', '--device']);
    await waitFor(() => r.out().includes(`${fake.url}/codex/device`), 'the verification URL');
    const code = fake.devices()[0]!.userCode;
    await waitFor(() => r.err().includes(`Code: ${code}`), 'the user code');
    fake.approveDevice(code);
    expect(await r.exited).toBe(0);
    expectStoredExactlyIssued('openai-codex:ada@example.com');
    expect(fake.tokenRequests()[0]!.form!.redirect_uri).toBe(`${fake.url}/deviceauth/callback`);
  });

  it('reports an expired code and writes nothing', async () => {
    const r = run(['models', 'auth', 'login', '--provider', 'openai-codex', '--device']);
    await waitFor(() => fake.devices().length === 1 && r.err().includes('Code:'), 'the user code');
    fake.expireDevice();
    expect(await r.exited).toBe(1);
    expect(r.err()).toMatch(/clawdbot: The device code expired before it was approved/);
    expect(existsSync(tmp.storePath)).toBe(false);
  });
});

describe('setup-token --provider anthropic (no TTY)', () => {
  const good = `sk-ant-oat01-${'A1b2C3d4'.repeat(10)}`;
  it('reads the token from stdin, validates, and saves a token profile (masked in output)', async () => {
    const r = run(['models', 'auth', 'setup-token', '--provider', 'anthropic']);
    r.child.stdin!.end(`export ANTHROPIC_TOKEN="${good}"\n`);
    expect(await r.exited).toBe(0);
    expect(readStore().profiles['anthropic:manual']).toEqual({ type: 'token', provider: 'anthropic', token: good });
    expect(r.out()).toMatch(/Saved anthropic:manual \(setup-token sk-ant-oat01-…/);
    expect(r.out() + r.err()).not.toContain(good);
  });

  it('rejects a non-setup-token with one clear line and writes nothing', async () => {
    const r = run(['models', 'auth', 'setup-token', '--provider', 'anthropic']);
    r.child.stdin!.end(`sk-ant-api03-${'x'.repeat(90)}\n`);
    expect(await r.exited).toBe(1);
    expect(r.err().trim().split('\n')).toHaveLength(1);
    expect(r.err()).toMatch(/Expected a token starting with sk-ant-oat01- \(that is an API key/);
    expect(existsSync(tmp.storePath)).toBe(false);
  });
});
