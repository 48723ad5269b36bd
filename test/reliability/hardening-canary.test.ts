// The canary scan (G16, issue 8): every kind of secret is seeded with a unique canary value (API
// keys, a setup-token, OAuth access and refresh tokens, env vars in the process env and in
// <state>/.env, Claude Code and Codex CLI credential files under a temp HOME, tokens pasted on stdin,
// an authorization code, tokens a sign-in server issues). Then every command that exists runs in
// text, --json and --plain modes and in its error modes: a corrupt store, a lock held past the
// timeout, an unexpected exception, a probe answered 401 by a loopback server that echoes the key
// back, a refresh answered invalid_grant with the refresh token echoed, a token exchange that
// fails echoing the code; and the dashboard and wizard frames in a pseudo-terminal once they exist.
// stdout, stderr, every written file other than the credential stores, and the argv of every
// program the CLI starts are searched for any 8-character piece of any canary: zero hits.
// Commands not built yet are skipped with "(SKIPPED: not built yet)" in the test name.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_CLI, ROOT, type RunResult, makeTempState, pollUntil, requireBuild, runCli, type TempState } from '../helpers/store-cli.js';
import { type Canary, type Leak, findLeaks, formatLeaks, listFiles, makeCanary, scanFiles } from '../helpers/canary.js';

// ------------------------------------------------------------------------------------------------
// What exists: a command whose module still throws the placeholder error is reported as skipped.

function built(rel: string): boolean {
  const file = path.join(ROOT, rel);
  return fs.existsSync(file) && !fs.readFileSync(file, 'utf8').includes('This command is not built yet');
}
const HAS = {
  refresh: built('src/commands/refresh.ts'),
  cooldown: built('src/commands/cooldown.ts'),
  onboard: built('src/commands/onboard.ts'),
  authAdd: built('src/commands/auth-add.ts'),
  dashboard: fs.existsSync(path.join(ROOT, 'src/commands/models-status-dashboard.ts')) || fs.existsSync(path.join(ROOT, 'src/commands/models-status-dashboard.tsx')),
};
const itIf = (cond: boolean) => (cond ? it : it.skip);
const note = (cond: boolean) => (cond ? '' : ' (SKIPPED: not built yet)');

// ------------------------------------------------------------------------------------------------
// Canaries

function b64url(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}
/** A JWT shaped like an OpenAI token, unique in every part. */
function canaryJwt(label: string, exp: number): Canary {
  const id = crypto.randomBytes(12).toString('hex');
  const header = b64url({ alg: 'RS256', typ: 'JWT', kid: `canary-${id}` });
  const payload = b64url({
    exp: Math.floor(exp / 1000),
    jti: `canary-${id}`,
    'https://api.openai.com/auth': { chatgpt_account_id: 'acct-canary-test' },
    'https://api.openai.com/profile': { email: 'canary@example.com' },
  });
  return { label, value: `${header}.${payload}.${makeCanary(label).value}` };
}

const NOW = Date.now();
const C = {
  anthropicKey: makeCanary('anthropic api key (store)', 'sk-ant-api03-'),
  setupToken: makeCanary('anthropic setup-token (store)', 'sk-ant-oat01-'),
  anthropicAccess: makeCanary('anthropic oauth access (store)', 'sk-ant-oat01-'),
  anthropicRefresh: makeCanary('anthropic oauth refresh (store)', 'sk-ant-ort01-'),
  codexAccess: canaryJwt('openai-codex oauth access JWT (store)', NOW - 60_000),
  codexRefresh: makeCanary('openai-codex oauth refresh (store)', 'rt_'),
  openrouterKey: makeCanary('openrouter api key (store)', 'sk-or-v1-'),
  envOpenai: makeCanary('OPENAI_API_KEY (process env)', 'sk-proj-'),
  envGroq: makeCanary('GROQ_API_KEY (process env)', 'gsk_'),
  dotenvAnthropic: makeCanary('ANTHROPIC_API_KEY (<state>/.env)', 'sk-ant-api03-'),
  dotenvDeepseek: makeCanary('DEEPSEEK_API_KEY (<state>/.env)', 'sk-'),
  claudeAccess: makeCanary('Claude Code accessToken', 'sk-ant-oat01-'),
  claudeRefresh: makeCanary('Claude Code refreshToken', 'sk-ant-ort01-'),
  codexCliAccess: canaryJwt('Codex CLI access_token', NOW + 3_600_000),
  codexCliId: canaryJwt('Codex CLI id_token', NOW + 3_600_000),
  codexCliRefresh: makeCanary('Codex CLI refresh_token', 'rt_'),
  pastedToken: makeCanary('paste-token stdin', 'sk-or-v1-'),
  pastedBad: makeCanary('paste-token stdin, refused', 'sk-'),
  pastedSetup: makeCanary('setup-token stdin', 'sk-ant-oat01-'),
  authCode: makeCanary('authorization code (login paste)', 'ac_'),
  deviceVerifier: makeCanary('code verifier from the device flow', 'cv_'),
  issuedAccess: canaryJwt('access token issued by sign-in', NOW + 3_600_000),
  issuedRefresh: makeCanary('refresh token issued by sign-in', 'rt_'),
  issuedId: canaryJwt('id token issued by sign-in', NOW + 3_600_000),
};
// setup-tokens must look like one: sk-ant-oat01- and at least 80 characters.
C.pastedSetup.value = C.pastedSetup.value + crypto.randomBytes(30).toString('hex');
C.setupToken.value = C.setupToken.value + crypto.randomBytes(30).toString('hex');
const CANARIES: Canary[] = Object.values(C);

