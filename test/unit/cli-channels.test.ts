// `clawdbot channels list`: the profile list Clawdbot's docs send people to (`--json` shows
// `auth[]`), in Clawdbot's shape, with chat channel accounts from the config and per-profile usage
// from loopback stand-ins of the usage endpoints (none asked with --no-usage).
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUsageApi, anthropicUsageBody, startFakeUsageApi } from '../helpers/fake-usage-api.js';
import { expectNoSecretIn, makeTempState, requireBuild, runCli, writeStore, type TempState } from '../helpers/store-cli.js';

const NOW = Date.now();
const secret = (prefix: string) => `${prefix}${crypto.randomBytes(30).toString('base64url')}`;
const S = { work: secret('sk-ant-oat01-'), cli: secret('sk-ant-oat01-'), key: secret('sk-ant-api03-'), codex: secret('tok_') };

let api: FakeUsageApi;
let t: TempState;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  requireBuild();
  api = await startFakeUsageApi();
  t = await makeTempState('cb-channels-');
  env = { ...t.env, ANTHROPIC_BASE_URL: api.url, CLAWDBOT_CHATGPT_BASE_URL: api.url };
  await writeStore(t.storePath, {
    version: 1,
    profiles: {
      'anthropic:work': { type: 'oauth', provider: 'anthropic', access: S.work, refresh: secret('sk-ant-ort01-'), expires: NOW + 3_600_000 },
      'anthropic:claude-cli': { type: 'oauth', provider: 'anthropic', access: S.cli, refresh: secret('sk-ant-ort01-'), expires: NOW + 3_600_000 },
      'anthropic:default': { type: 'api_key', provider: 'anthropic', key: S.key },
      'openai-codex:codex-cli': { type: 'oauth', provider: 'openai-codex', access: S.codex, refresh: secret('rt_'), expires: NOW - 1000 },
    },
  });
  api.replies.set(S.work, { status: 200, body: anthropicUsageBody(30, 60, NOW) });
  api.replies.set(S.cli, { status: 403, body: { error: { message: 'OAuth token does not meet scope requirement user:profile' } } });
});
afterAll(async () => {
  await api.close();
  await t.cleanup();
});

const noSecrets = (out: string) => Object.values(S).forEach((s) => expectNoSecretIn(out, s));

describe('channels list', () => {
  it('--json: {chat, auth[], usage} as the docs describe; chat is empty without channels', async () => {
    const r = await runCli(['channels', 'list', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    noSecrets(r.stdout + r.stderr);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc).sort()).toEqual(['agentId', 'auth', 'chat', 'usage']);
    expect(doc.chat).toEqual({});
    expect(doc.auth).toEqual([
      { id: 'anthropic:claude-cli', provider: 'anthropic', type: 'oauth', isExternal: true },
      { id: 'anthropic:default', provider: 'anthropic', type: 'api_key', isExternal: false },
      { id: 'anthropic:work', provider: 'anthropic', type: 'oauth', isExternal: false },
      { id: 'openai-codex:codex-cli', provider: 'openai-codex', type: 'oauth', isExternal: true },
    ]);
    expect(typeof doc.usage.updatedAt).toBe('number');
    // One entry per profile with a usage endpoint (not the API key).
    const byId = new Map<string, any>(doc.usage.providers.map((u: any) => [u.profileId, u]));
    expect([...byId.keys()].sort()).toEqual(['anthropic:claude-cli', 'anthropic:work', 'openai-codex:codex-cli']);
    expect(byId.get('anthropic:work')).toMatchObject({ provider: 'anthropic', displayName: 'Claude', status: 'ok', windows: [{ label: '5h', usedPercent: 30 }, { label: 'Week', usedPercent: 60 }] });
    expect(byId.get('anthropic:claude-cli')).toMatchObject({ status: 'no_scope', error: 'usage not available for this token', windows: [] });
    expect(byId.get('openai-codex:codex-cli')).toMatchObject({ status: 'expired', error: 'usage: token expired' });
  });

  it('chat lists the config channel accounts; --no-usage asks no endpoint and has no usage key', async () => {
    await fsp.writeFile(
      t.configPath,
      JSON.stringify({ channels: { telegram: { accounts: { work: { botToken: 'x' }, default: { botToken: 'y' } } }, discord: { token: 'z' }, broken: 'yes' } }),
      { mode: 0o600 },
    );
    try {
      const before = api.requests.length;
      const r = await runCli(['channels', 'list', '--json', '--no-usage'], { env });
      expect(r.code, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(doc.chat).toEqual({ telegram: ['default', 'work'], discord: ['default'] });
      expect(doc).not.toHaveProperty('usage');
      expect(api.requests.length).toBe(before);
    } finally {
      await fsp.rm(t.configPath, { force: true });
    }
  });

  it('text: a short list with the usage line under each subscription profile', async () => {
    const r = await runCli(['channels', 'list'], { env });
    expect(r.code, r.stderr).toBe(0);
    noSecrets(r.stdout + r.stderr);
    expect(r.stdout).toMatch(/^- anthropic:claude-cli {2}anthropic {2}oauth {2}\(Claude Code login\)\n {4}usage not available for this token$/m);
    expect(r.stdout).toMatch(/^- anthropic:work {2}anthropic {2}oauth\n {4}usage: 5h 70% left \(resets in 2h \d\dm\) · Week 40% left/m);
    expect(r.stdout).toMatch(/^- anthropic:default {2}anthropic {2}api_key\n- anthropic:work/m);
    expect(r.stdout).toContain('Chat channels: none configured');
  });

  it('--agent picks the agent; --help says it is the docs\' profile list and points to models auth list', async () => {
    const r = await runCli(['channels', 'list', '--agent', 'ops', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ agentId: 'ops', auth: [], chat: {} });
    const help = await runCli(['channels', 'list', '--help'], { env });
    expect(help.stdout.replace(/\s+/g, ' ')).toMatch(/the profile list the docs mean by `channels list --json`.*clawdbot models auth list/);
    expect(help.stdout).toMatch(/--no-usage/);
  });
});
