// doctor's credential findings, which come from the one status model: expired and expiring
// credentials with the command that fixes each, providers in use with nothing usable, cooldowns
// and disables. Real stores in temp dirs, the built CLI as a child process.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTempState, readJson, requireBuild, runCli, writeStore, type TempState } from '../helpers/store-cli.js';
import { makeAccessJwt, startRefreshTokenServer } from '../helpers/refresh-token-server.js';

interface JsonFinding {
  id: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  fix?: string;
  fixed?: boolean;
  subject?: string;
}

let t: TempState;
beforeAll(() => requireBuild());
afterEach(async () => {
  await t?.cleanup();
});

const H = 3_600_000;
const TOKEN = 'sk-ant-oat01-' + 'Q'.repeat(70) + 'WXYZ';
const CONFIG = JSON.stringify({
  agents: { defaults: { model: { primary: 'anthropic/claude-opus-4-5' } } },
});

async function setup(profiles: Record<string, unknown>, extra: Record<string, unknown> = {}, config = CONFIG): Promise<void> {
  t = await makeTempState('cb-e-doc-');
  await fsp.mkdir(t.stateDir, { recursive: true, mode: 0o700 });
  await fsp.chmod(t.stateDir, 0o700);
  await fsp.writeFile(t.configPath, config, { mode: 0o600 });
  await writeStore(t.storePath, { version: 1, profiles, ...extra });
  for (const d of [path.join(t.stateDir, 'agents'), path.join(t.stateDir, 'agents', 'main'), t.agentDir]) await fsp.chmod(d, 0o700);
}

async function doctor(args: string[] = []) {
  const r = await runCli(['doctor', '--json', ...args], { env: t.env });
  const json = JSON.parse(r.stdout) as { ok: boolean; findings: JsonFinding[] };
  return { code: r.code, json, stdout: r.stdout, stderr: r.stderr };
}
const only = (fs: JsonFinding[], id: string) => {
  const hits = fs.filter((f) => f.id === id);
  expect(hits, `findings: ${JSON.stringify(fs)}`).toHaveLength(1);
  return hits[0]!;
};