// ------------------------------------------------------------------------------------------------
// A loopback provider: probes get 401 with the credential echoed, refreshes get invalid_grant with
// the refresh token echoed, a token exchange succeeds for the canary code and issues canaries.

interface Hit {
  method: string;
  url: string;
}
let server: http.Server;
let baseUrl = '';
const hits: Hit[] = [];

function startServer(): Promise<void> {
  server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => {
      hits.push({ method: req.method ?? '', url: req.url ?? '' });
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const send = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const presented = String(req.headers['x-api-key'] ?? req.headers.authorization ?? '');
      if (url.pathname.endsWith('/models')) {
        // A hostile server: echo the credential it was sent in the error body.
        // It also tries to drive the terminal: set the window title, ring the bell, clear the screen.
        return send(401, { error: { type: 'authentication_error', message: `\x1b]0;pwned\x07\x1b[2Jinvalid x-api-key: ${presented}`, presented } });
      }
      // The usage endpoints, hostile too: the Anthropic one echoes the token in a 403 (a scope error
      // for the setup-token, a plain refusal otherwise), the ChatGPT one answers 200 with the token
      // as the plan name.
      if (url.pathname === '/api/oauth/usage') {
        const token = presented.replace(/^Bearer /, '');
        const scope = token === C.setupToken.value ? 'does not meet scope requirement user:profile' : 'forbidden';
        return send(403, { error: { type: 'permission_error', message: `token ${token} ${scope}` }, token });
      }
      if (url.pathname === '/backend-api/wham/usage') {
        const token = presented.replace(/^Bearer /, '');
        return send(200, { plan_type: token, rate_limit: { primary_window: { used_percent: 97, limit_window_seconds: 18000, reset_at: token } } });
      }
      if (url.pathname === '/api/accounts/deviceauth/usercode') {
        return send(200, { device_auth_id: 'dev-canary-test', user_code: 'CNRY-TEST', interval: '1', expires_in: 120 });
      }
      if (url.pathname === '/api/accounts/deviceauth/token') {
        // Approved at once; the code and verifier it hands over are secrets.
        return send(200, { authorization_code: C.authCode.value, code_verifier: C.deviceVerifier.value });
      }
      if (url.pathname.endsWith('/oauth/token') || url.pathname.endsWith('/v1/oauth/token')) {
        const form = new URLSearchParams(body);
        let params: Record<string, string> = Object.fromEntries(form);
        if (body.trim().startsWith('{')) params = JSON.parse(body) as Record<string, string>;
        if (params.grant_type === 'refresh_token') {
          return send(400, {
            error: 'invalid_grant',
            error_description: `Refresh token ${params.refresh_token} has already been used (refresh_token=${params.refresh_token})`,
          });
        }
        if (params.grant_type === 'authorization_code' && params.code === C.authCode.value) {
          return send(200, {
            access_token: C.issuedAccess.value,
            refresh_token: C.issuedRefresh.value,
            id_token: C.issuedId.value,
            expires_in: 3600,
            token_type: 'Bearer',
          });
        }
        return send(400, { error: 'invalid_grant', error_description: `Code ${params.code} is invalid; verifier ${params.code_verifier}` });
      }
      send(404, { error: 'not_found', path: url.pathname });
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve();
    }),
  );
}

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

// ------------------------------------------------------------------------------------------------
// The temp world

let t: TempState;
let env: NodeJS.ProcessEnv;
let argvLogDir: string;
const SHIMS = ['xdg-open', 'open', 'sensible-browser', 'x-www-browser', 'gio', 'wslview', 'claude', 'codex', 'firefox', 'google-chrome'];

function seedStore(): Record<string, unknown> {
  return {
    version: 1,
    profiles: {
      'anthropic:default': { type: 'api_key', provider: 'anthropic', key: C.anthropicKey.value },
      'anthropic:setup': { type: 'token', provider: 'anthropic', token: C.setupToken.value, expires: NOW + 300 * 86_400_000 },
      'anthropic:oauth': {
        type: 'oauth',
        provider: 'anthropic',
        access: C.anthropicAccess.value,
        refresh: C.anthropicRefresh.value,
        expires: NOW - 60_000,
        email: 'canary@example.com',
      },
      'openai-codex:default': {
        type: 'oauth',
        provider: 'openai-codex',
        access: C.codexAccess.value,
        refresh: C.codexRefresh.value,
        expires: NOW - 60_000,
        accountId: 'acct-canary-test',
      },
      'openrouter:work': { type: 'api_key', provider: 'openrouter', key: C.openrouterKey.value },
    },
    order: { anthropic: ['anthropic:setup', 'anthropic:default', 'anthropic:oauth'] },
    usageStats: { 'anthropic:default': { cooldownUntil: NOW + 600_000, errorCount: 3, failureCounts: { rate_limit: 3 } } },
  };
}

async function writeSeedStore(): Promise<void> {
  await fsp.mkdir(t.agentDir, { recursive: true, mode: 0o700 });
  await fsp.writeFile(t.storePath, JSON.stringify(seedStore(), null, 2) + '\n', { mode: 0o600 });
}

