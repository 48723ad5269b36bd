// Where credentials come from, as `models status` shows it (real CLI processes, temp state dirs):
// the login shell env (`env.shellEnv`), Claude Code's sign-in, the cacheControlTtl note, `--probe`
// against a real HTTP server on 127.0.0.1 (and offline), and `models auth list`.
// Build first: `node scripts/build.mjs`.
import fsp from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TempState, makeTempState, requireBuild } from '../helpers/store-cli.js';
import { removeSnapshot, runCliSnapshot as runCli, snapshotCliPath } from '../fixtures/status/cli-snapshot.js';
import { ACCESS, ALL_SECRETS, H, KEY_A, OPENAI_KEY, REFRESH, TOKEN_A, writeConfigFile, writeStoreFile } from '../fixtures/status/scenarios.js';

beforeAll(async () => {
  requireBuild();
  await snapshotCliPath();
});
afterAll(() => removeSnapshot());

const temps: TempState[] = [];
const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  for (const t of temps.splice(0)) await t.cleanup();
});

async function temp() {
  const t = await makeTempState('cb-a2-');
  temps.push(t);
  return { t, dirs: { stateDir: t.stateDir, home: t.home } };
}

function noSecrets(text: string) {
  for (const s of ALL_SECRETS) expect(text).not.toContain(s);
}

