// A token the provider issued is never lost: when saving it fails (here: rename of the store fails
// with EIO, injected into the real CLI process by store-fail-preload.mjs), the new credential is
// kept in a 0600 recovery file beside the store, the error says where in one line without a
// secret, and the next command that opens the store (or doctor) imports it. Without that, the
// refresh token the provider rotated is gone and the next refresh gets invalid_grant.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RefreshTokenServer, startRefreshTokenServer } from '../helpers/refresh-token-server.js';
import { type FakeOpenAiAuth, freePort, startFakeOpenAiAuth } from '../helpers/fake-openai-auth.js';
import { DIST_CLI, ROOT, type TempState, expectNoSecretIn, makeTempState, mode, readJson, requireBuild, runCli, runProcess, waitFor, writeStore } from '../helpers/store-cli.js';

const PRELOAD = path.join(ROOT, 'test', 'helpers', 'store-fail-preload.mjs');
const ID = 'openai-codex:default';
const R0 = 'rt-codex-0-initial-yyyyyyyyyyyyyyyy';

let t: TempState;
beforeAll(() => requireBuild());
beforeEach(async () => {
  t = await makeTempState('cb-f-recover-');
});
afterEach(() => t.cleanup());

const recoveryFiles = () => fs.readdirSync(t.agentDir).filter((n) => n.startsWith('auth-profiles.recovery-'));
const KEPT = /it was kept in (\S+auth-profiles\.recovery-\d+-\d+-\d+\.json) and the next clawdbot command \(or `clawdbot doctor`\) adds it to the store\.$/;

describe('refresh: the save fails after the provider rotated the token', () => {
  let server: RefreshTokenServer;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    server = await startRefreshTokenServer();
    env = { ...t.env, CLAWDBOT_OPENAI_OAUTH_BASE_URL: server.url };
    await writeStore(t.storePath, {
      version: 1,
      profiles: { [ID]: { type: 'oauth', provider: 'openai-codex', access: 'expired-access-token-0000000000', refresh: R0, expires: Date.now() - 60_000 } },
    });
    server.accept(R0);
  });
  afterEach(() => server.close());

  async function failedRefresh(): Promise<string> {
    const before = await fsp.readFile(t.storePath);
    const r = await runProcess(process.execPath, ['--import', PRELOAD, DIST_CLI, 'models', 'auth', 'refresh', '--profile', ID], {
      env: { ...env, CLAWDBOT_TEST_FAIL: 'rename' },
    });
    expect(r.code).toBe(1);
    expect(server.requests).toHaveLength(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^clawdbot: openai-codex:default: Could not save the refreshed token of "openai-codex:default" \(EIO\); /);
    const kept = KEPT.exec(lines[0]!)?.[1];
    expect(kept, lines[0]).toBeDefined();
    expectNoSecretIn(r.stdout + r.stderr, server.currentRefresh!);
    expectNoSecretIn(r.stdout + r.stderr, server.lastAccess!);
    // The store is as it was; the rotated tokens are in the recovery file, private.
    expect((await fsp.readFile(t.storePath)).equals(before)).toBe(true);
    expect(path.dirname(kept!)).toBe(t.agentDir);
    expect(mode(kept!)).toBe(0o600);
    const doc = await readJson(kept!);
    expect(doc.profiles[ID]).toMatchObject({ refresh: server.currentRefresh, access: server.lastAccess });
    return kept!;
  }

  it('keeps the new token in a 0600 recovery file; the next command imports it and the next refresh works (0 invalid_grant)', async () => {
    await failedRefresh();
    const status = await runCli(['models', 'status', '--json'], { env });
    expect(status.code, status.stderr).not.toBeNull();
    expect(recoveryFiles()).toEqual([]);
    const stored = (await readJson(t.storePath)).profiles[ID];
    expect(stored).toMatchObject({ refresh: server.currentRefresh, access: server.lastAccess });
    expect(stored.expires).toBeGreaterThan(Date.now());

    // Its access token runs out: the refresh spends the recovered refresh token, which is valid.
    const doc = await readJson(t.storePath);
    doc.profiles[ID].expires = Date.now() - 1000;
    await writeStore(t.storePath, doc);
    const again = await runCli(['models', 'auth', 'refresh', '--profile', ID], { env });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(server.requests).toHaveLength(2);
    expect(server.invalidGrants).toBe(0);
    expect((await readJson(t.storePath)).profiles[ID].refresh).toBe(server.currentRefresh);
  });

  it('doctor imports the recovery file and says so', async () => {
    await failedRefresh();
    const r = await runCli(['doctor', '--json'], { env });
    const out = JSON.parse(r.stdout) as { findings: Array<{ id: string; message: string; fixed?: boolean }> };
    const restored = out.findings.filter((f) => f.id === 'recovery.imported');
    expect(restored).toHaveLength(1);
    expect(restored[0]!.message).toMatch(/^openai-codex:default: restored the credential a failed save left in /);
    expect(out.findings.filter((f) => f.id === 'recovery.kept')).toEqual([]);
    expect(recoveryFiles()).toEqual([]);
    expect((await readJson(t.storePath)).profiles[ID].refresh).toBe(server.currentRefresh);
  });

  it('an older recovered token never replaces a newer one in the store (the file is removed)', async () => {
    await failedRefresh();
    // Meanwhile the user signed in again: the store has a newer credential.
    const newer = { type: 'oauth', provider: 'openai-codex', access: 'newer-access-token-1111111111', refresh: 'rt-newer-sign-in-zzzzzzzzzzzz', expires: Date.now() + 10 * 86_400_000 };
    await writeStore(t.storePath, { version: 1, profiles: { [ID]: newer } });
    const r = await runCli(['models', 'auth', 'list', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect((await readJson(t.storePath)).profiles[ID]).toEqual(newer);
    expect(recoveryFiles()).toEqual([]);
  });
});