/** Credential stores: the only files allowed to hold secrets (and their backups / temp files). */
function isCredentialStore(file: string): boolean {
  const base = path.basename(file);
  if (/^auth-profiles\.json(\.corrupt-.*|\.\d+|\.bak.*)?$/.test(base)) return true;
  if (file === path.join(t.home, '.claude', '.credentials.json')) return true;
  if (file === path.join(t.home, '.codex', 'auth.json')) return true;
  if (file === path.join(t.stateDir, '.env')) return true;
  return false;
}

beforeAll(async () => {
  requireBuild();
  await startServer();
  t = await makeTempState('cb-g-canary-');
  argvLogDir = path.join(t.root, 'argv-log');
  const shimDir = path.join(t.root, 'bin');
  await fsp.mkdir(argvLogDir, { recursive: true });
  await fsp.mkdir(shimDir, { recursive: true });
  // Programs the CLI might start (browser openers, claude, codex) record their argv and exit.
  for (const name of SHIMS) {
    const script = `#!/bin/sh\nprintf '%s\\n' "${name}" "$@" > "${argvLogDir}/${name}-$$.argv"\nexit 0\n`;
    await fsp.writeFile(path.join(shimDir, name), script, { mode: 0o755 });
  }
  await writeSeedStore();
  await fsp.writeFile(
    path.join(t.stateDir, '.env'),
    `# daemon env\nANTHROPIC_API_KEY=${C.dotenvAnthropic.value}\nexport DEEPSEEK_API_KEY="${C.dotenvDeepseek.value}"\n`,
    { mode: 0o600 },
  );
  await fsp.mkdir(path.join(t.home, '.claude'), { recursive: true });
  await fsp.writeFile(
    path.join(t.home, '.claude', '.credentials.json'),
    JSON.stringify({
      claudeAiOauth: {
        accessToken: C.claudeAccess.value,
        refreshToken: C.claudeRefresh.value,
        expiresAt: NOW + 3_600_000,
        scopes: ['user:inference', 'user:profile'],
        subscriptionType: 'max',
      },
    }),
    { mode: 0o600 },
  );
  await fsp.mkdir(path.join(t.home, '.codex'), { recursive: true });
  await fsp.writeFile(
    path.join(t.home, '.codex', 'auth.json'),
    JSON.stringify({
      OPENAI_API_KEY: null,
      tokens: { id_token: C.codexCliId.value, access_token: C.codexCliAccess.value, refresh_token: C.codexCliRefresh.value, account_id: 'acct-canary-test' },
      last_refresh: new Date(NOW).toISOString(),
    }),
    { mode: 0o600 },
  );
  // Temp files the CLI (or a library) writes land inside the scanned tree too.
  await fsp.mkdir(path.join(t.root, 'tmp'), { recursive: true, mode: 0o700 });
  env = {
    ...t.env,
    TMPDIR: path.join(t.root, 'tmp'),
    PATH: `${shimDir}:${t.env.PATH}`,
    OPENAI_API_KEY: C.envOpenai.value,
    GROQ_API_KEY: C.envGroq.value,
    ANTHROPIC_BASE_URL: baseUrl,
    CLAWDBOT_CHATGPT_BASE_URL: baseUrl,
    OPENAI_BASE_URL: `${baseUrl}/v1`,
    CLAWDBOT_OPENAI_OAUTH_BASE_URL: baseUrl,
    CLAWDBOT_ANTHROPIC_OAUTH_BASE_URL: baseUrl,
    CLAWDBOT_OAUTH_TIMEOUT_MS: '20000',
    CLAWDBOT_NO_BROWSER: '1',
    DISPLAY: ':0',
  };
}, 60_000);

afterAll(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  await t?.cleanup();
});

// ------------------------------------------------------------------------------------------------
// Running and scanning

const allRuns: Array<{ args: string[]; result: RunResult }> = [];

function leaksIn(args: string[], r: { stdout: string; stderr: string }): Leak[] {
  const label = `clawdbot ${args.join(' ')}`;
  // The CLI's own argv: secrets never go there (they come by stdin, env and files).
  return [
    ...findLeaks(args.join(' '), CANARIES, `${label}: argv`),
    ...findLeaks(r.stdout, CANARIES, `${label}: stdout`),
    ...findLeaks(r.stderr, CANARIES, `${label}: stderr`),
    ...scanFiles(t.root, CANARIES, isCredentialStore),
  ];
}