async function fakeShell(dir: string, body: string): Promise<string> {
  const file = path.join(dir, 'fake-login-shell');
  await fsp.writeFile(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

describe('env.shellEnv', () => {
  it('a key exported only in the login shell is used, shown as source "shell env", and never printed', async () => {
    const { t, dirs } = await temp();
    await writeConfigFile(dirs, `{ env: { shellEnv: { enabled: true } }, agents: { defaults: { model: { primary: "openai/gpt-5.2" } } } }`);
    const shell = await fakeShell(t.root, `printf 'HOME=/x\\0OPENAI_API_KEY=${OPENAI_KEY}\\0MULTI=a\\nb\\0'`);
    const env = { ...t.env, SHELL: shell };
    const json = await runCli(['models', 'status', '--json'], { env });
    noSecrets(json.stdout + json.stderr);
    const doc = JSON.parse(json.stdout);
    expect(doc.auth.shellEnvFallback).toEqual({ enabled: true, appliedKeys: ['OPENAI_API_KEY'] });
    const openai = doc.auth.providers.find((p: { provider: string }) => p.provider === 'openai');
    expect(openai.effective).toEqual({ kind: 'env', detail: 'shell env: OPENAI_API_KEY' });
    expect(openai.env).toEqual({ value: 'sk-proj-…oooo', source: 'shell env: OPENAI_API_KEY' });
    expect(doc.check.exitCode).toBe(0);

    const check = await runCli(['models', 'status', '--check'], { env });
    expect(check.code).toBe(0);
    expect(check.stdout).toBe('ok: every credential in use is usable\n  openai: OPENAI_API_KEY from shell env\n');
    const text = await runCli(['models', 'status', '--plain'], { env });
    expect(text.stdout).toMatch(/openai:\$OPENAI_API_KEY\s+api_key\s+shell env:OPENAI_API_KEY\s+sk-proj-…oooo\s+static/);
    expect(text.stdout).toContain('Shell env   used OPENAI_API_KEY');
    noSecrets(text.stdout);
  });

  it('the process env wins over the shell, and the shell is not consulted when disabled', async () => {
    const { t, dirs } = await temp();
    const marker = path.join(t.root, 'shell-ran');
    const shell = await fakeShell(t.root, `touch '${marker}'; printf 'ANTHROPIC_API_KEY=${KEY_A}\\0'`);
    await writeConfigFile(dirs, `{ env: { shellEnv: { enabled: false } } }`);
    const r = await runCli(['models', 'status', '--check'], { env: { ...t.env, SHELL: shell } });
    expect(r.code).toBe(1); // no credential: the shell's key is not used
    await expect(fsp.access(marker)).rejects.toThrow();
  });

  it('a login shell that hangs is given up on after the timeout: one line, and status still answers', async () => {
    const { t, dirs } = await temp();
    await writeConfigFile(dirs, `{ env: { shellEnv: { enabled: true, timeoutMs: 300 } } }`);
    const shell = await fakeShell(t.root, `sleep 20`);
    const started = Date.now();
    const r = await runCli(['models', 'status', '--json'], { env: { ...t.env, SHELL: shell, ANTHROPIC_API_KEY: KEY_A } });
    expect(Date.now() - started).toBeLessThan(10_000);
    const doc = JSON.parse(r.stdout);
    expect(doc.auth.shellEnvFallback.error).toMatch(/did not answer within 0\.3s/);
    expect(doc.check.exitCode).toBe(0); // the process env still counts
  });
});

describe('Claude Code sign-in and prompt caching', () => {
  it('Claude Code credentials appear as anthropic:claude-cli (source claude-cli), with the cacheControlTtl note', async () => {
    const { t, dirs } = await temp();
    await fsp.mkdir(path.join(t.home, '.claude'), { recursive: true });
    await fsp.writeFile(
      path.join(t.home, '.claude', '.credentials.json'),
      JSON.stringify({ claudeAiOauth: { accessToken: TOKEN_A, refreshToken: REFRESH, expiresAt: Date.now() + 5 * H } }),
      { mode: 0o600 },
    );
    await writeConfigFile(dirs, `{ agents: { defaults: { models: { "anthropic/claude-opus-4-5": { params: { cacheControlTtl: "1h" } } } } } }`);
    const r = await runCli(['models', 'status', '--json'], { env: t.env });
    noSecrets(r.stdout + r.stderr);
    const doc = JSON.parse(r.stdout);
    const p = doc.auth.oauth.profiles.find((x: { profileId: string }) => x.profileId === 'anthropic:claude-cli');
    expect(p).toMatchObject({ provider: 'anthropic', type: 'oauth', source: 'claude-cli', status: 'expiring', canRefresh: true, orderPosition: 1 });
    expect(doc.auth.notes.join('\n')).toMatch(/cacheControlTtl "1h" for anthropic\/claude-opus-4-5 has no effect with anthropic:claude-cli/);
    // Refreshable: not an alarm.
    expect((await runCli(['models', 'status', '--check'], { env: t.env })).code).toBe(0);
  });

  it('with an API key first in line the TTL applies, and no note claims otherwise', async () => {
    const { dirs, t } = await temp();
    await writeConfigFile(dirs, `{ agents: { defaults: { models: { "anthropic/claude-opus-4-5": { params: { cacheControlTtl: "5m" } } } } } }`);
    await writeStoreFile(dirs, { version: 1, profiles: { 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: KEY_A } } });
    const doc = JSON.parse((await runCli(['models', 'status', '--json'], { env: t.env })).stdout);
    expect(doc.auth.notes.join('\n')).not.toMatch(/cacheControlTtl/);
  });
});

function startServer(handler: http.RequestListener): Promise<string> {
  return new Promise((resolve) => {
    const s = http.createServer(handler);
    servers.push(s);
    s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`));
  });
}

describe('--probe', () => {
  it('checks each credential live: a good key is ok, a rejected one is auth, with no secret in the output', async () => {
    const seen: string[] = [];
    const base = await startServer((req, res) => {
      const key = String(req.headers['x-api-key'] ?? '');
      seen.push(`${req.method} ${req.url}`);
      if (key === KEY_A) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}');
      } else {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `invalid x-api-key ${key}` } }));
      }
    });
    const { t, dirs } = await temp();
    await writeStoreFile(dirs, {
      version: 1,
      profiles: {
        'anthropic:good': { type: 'api_key', provider: 'anthropic', key: KEY_A },
        'anthropic:bad': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-' + 'Z'.repeat(40) },
      },
    });
    const env = { ...t.env, ANTHROPIC_BASE_URL: base };
    const r = await runCli(['models', 'status', '--json', '--probe'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('Z'.repeat(20));
    noSecrets(r.stdout + r.stderr);
    const doc = JSON.parse(r.stdout);
    const byId = Object.fromEntries(doc.auth.oauth.profiles.map((p: { profileId: string; probe: unknown }) => [p.profileId, p.probe]));
    expect(byId['anthropic:good']).toMatchObject({ status: 'ok' });
    expect(byId['anthropic:bad']).toMatchObject({ status: 'auth' });
    // Clawdbot's summary shape too.
    expect(doc.auth.probes.results).toContainEqual(expect.objectContaining({ provider: 'anthropic', profileId: 'anthropic:bad', status: 'auth', source: 'store', mode: 'api_key' }));
    expect(seen.every((s) => s.startsWith('GET /v1/models'))).toBe(true);
  });

  it('offline: each profile gets one line saying the provider could not be reached, no stack trace', async () => {
    // A port that was just free: nothing listens there.
    const base = await startServer(() => undefined);
    const port = new URL(base).port;
    await new Promise((r) => servers.pop()!.close(r));
    const { t, dirs } = await temp();
    await writeStoreFile(dirs, { version: 1, profiles: { 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: KEY_A } } });
    const r = await runCli(['models', 'status', '--plain', '--probe'], { env: { ...t.env, ANTHROPIC_BASE_URL: `http://127.0.0.1:${port}` } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const line = r.stdout.split('\n').find((l) => /^\s+1\.\s+anthropic:default\s/.test(l))!;
    expect(line).toMatch(/probe: network \d+ms \(Could not reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\.\)/);
    expect(r.stdout).not.toMatch(/\n\s+at /);
  });
});