describe('sign-in: the save fails after the provider issued the tokens', () => {
  let fake: FakeOpenAiAuth;
  beforeEach(async () => {
    fake = await startFakeOpenAiAuth();
  });
  afterEach(() => fake.close());

  it('ChatGPT sign-in (models auth login): kept in a recovery file, one line, imported by the next command', async () => {
    const port = await freePort();
    const env = { ...t.env, CLAWDBOT_OPENAI_OAUTH_BASE_URL: fake.url, CLAWDBOT_OAUTH_CALLBACK_PORT: String(port), CLAWDBOT_TEST_FAIL: 'rename' };
    const child = spawn(process.execPath, ['--import', PRELOAD, DIST_CLI, 'models', 'auth', 'login', '--provider', 'openai-codex', '--no-browser'], {
      cwd: ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const url = await waitFor(() => out.split('\n').find((l) => l.startsWith(`${fake.url}/oauth/authorize?`)), 'the authorize URL');
      child.stdin!.write((await fake.authorize(url)) + '\n');
      expect(await exited).toBe(1);
    } finally {
      child.kill('SIGKILL');
    }
    expect(fake.tokenRequests()).toHaveLength(1);
    const issued = fake.issued[0]!;
    const lines = err.trim().split('\n').filter((l) => l.startsWith('clawdbot:'));
    expect(lines, err).toHaveLength(1);
    expect(lines[0]).toMatch(/^clawdbot: Could not save the new ChatGPT sign-in \(EIO\); /);
    expect(lines[0]).toMatch(KEPT);
    for (const s of [issued.access_token, issued.refresh_token, issued.id_token]) expectNoSecretIn(out + err, s);
    expect(fs.existsSync(t.storePath)).toBe(false);
    const [kept] = recoveryFiles();
    expect(mode(path.join(t.agentDir, kept!))).toBe(0o600);

    const list = await runCli(['models', 'auth', 'list', '--json'], { env: t.env });
    expect(list.code, list.stderr).toBe(0);
    expect(recoveryFiles()).toEqual([]);
    const profiles = (await readJson(t.storePath)).profiles as Record<string, Record<string, unknown>>;
    expect(Object.values(profiles)).toEqual([expect.objectContaining({ type: 'oauth', provider: 'openai-codex', access: issued.access_token, refresh: issued.refresh_token })]);
  });
});