async function run(args: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunResult> {
  const r = await runCli(args, { env: opts.env ?? env, stdin: opts.stdin ?? '', timeoutMs: opts.timeoutMs ?? 25_000 });
  allRuns.push({ args, result: r });
  const leaks = leaksIn(args, r);
  expect(leaks, formatLeaks(leaks)).toEqual([]);
  // A crash is a finding too: the one-line error contract (a stack only with CLAWDBOT_DEBUG=1).
  if (opts.env?.CLAWDBOT_DEBUG !== '1') expect(r.stderr, `clawdbot ${args.join(' ')} crashed`).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  return r;
}

function lines(r: RunResult): string {
  return `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

// ------------------------------------------------------------------------------------------------

describe('hardening: canary scan over every command', () => {
  it('self-check: the scan finds a canary piece printed by a child, written to a file, or put in argv', async () => {
    const key = C.envOpenai.value;
    const r = await runCli(['--version'], { env });
    expect(findLeaks(r.stdout, CANARIES, 'clean')).toEqual([]);
    const echo = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, ['-e', 'process.stdout.write("x" + process.env.OPENAI_API_KEY.slice(11, 20) + "y")'], { env });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.on('close', () => resolve(out));
    });
    expect(findLeaks(echo, CANARIES, 'child stdout').map((l) => l.label)).toEqual([C.envOpenai.label]);
    const probeFile = path.join(t.root, 'probe.log');
    await fsp.writeFile(probeFile, `token=${key.slice(-8)}\n`);
    try {
      expect(scanFiles(t.root, CANARIES, isCredentialStore).map((l) => l.where)).toEqual([`file ${probeFile}`]);
    } finally {
      await fsp.rm(probeFile);
    }
    // The credential stores themselves are the only files allowed to hold secrets.
    expect(listFiles(t.root, () => false).filter(isCredentialStore).length).toBeGreaterThanOrEqual(4);
  });

  describe('status', () => {
    for (const mode of [[], ['--plain'], ['--json'], ['--check'], ['--all-agents', '--json'], ['--check', '--plain']]) {
      it(`models status ${mode.join(' ')}`.trim(), async () => {
        const r = await run(['models', 'status', ...mode]);
        expect(r.code, lines(r)).not.toBeNull();
        if (mode.includes('--json')) JSON.parse(r.stdout);
        // It did show the profiles (masked), so the scan looked at real output.
        if (!mode.includes('--check') || mode.includes('--plain')) expect(r.stdout).toContain('anthropic:default');
      });
    }
    for (const mode of [['--json'], ['--plain']]) {
      it(`models status --probe ${mode[0]} (401 from a loopback server that echoes the credential and sends escape codes)`, async () => {
        const before = hits.length;
        const r = await run(['models', 'status', '--probe', ...mode]);
        expect(hits.length, `the probe reached the server\n${lines(r)}`).toBeGreaterThan(before);
        expect(r.stdout + r.stderr, 'escape sequences from the server reached the terminal').not.toMatch(/\x07|\x1b\]0;|\x1b\[2J/);
        if (mode[0] === '--json') JSON.parse(r.stdout);
      });
    }
  });

  describe('usage (models status --usage / --warn-usage, channels list)', () => {
    for (const args of [
      ['models', 'status', '--usage', '--json'],
      ['models', 'status', '--usage', '--plain'],
      ['models', 'status', '--check', '--warn-usage', '50'],
      ['channels', 'list'],
      ['channels', 'list', '--json'],
      ['channels', 'list', '--json', '--no-usage'],
    ]) {
      it(`clawdbot ${args.join(' ')} (usage endpoints that echo the token)`, async () => {
        const before = hits.filter((h) => h.url.includes('usage')).length;
        const r = await run(args);
        expect(r.code, lines(r)).not.toBeNull();
        if (args.includes('--json')) JSON.parse(r.stdout);
        if (!args.includes('--no-usage')) expect(hits.filter((h) => h.url.includes('usage')).length, 'the usage endpoints were asked').toBeGreaterThan(before);
      });
    }
  });

  describe('auth list / order', () => {
    for (const mode of [[], ['--json']]) {
      it(`models auth list ${mode.join(' ')}`.trim(), async () => {
        const r = await run(['models', 'auth', 'list', ...mode]);
        expect(r.code, lines(r)).toBe(0);
        expect(r.stdout).toContain('openrouter:work');
      });
      it(`models auth order get/set/clear ${mode.join(' ')}`.trim(), async () => {
        expect((await run(['models', 'auth', 'order', 'get', '--provider', 'anthropic', ...mode])).code).toBe(0);
        expect((await run(['models', 'auth', 'order', 'set', '--provider', 'anthropic', 'anthropic:setup', 'anthropic:default', ...mode])).code).toBe(0);
        expect((await run(['models', 'auth', 'order', 'clear', '--provider', 'openrouter', ...mode])).code).toBe(0);
        // Error mode: an unknown profile id.
        expect((await run(['models', 'auth', 'order', 'set', '--provider', 'anthropic', 'anthropic:nope', ...mode])).code).not.toBe(0);
      });
    }
  });

  describe('paste-token / setup-token (secrets on stdin)', () => {
    for (const mode of [[], ['--json']]) {
      it(`models auth paste-token ${mode.join(' ')}`.trim(), async () => {
        const r = await run(['models', 'auth', 'paste-token', '--provider', 'openrouter', '--profile-id', `openrouter:pasted${mode.length}`, ...mode], {
          stdin: `export OPENROUTER_API_KEY="${C.pastedToken.value}";\n`,
        });
        expect(r.code, lines(r)).toBe(0);
      });
    }
    it('models auth paste-token refusing a token with a space inside (the error does not echo it)', async () => {
      const half = Math.floor(C.pastedBad.value.length / 2);
      const r = await run(['models', 'auth', 'paste-token', '--provider', 'openrouter'], {
        stdin: `${C.pastedBad.value.slice(0, half)} ${C.pastedBad.value.slice(half)}\n`,
      });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/spaces/);
    });
    it('models auth setup-token (stdin, non-TTY; it has no --json)', async () => {
      const r = await run(['models', 'auth', 'setup-token', '--provider', 'anthropic', '--profile-id', 'anthropic:st'], {
        stdin: `${C.pastedSetup.value}\n`,
      });
      expect(r.code, lines(r)).toBe(0);
    });
    it('models auth setup-token refusing an API key pasted by mistake', async () => {
      const r = await run(['models', 'auth', 'setup-token', '--provider', 'anthropic'], { stdin: `${C.anthropicKey.value}\n` });
      expect(r.code).not.toBe(0);
    });
  });

  describe('agents / remove', () => {
    for (const mode of [[], ['--json']]) {
      it(`agents add + list ${mode.join(' ')}`.trim(), async () => {
        expect((await run(['agents', 'add', `copy${mode.length}`, '--profile', 'anthropic:default', '--profile', 'openai-codex:default', ...mode])).code).toBe(0);
        expect((await run(['agents', 'list', ...mode])).code).toBe(0);
      });
    }
    for (const mode of [[], ['--json']]) {
      it(`models auth remove ${mode.join(' ')}`.trim(), async () => {
        const r = await run(['models', 'auth', 'remove', `openrouter:pasted${mode.length}`, '--yes', ...mode]);
        expect(r.code, lines(r)).toBe(0);
        expect((await run(['models', 'auth', 'remove', 'openrouter:does-not-exist', '--yes', ...mode])).code).not.toBe(0);
      });
    }
  });

  describe('login (loopback sign-in server)', () => {
    it('models auth login --provider openai-codex --no-browser: pasted code, tokens issued by the server', async () => {
      const port = await freePort();
      const r = await runInteractiveLogin(['models', 'auth', 'login', '--provider', 'openai-codex', '--no-browser', '--profile-id', 'openai-codex:canary'], port, C.authCode.value);
      expect(r.code, lines(r)).toBe(0);
      const leaks = leaksIn(['models', 'auth', 'login'], r);
      expect(leaks, formatLeaks(leaks)).toEqual([]);
    });
    it('models auth login with a browser allowed: the opener started by the CLI gets no secret in argv', async () => {
      const port = await freePort();
      const browserEnv = { ...env, CLAWDBOT_NO_BROWSER: '' };
      const r = await runInteractiveLogin(['models', 'auth', 'login', '--provider', 'openai-codex', '--profile-id', 'openai-codex:browser'], port, C.authCode.value, browserEnv);
      expect(r.code, lines(r)).toBe(0);
      // The opener (xdg-open or a browser found on PATH: all shims here) recorded its argv.
      const logs = await pollUntil(() => {
        const found = fs.readdirSync(argvLogDir);
        return found.length > 0 ? found : undefined;
      }, 10_000, 'a browser opener to be started');
      const argv = (logs ?? []).map((f) => fs.readFileSync(path.join(argvLogDir, f), 'utf8')).join('\n');
      expect(argv).toMatch(/state=/);
      const leaks = [...findLeaks(argv, CANARIES, 'browser opener argv'), ...leaksIn(['models', 'auth', 'login'], r)];
      expect(leaks, formatLeaks(leaks)).toEqual([]);
    });
    for (const good of [true, false]) {
      it(`models auth login through the browser callback, ${good ? 'accepted' : 'code rejected and echoed'}: the page the browser gets holds no secret`, async () => {
        const port = await freePort();
        const code = good ? C.authCode : makeCanary('rejected callback code', 'ac_');
        if (!good) CANARIES.push(code);
        const before = browserPages.length;
        const r = await runInteractiveLogin(
          ['models', 'auth', 'login', '--provider', 'openai-codex', '--no-browser', '--profile-id', `openai-codex:cb${good ? 1 : 0}`],
          port,
          code.value,
          env,
          'callback',
        );
        expect(r.code === 0, lines(r)).toBe(good);
        const page = (await pollUntil(() => browserPages[before], 5_000, 'the callback page')) ?? '';
        expect(page).toMatch(good ? /^HTTP 200/ : /^HTTP 5\d\d/);
        const leaks = [...findLeaks(page, CANARIES, 'browser page'), ...leaksIn(['models', 'auth', 'login', 'callback'], r)];
        expect(leaks, formatLeaks(leaks)).toEqual([]);
      });
    }
    for (const mode of [[], ['--json']]) {
      it(`models auth login --device ${mode.join(' ')} (user code, approval, exchange)`.trim(), async () => {
        const before = hits.length;
        const r = await run(['models', 'auth', 'login', '--provider', 'openai-codex', '--device', '--profile-id', `openai-codex:dev${mode.length}`, ...mode], {
          timeoutMs: 30_000,
        });
        expect(r.code, lines(r)).toBe(0);
        expect(r.stdout + r.stderr).toContain('CNRY-TEST');
        expect(hits.slice(before).map((h) => h.url)).toEqual(expect.arrayContaining(['/api/accounts/deviceauth/token', '/oauth/token']));
      });
    }
    it('models auth login --json with a code the server rejects (and echoes back)', async () => {
      const port = await freePort();
      const badCode = makeCanary('rejected authorization code', 'ac_');
      CANARIES.push(badCode);
      const r = await runInteractiveLogin(['models', 'auth', 'login', '--provider', 'openai-codex', '--no-browser', '--json'], port, badCode.value);
      expect(r.code, lines(r)).not.toBe(0);
      const leaks = leaksIn(['models', 'auth', 'login', '--json'], r);
      expect(leaks, formatLeaks(leaks)).toEqual([]);
    });
  });

  describe('refresh (invalid_grant that echoes the refresh token)', () => {
    for (const mode of [[], ['--json']]) {
      itIf(HAS.refresh)(`models auth refresh --all ${mode.join(' ')}${note(HAS.refresh)}`, async () => {
        const before = hits.length;
        const r = await run(['models', 'auth', 'refresh', '--all', ...mode]);
        // The first run reaches the server; after invalid_grant the profile needs a sign-in and
        // later runs make no request for that token (G10), so only the first must hit.
        if (mode.length === 0) expect(hits.slice(before).some((h) => h.url.includes('/oauth/token')), lines(r)).toBe(true);
        expect(r.code).not.toBe(0);
      });
      itIf(HAS.refresh)(`models auth refresh --profile openai-codex:default ${mode.join(' ')}${note(HAS.refresh)}`, async () => {
        await run(['models', 'auth', 'refresh', '--profile', 'openai-codex:default', ...mode]);
      });
    }
  });

  describe('other commands', () => {
    for (const mode of [[], ['--json']]) {
      itIf(HAS.cooldown)(`models auth cooldown list/clear ${mode.join(' ')}${note(HAS.cooldown)}`, async () => {
        await run(['models', 'auth', 'cooldown', 'list', ...mode]);
        await run(['models', 'auth', 'cooldown', 'clear', 'anthropic:default', ...mode]);
      });
      it(`doctor ${mode.join(' ')}`.trim(), async () => {
        const r = await run(['doctor', ...mode]);
        if (mode.length) JSON.parse(r.stdout);
      });
    }
    itIf(HAS.onboard)(`onboard --non-interactive (env key) --json${note(HAS.onboard)}`, async () => {
      await run(['onboard', '--non-interactive', '--auth-choice', 'apiKey', '--agent', 'onboarded', '--json'], {
        env: { ...env, ANTHROPIC_API_KEY: C.dotenvAnthropic.value },
      });
    });
    itIf(HAS.onboard)(`onboard --non-interactive --token - (stdin)${note(HAS.onboard)}`, async () => {
      await run(['onboard', '--non-interactive', '--auth-choice', 'token', '--token', '-', '--token-provider', 'anthropic', '--agent', 'onboarded2'], {
        stdin: `${C.pastedSetup.value}\n`,
      });
    });
    itIf(HAS.authAdd)(`models auth add --provider openrouter (non-TTY)${note(HAS.authAdd)}`, async () => {
      await run(['models', 'auth', 'add', '--provider', 'openrouter'], { stdin: `${C.pastedToken.value}\n` });
    });
    it('--help and --version of every group print no secret', async () => {
      for (const args of [['--help'], ['models', '--help'], ['models', 'auth', '--help'], ['--version']]) await run(args);
    });
  });

  describe('error modes', () => {
    it('the store path is a directory (an I/O error path), with CLAWDBOT_DEBUG=1 stack', async () => {
      const agentDir = path.join(t.stateDir, 'agents', 'broken', 'agent');
      await fsp.mkdir(path.join(agentDir, 'auth-profiles.json'), { recursive: true, mode: 0o700 });
      for (const args of [
        ['models', 'status', '--agent', 'broken', '--plain'],
        ['models', 'auth', 'list', '--agent', 'broken'],
        ['models', 'auth', 'paste-token', '--provider', 'openrouter', '--agent', 'broken'],
      ]) {
        const r = await run(args, { env: { ...env, CLAWDBOT_DEBUG: '1' }, stdin: `${C.pastedToken.value}\n` });
        // status reports the unreadable store and goes on; the others fail with the error.
        if (args[1] !== 'status') expect(r.code, lines(r)).not.toBe(0);
        expect(r.stdout + r.stderr).toMatch(/EISDIR|is a directory/);
      }
    });

    for (const kind of ['uncaught exception', 'unhandled rejection'] as const) {
      it(`an ${kind} while a command runs is reported in one redacted line, exit non-zero`, async () => {
        // A launcher injects the failure half a second into a paste-token waiting on stdin; the
        // error carries a token the way an IdP error body would.
        const leaked = makeCanary(`token in an ${kind}`, 'rt_');
        CANARIES.push(leaked);
        const launcher = path.join(t.root, `inject-${kind.split(' ')[0]}.mjs`);
        const boom =
          kind === 'uncaught exception'
            ? `setTimeout(() => { throw new Error('upstream said: {"refresh_token":"${leaked.value}"}'); }, 500);`
            : `setTimeout(() => { Promise.reject(new Error('upstream said: Authorization: Bearer ${leaked.value}')); }, 500);`;
        await fsp.writeFile(launcher, `${boom}\nawait import(${JSON.stringify(pathToFileURL(DIST_CLI).href)});\n`);
        const r = await new Promise<RunResult>((resolve) => {
          const child = spawn(process.execPath, [launcher, 'models', 'auth', 'paste-token', '--provider', 'openrouter'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
          let stdout = '';
          let stderr = '';
          child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
          child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
          child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
          // stdin stays open: the command is still waiting when the failure comes.
          setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
        });
        await fsp.rm(launcher);
        expect(r.signal, lines(r)).toBeNull();
        expect(r.code, lines(r)).not.toBe(0);
        expect(r.stderr, lines(r)).toMatch(/^clawdbot: unexpected error: upstream said/);
        expect(r.stderr.trim().split('\n'), 'one line, no stack').toHaveLength(1);
        const leaks = leaksIn([kind], r);
        expect(leaks, formatLeaks(leaks)).toEqual([]);
      });
    }

    it('a lock held past the timeout (a write waits, gives up with one line, writes nothing)', async () => {
      const lockPath = `${t.storePath}.lock`;
      await fsp.writeFile(lockPath, JSON.stringify({ pid: process.pid, host: os.hostname(), nonce: 'held-by-test', acquiredAt: Date.now() }), { mode: 0o600 });
      const before = await fsp.readFile(t.storePath);
      // Keep the lock fresh, as a live holder does.
      const beat = setInterval(() => {
        const now = new Date();
        fs.utimesSync(lockPath, now, now);
      }, 1000);
      try {
        // Reads do not wait for the lock.
        await run(['models', 'status', '--json']);
        const r = await run(['models', 'auth', 'paste-token', '--provider', 'openrouter', '--profile-id', 'openrouter:locked'], {
          stdin: `${C.pastedToken.value}\n`,
          timeoutMs: 60_000,
        });
        expect(r.code, lines(r)).not.toBe(0);
        expect(r.stderr).toMatch(/lock/i);
        expect((await fsp.readFile(t.storePath)).equals(before)).toBe(true);
      } finally {
        clearInterval(beat);
        await fsp.rm(lockPath, { force: true });
      }
    }, 90_000);

    it('a corrupt store: quote removed before a secret, then truncated inside one (status, list, paste-token, doctor)', async () => {
      const good = JSON.stringify(seedStore(), null, 2) + '\n';
      // `"key": sk-ant-api03-…` is "Unexpected token", whose V8 message quotes the bytes around it.
      const unquoted = good.replace(`"key": "${C.anthropicKey.value}"`, `"key": ${C.anthropicKey.value}`);
      const at = good.indexOf(C.codexRefresh.value) + 12;
      for (const bad of [unquoted, good.slice(0, at)]) {
        await fsp.writeFile(t.storePath, bad, { mode: 0o600 });
        for (const args of [
          ['models', 'status', '--plain'],
          ['models', 'status', '--json'],
          ['models', 'status', '--check'],
          ['models', 'auth', 'list', '--json'],
          ['models', 'auth', 'order', 'get', '--provider', 'anthropic'],
          ['models', 'auth', 'paste-token', '--provider', 'openrouter'],
          ['doctor'],
          ['doctor', '--json'],
        ]) {
          await run(args, { stdin: `${C.pastedToken.value}\n` });
        }
        expect(await fsp.readFile(t.storePath, 'utf8')).toBe(bad);
      }
      // doctor --repair moves it aside (a credential-store backup, excluded from the scan).
      await run(['doctor', '--repair', '--yes']);
      await run(['doctor', '--repair', '--yes', '--json']);
      await writeSeedStore();
    }, 120_000);
  });

  describe('debug mode (CLAWDBOT_DEBUG=1: stacks are printed, and redacted)', () => {
    const debugEnv = () => ({ ...env, CLAWDBOT_DEBUG: '1' });
    for (const args of [
      ['models', 'status', '--plain'],
      ['models', 'status', '--json', '--probe'],
      ['models', 'auth', 'list', '--json'],
      ['models', 'auth', 'order', 'set', '--provider', 'anthropic', 'anthropic:nope'],
      ['models', 'auth', 'remove', 'nope:nope', '--yes'],
      ['doctor', '--json'],
    ]) {
      it(`CLAWDBOT_DEBUG=1 clawdbot ${args.join(' ')}`, async () => {
        await run(args, { env: debugEnv() });
      });
    }
    itIf(HAS.refresh)(`CLAWDBOT_DEBUG=1 clawdbot models auth refresh --all${note(HAS.refresh)}`, async () => {
      await run(['models', 'auth', 'refresh', '--all'], { env: debugEnv() });
    });
    it('CLAWDBOT_DEBUG=1 on a corrupt store (V8 would quote the bytes around the error)', async () => {
      const good = JSON.stringify(seedStore(), null, 2) + '\n';
      await fsp.writeFile(t.storePath, good.replace(`"token": "${C.setupToken.value}"`, `"token": ${C.setupToken.value}`), { mode: 0o600 });
      try {
        for (const args of [['models', 'status', '--plain'], ['models', 'auth', 'list'], ['models', 'auth', 'paste-token', '--provider', 'openrouter']]) {
          await run(args, { env: debugEnv(), stdin: `${C.pastedToken.value}\n` });
        }
      } finally {
        await writeSeedStore();
      }
    });
  });

  describe('pseudo-terminal frames', () => {
    itIf(HAS.dashboard)(`dashboard frames (models status on a terminal)${note(HAS.dashboard)}`, async () => {
      const { spawnCli } = await import('../helpers/pty.js');
      const run = spawnCli(['models', 'status'], { env: { ...env, TERM: 'xterm-256color' }, cols: 120, rows: 40 });
      try {
        await run.waitFor(/anthropic/, 15_000);
        run.press('down');
        run.press('down');
        await run.waitFor(/openai-codex|openrouter/, 10_000);
        // Help, filter, agent switch and the remove confirmation, each cancelled. The pause only
        // paces the keys; the scan reads every byte ever written, so nothing depends on timing.
        // u asks the usage endpoints (which echo the token) again.
        for (const keys of [['?'], ['escape'], ['/', 'o', 'p', 'e', 'n'], ['escape'], ['a'], ['escape'], ['x'], ['escape'], ['c'], ['escape'], ['u']]) {
          for (const k of keys) run.press(k);
          await new Promise((r) => setTimeout(r, 250));
        }
        const leaks = [...findLeaks(run.output(), CANARIES, 'dashboard output'), ...findLeaks(run.screen(), CANARIES, 'dashboard screen')];
        expect(leaks, formatLeaks(leaks)).toEqual([]);
      } finally {
        run.press('q');
        run.kill();
      }
    });
    itIf(HAS.onboard)(`wizard frames (onboard on a terminal: typing a key, live check answered 401 with the key echoed, saving)${note(HAS.onboard)}`, async () => {
      const { spawnCli } = await import('../helpers/pty.js');
      const typed = makeCanary('API key typed into the wizard', 'sk-ant-api03-');
      CANARIES.push(typed);
      const run = spawnCli(['onboard', '--agent', 'wizard'], { env: { ...env, TERM: 'xterm-256color' }, cols: 100, rows: 30 });
      const scan = (where: string) => {
        const leaks = [...findLeaks(run.output(), CANARIES, `wizard output (${where})`), ...findLeaks(run.screen(), CANARIES, `wizard screen (${where})`)];
        expect(leaks, formatLeaks(leaks)).toEqual([]);
      };
      try {
        // A new agent first offers to copy main's profiles (masked): take none.
        const first = await run.waitFor(/Provider|Copy profiles/, 15_000);
        scan('first step');
        if (/Copy profiles/.test(first)) {
          run.press('enter');
          await run.waitFor('Provider', 10_000);
        }
        run.press('enter');
        await run.waitFor('How to sign in', 10_000);
        scan('sign-in choices');
        run.press('enter');
        await run.waitFor('Credential: API key', 10_000);
        run.write(typed.value);
        await run.waitFor(`(${typed.value.length} characters, hidden)`, 10_000);
        scan('key typed');
        run.press('enter');
        // The live check hits the loopback server, which answers 401 and echoes the key.
        await run.waitFor(/401|rejected|Profile name|invalid/i, 15_000);
        expect(hits.some((h) => h.url.includes('/models')), 'the wizard checked the key against the loopback server').toBe(true);
        scan('after the live check');
        for (let i = 0; i < 4 && !/Summary|Default model|Next:/.test(run.screen()); i++) {
          run.press('enter');
          await new Promise((r) => setTimeout(r, 300));
        }
        scan('summary');
      } finally {
        run.press('ctrl-c');
        run.kill();
      }
    });
  });

  it('summary: the scan covered real output, files and child argv, with zero hits', () => {
    expect(allRuns.length).toBeGreaterThan(30);
    const files = listFiles(t.root, isCredentialStore);
    expect(files.length).toBeGreaterThan(0);
    const leaks = [...allRuns.flatMap((r) => leaksIn(r.args, r.result)), ...scanFiles(t.root, CANARIES, isCredentialStore)];
    expect(leaks, formatLeaks(leaks)).toEqual([]);
  });

  it('after every command above: every file in the state dir is 0600 and every directory 0700 (G14)', () => {
    const loose: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const full = path.join(d, e.name);
        const m = fs.lstatSync(full).mode & 0o777;
        if (e.isDirectory()) {
          if (m !== 0o700) loose.push(`${full} ${m.toString(8)}`);
          walk(full);
        } else if (e.isFile() && m !== 0o600) loose.push(`${full} ${m.toString(8)}`);
      }
    };
    walk(t.stateDir);
    expect(loose).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------------

/** Run a login, wait for the authorize URL, paste the redirect URL with `code` on stdin. */
/** What the browser was shown by the callback server, when the code arrived through it. */
const browserPages: string[] = [];

function runInteractiveLogin(
  args: string[],
  port: number,
  code: string,
  baseEnv: NodeJS.ProcessEnv = env,
  via: 'paste' | 'callback' = 'paste',
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DIST_CLI, ...args], {
      cwd: ROOT,
      env: { ...baseEnv, CLAWDBOT_OAUTH_CALLBACK_PORT: String(port) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let pasted = false;
    const onOut = () => {
      if (pasted) return;
      const m = /(https?:\/\/\S*state=[^\s&]+\S*)/.exec(stdout + stderr);
      if (!m) return;
      const url = new URL(m[1]!);
      const state = url.searchParams.get('state');
      const redirect = url.searchParams.get('redirect_uri') ?? `http://localhost:${port}/auth/callback`;
      pasted = true;
      if (via === 'paste') {
        child.stdin.write(`${redirect}?code=${encodeURIComponent(code)}&state=${state}\n`);
        return;
      }
      // Act as the browser: follow the redirect to the loopback callback server.
      void fetch(`http://127.0.0.1:${port}/auth/callback?code=${encodeURIComponent(code)}&state=${state}`)
        .then(async (res) => browserPages.push(`HTTP ${res.status}\n${await res.text()}`))
        .catch((err: unknown) => browserPages.push(`fetch failed: ${String(err)}`));
    };
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      onOut();
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      onOut();
    });
    child.stdin.on('error', () => undefined);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`login timed out\n${stdout}\n${stderr}`));
    }, 25_000);
    child.on('close', (c, signal) => {
      clearTimeout(timer);
      const r = { code: c, signal, stdout, stderr };
      allRuns.push({ args, result: r });
      resolve(r);
    });
  });
}