describe('models auth list', () => {
  it('lists every profile id with provider, type and source, and no secret', async () => {
    const { t, dirs } = await temp();
    await writeStoreFile(dirs, {
      version: 1,
      profiles: {
        'openai-codex:me@example.com': { type: 'oauth', provider: 'openai-codex', access: ACCESS, refresh: REFRESH, expires: Date.now() + H, email: 'me@example.com' },
        'anthropic:default': { type: 'api_key', provider: 'anthropic', key: KEY_A },
        'anthropic:claude-cli': { type: 'token', provider: 'anthropic', token: TOKEN_A },
      },
    });
    const json = await runCli(['models', 'auth', 'list', '--json'], { env: t.env });
    expect(json.code).toBe(0);
    noSecrets(json.stdout);
    expect(json.stdout).not.toContain('…'); // not even masked values
    const doc = JSON.parse(json.stdout);
    expect(doc.authStorePath).toBe(t.storePath);
    expect(doc.profiles).toEqual([
      { profileId: 'anthropic:claude-cli', provider: 'anthropic', type: 'token', source: 'claude-cli' },
      { profileId: 'anthropic:default', provider: 'anthropic', type: 'api_key', source: 'store' },
      { profileId: 'openai-codex:me@example.com', provider: 'openai-codex', type: 'oauth', source: 'store', email: 'me@example.com' },
    ]);
    const text = await runCli(['models', 'auth', 'list'], { env: t.env });
    expect(text.stdout.trim().split('\n')).toHaveLength(3);
    expect(text.stdout).toMatch(/^anthropic:default\s+anthropic\s+api_key\s+store$/m);
    noSecrets(text.stdout);
  });

  it('an agent with no store says so and how to add one; a corrupt store is one clear error line', async () => {
    const { t, dirs } = await temp();
    // A known agent (named in the config) that has no store yet; an unknown one is an error.
    await writeConfigFile(dirs, JSON.stringify({ agents: { list: [{ id: 'ops' }] } }));
    const empty = await runCli(['models', 'auth', 'list', '--agent', 'ops'], { env: t.env });
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(/No profiles in agent ops .*clawdbot onboard/);
    const emptyJson = JSON.parse((await runCli(['models', 'auth', 'list', '--json', '--agent', 'ops'], { env: t.env })).stdout);
    expect(emptyJson.profiles).toEqual([]);

    await writeStoreFile(dirs, '{"version":1,"profiles":');
    const bad = await runCli(['models', 'auth', 'list', '--json'], { env: t.env });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/auth-profiles\.json: .*doctor --repair/);
  });
});