describe('doctor credential findings', () => {
  it('healthy token in use: exit 0 and no credential findings', async () => {
    await setup({ 'anthropic:manual': { type: 'token', provider: 'anthropic', token: TOKEN, expires: Date.now() + 300 * 24 * H } });
    const r = await doctor();
    expect(r.json.findings.filter((f) => f.id.startsWith('credential.') || f.id.startsWith('provider.'))).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('an expired token in use is an error whose fix is the setup-token command; exit 1', async () => {
    await setup({ 'anthropic:manual': { type: 'token', provider: 'anthropic', token: TOKEN, expires: Date.now() - 2 * H } });
    const r = await doctor();
    expect(r.code).toBe(1);
    const f = only(r.json.findings, 'credential.expired');
    expect(f.severity).toBe('error');
    expect(f.message).toMatch(/anthropic:manual .*expired 1h 5\dm ago|anthropic:manual .*expired 2h/);
    expect(f.fix).toBe('clawdbot models auth setup-token --provider anthropic --profile-id anthropic:manual');
    // Never the token itself.
    expect(r.stdout).not.toContain('QQQQQQQQ');
  });

  it('a token expiring within 24h is a warning with its fix; --repair cannot fix it, so exit stays 1', async () => {
    await setup({ 'anthropic:manual': { type: 'token', provider: 'anthropic', token: TOKEN, expires: Date.now() + 5 * H } });
    for (const args of [[], ['--repair', '--yes']]) {
      const r = await doctor(args);
      expect(r.code).toBe(1);
      const f = only(r.json.findings, 'credential.expiring');
      expect(f.severity).toBe('warning');
      expect(f.message).toMatch(/expires in 4h 5\dm and cannot be refreshed/);
      expect(f.fix).toContain('setup-token');
    }
  });

  it('a token expiring within 24h for a provider no configured model uses is a notice, not a problem', async () => {
    await setup({
      'anthropic:manual': { type: 'token', provider: 'anthropic', token: TOKEN, expires: Date.now() + 300 * 24 * H },
      'openrouter:manual': { type: 'token', provider: 'openrouter', token: TOKEN, expires: Date.now() + 5 * H },
    });
    const r = await doctor();
    const f = only(r.json.findings, 'credential.expiring');
    expect(f.severity).toBe('info');
    expect(f.message).toMatch(/expires in 4h 5\dm and cannot be refreshed \(openrouter is not used by the configured models\)/);
    expect(f.fix).toContain('paste-token --provider openrouter');
    expect(r.json.findings.filter((x) => x.severity !== 'info')).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('an expired OAuth access token that can refresh is not an alarm', async () => {
    await setup(
      {
        'openai-codex:default': { type: 'oauth', provider: 'openai-codex', access: 'a'.repeat(40), refresh: 'r'.repeat(40), expires: Date.now() - H },
      },
      {},
      JSON.stringify({ agents: { defaults: { model: { primary: 'openai-codex/gpt-5.2' } } } }),
    );
    const r = await doctor();
    const f = only(r.json.findings, 'credential.expired-refreshable');
    expect(f.severity).toBe('info');
    expect(f.fix).toContain('clawdbot models auth refresh --profile openai-codex:default');
    expect(r.code).toBe(0);
  });

  it('a refresh token the provider rejected: needs-reauth error with the sign-in command', async () => {
    await setup(
      { 'openai-codex:default': { type: 'oauth', provider: 'openai-codex', access: 'a'.repeat(40), refresh: 'r'.repeat(40), expires: Date.now() - H } },
      { usageStats: { 'openai-codex:default': { reauthRequired: { at: Date.now() - 60_000, reason: 'invalid_grant' } } } },
      JSON.stringify({ agents: { defaults: { model: { primary: 'openai-codex/gpt-5.2' } } } }),
    );
    const r = await doctor();
    expect(r.code).toBe(1);
    const f = only(r.json.findings, 'credential.needs-reauth');
    expect(f.severity).toBe('error');
    expect(f.fix).toContain('clawdbot models auth login --provider openai-codex');
  });

  it('a profile with no secret: credential.missing in use is an error', async () => {
    await setup({ 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: '' } });
    const r = await doctor();
    expect(r.code).toBe(1);
    const f = only(r.json.findings, 'credential.missing');
    expect(f.severity).toBe('error');
    expect(f.message).toContain('no secret stored');
    expect(f.fix).toContain('clawdbot models auth');
  });

  it('a provider in use with no credential at all is an error naming the command that adds one', async () => {
    await setup({}, {}, JSON.stringify({ agents: { defaults: { model: { primary: 'openrouter/some-model' } } } }));
    const r = await doctor();
    expect(r.code).toBe(1);
    const f = only(r.json.findings, 'provider.missing');
    expect(f.message).toBe('openrouter is in use but has no usable credential');
    expect(f.fix).toBe('clawdbot models auth paste-token --provider openrouter');
  });

  it('a cooldown is reported (info) with the command that clears it; a billing disable is a warning', async () => {
    await setup(
      {
        'anthropic:a': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-' + 'k'.repeat(60) },
        'anthropic:b': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-' + 'j'.repeat(60) },
        'anthropic:c': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-' + 'i'.repeat(60) },
      },
      {
        usageStats: {
          'anthropic:a': { cooldownUntil: Date.now() + 20 * 60_000, errorCount: 3, failureCounts: { rate_limit: 3 } },
          'anthropic:b': { disabledUntil: Date.now() + 5 * H, disabledReason: 'billing', errorCount: 1 },
        },
      },
    );
    const r = await doctor();
    const cd = only(r.json.findings, 'credential.cooldown');
    expect(cd.subject).toBe('anthropic:a');
    expect(cd.severity).toBe('info');
    expect(cd.fix).toBe('clawdbot models auth cooldown clear anthropic:a');
    const dis = only(r.json.findings, 'credential.disabled');
    expect(dis.subject).toBe('anthropic:b');
    expect(dis.message).toContain('billing');
    expect(r.code).toBe(1);
  });

  it('every profile of a provider in use in cooldown is an error', async () => {
    await setup(
      { 'anthropic:a': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-' + 'k'.repeat(60) } },
      { usageStats: { 'anthropic:a': { cooldownUntil: Date.now() + 20 * 60_000 } } },
    );
    const r = await doctor();
    expect(r.code).toBe(1);
    const f = only(r.json.findings, 'provider.missing');
    expect(f.message).toContain('every profile is in cooldown or disabled');
    expect(f.fix).toBe('clawdbot models auth cooldown clear');
  });

  it('--agent points every check and every fix command at that agent', async () => {
    await setup({});
    const work = t.agentStorePath('work');
    await writeStore(work, { version: 1, profiles: { 'anthropic:manual': { type: 'token', provider: 'anthropic', token: TOKEN, expires: Date.now() - H } }, order: { anthropic: ['anthropic:manual', 'anthropic:nope'] } });
    const r = await runCli(['doctor', '--json', '--agent', 'work'], { env: t.env });
    const json = JSON.parse(r.stdout) as { agentId: string; storePath: string; findings: JsonFinding[] };
    expect(json.agentId).toBe('work');
    expect(json.storePath).toBe(work);
    expect(only(json.findings, 'credential.expired').fix).toContain('--agent work');
    expect(only(json.findings, 'order.missing-profile').fix).toContain('--agent work');
    expect(r.code).toBe(1);
  });

  it('syncs a Claude Code login (~/.claude/.credentials.json) into the store and says so', async () => {
    await setup({});
    const claude = path.join(t.home, '.claude', '.credentials.json');
    await fsp.mkdir(path.dirname(claude), { recursive: true });
    await fsp.writeFile(
      claude,
      JSON.stringify({ claudeAiOauth: { accessToken: 'sk-ant-oat01-' + 'C'.repeat(80), refreshToken: 'sk-ant-ort01-' + 'R'.repeat(80), expiresAt: Date.now() + 8 * H } }),
      { mode: 0o600 },
    );
    const r = await doctor();
    const f = only(r.json.findings, 'sync.external-cli');
    expect(f.message).toContain('anthropic:claude-cli');
    expect(f.fixed).toBe(true);
    const stored = (await readJson(t.storePath)).profiles['anthropic:claude-cli'];
    expect(stored.type).toBe('oauth');
    expect(r.stdout).not.toContain('CCCCCCCCCC');
    expect(r.code).toBe(0);
    // Nothing new the second time.
    const again = await doctor();
    expect(again.json.findings.filter((x) => x.id === 'sync.external-cli')).toEqual([]);
  });

  it('syncs a Codex CLI login ($CODEX_HOME/auth.json) as openai-codex:codex-cli, expiry from the token', async () => {
    await setup({}, {}, JSON.stringify({ agents: { defaults: { model: { primary: 'openai-codex/gpt-5.2' } } } }));
    const codexHome = path.join(t.root, 'codex');
    await fsp.mkdir(codexHome, { recursive: true });
    const exp = Math.floor(Date.now() / 1000) + 5 * 24 * 3600;
    await fsp.writeFile(
      path.join(codexHome, 'auth.json'),
      JSON.stringify({ tokens: { access_token: makeAccessJwt(7, exp, 'acct-codex'), refresh_token: 'codex-refresh-' + 'Z'.repeat(30), account_id: 'acct-codex' }, last_refresh: new Date().toISOString() }),
      { mode: 0o600 },
    );
    t.env.CODEX_HOME = codexHome;
    const r = await doctor();
    expect(only(r.json.findings, 'sync.external-cli').message).toContain('openai-codex:codex-cli');
    const stored = (await readJson(t.storePath)).profiles['openai-codex:codex-cli'];
    expect(stored.type).toBe('oauth');
    expect(Math.round(stored.expires / 1000)).toBe(exp);
    expect(r.stdout).not.toContain('ZZZZZZZZZZ');
    expect(r.code).toBe(0);
  });

  describe('refreshing expiring OAuth tokens (loopback token server)', () => {
    const CODEX_CONFIG = JSON.stringify({ agents: { defaults: { model: { primary: 'openai-codex/gpt-5.2' } } } });

    it('without --yes (not a terminal) it only offers: no request is made and the fix says how', async () => {
      const server = await startRefreshTokenServer();
      try {
        server.accept('refresh-original-0001');
        await setup(
          { 'openai-codex:default': { type: 'oauth', provider: 'openai-codex', access: makeAccessJwt(0, Math.floor(Date.now() / 1000) + 7200, 'acct-1'), refresh: 'refresh-original-0001', expires: Date.now() + 2 * H, accountId: 'acct-1' } },
          {},
          CODEX_CONFIG,
        );
        t.env.CLAWDBOT_OPENAI_OAUTH_BASE_URL = server.url;
        const before = await fsp.readFile(t.storePath);
        const r = await doctor();
        const f = only(r.json.findings, 'credential.expiring-refreshable');
        expect(f.fix).toContain('clawdbot doctor --yes');
        expect(server.requests).toHaveLength(0);
        expect((await fsp.readFile(t.storePath)).equals(before)).toBe(true);
        expect(r.code).toBe(0);
      } finally {
        await server.close();
      }
    });

    it('with --yes it refreshes: one token request, rotated tokens stored, reported as fixed', async () => {
      const server = await startRefreshTokenServer();
      try {
        server.accept('refresh-original-0002');
        server.accountId = 'acct-1';
        server.expiresIn = 10 * 24 * 3600;
        await setup(
          { 'openai-codex:default': { type: 'oauth', provider: 'openai-codex', access: makeAccessJwt(0, Math.floor(Date.now() / 1000) + 7200, 'acct-1'), refresh: 'refresh-original-0002', expires: Date.now() + 2 * H, accountId: 'acct-1' } },
          {},
          CODEX_CONFIG,
        );
        t.env.CLAWDBOT_OPENAI_OAUTH_BASE_URL = server.url;
        const r = await doctor(['--yes']);
        expect(server.requests).toHaveLength(1);
        const f = only(r.json.findings, 'credential.refreshed');
        expect(f.fixed).toBe(true);
        const cred = (await readJson(t.storePath)).profiles['openai-codex:default'];
        expect(cred.refresh).toBe(server.currentRefresh);
        expect(cred.refresh).not.toBe('refresh-original-0002');
        expect(cred.expires).toBeGreaterThan(Date.now() + 9 * 24 * H);
        expect(r.json.findings.filter((x) => x.id === 'credential.expiring-refreshable')).toEqual([]);
        expect(r.code).toBe(0);
        expect(r.stdout).not.toContain(server.currentRefresh!);
      } finally {
        await server.close();
      }
    });

    it('with --yes and a revoked refresh token: reported as an error with the sign-in command, exit 1', async () => {
      const server = await startRefreshTokenServer();
      try {
        server.accept('some-other-token');
        await setup(
          { 'openai-codex:default': { type: 'oauth', provider: 'openai-codex', access: makeAccessJwt(0, Math.floor(Date.now() / 1000) + 7200, 'acct-1'), refresh: 'refresh-revoked-0003', expires: Date.now() + 2 * H, accountId: 'acct-1' } },
          {},
          CODEX_CONFIG,
        );
        t.env.CLAWDBOT_OPENAI_OAUTH_BASE_URL = server.url;
        const r = await doctor(['--yes']);
        expect(r.code).toBe(1);
        const bad = r.json.findings.filter((x) => x.severity === 'error' && x.subject === 'openai-codex:default');
        expect(bad.length).toBeGreaterThan(0);
        expect(bad.some((x) => x.fix?.includes('clawdbot models auth login --provider openai-codex'))).toBe(true);
        expect(r.stdout).not.toContain('refresh-revoked-0003');
      } finally {
        await server.close();
      }
    });
  });
});
