// `clawdbot models auth remove ID` as a real process: without a TTY it needs --yes; it removes the
// profile and every reference to it (order, lastGood, usageStats, config), nothing else.
import fsp from 'node:fs/promises';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectNoSecretIn, makeTempState, readJson, requireBuild, runCli, writeStore, type TempState } from '../helpers/store-cli.js';

const KEY = 'sk-ant-api03-RemoveTestKey44444444444444444-eeee';
const OTHER = 'sk-ant-oat01-RemoveTestOther5555555555555555-ffff';
let state: TempState;
beforeAll(() => requireBuild());
beforeEach(async () => {
  state = await makeTempState('cb-f-remove-');
  await writeStore(state.storePath, {
    version: 1,
    profiles: {
      'anthropic:default': { type: 'api_key', provider: 'anthropic', key: KEY },
      'anthropic:manual': { type: 'token', provider: 'anthropic', token: OTHER },
    },
    order: { anthropic: ['anthropic:default', 'anthropic:manual'] },
    lastGood: { anthropic: 'anthropic:default' },
    usageStats: { 'anthropic:default': { lastUsed: 1, errorCount: 0 }, 'anthropic:manual': { lastUsed: 2 } },
  });
  await fsp.writeFile(
    state.configPath,
    JSON.stringify({ auth: { profiles: { 'anthropic:default': { provider: 'anthropic', mode: 'api_key' }, 'anthropic:manual': { provider: 'anthropic', mode: 'token' } }, order: { anthropic: ['anthropic:default', 'anthropic:manual'] } } }),
    { mode: 0o600 },
  );
});
afterEach(() => state.cleanup());

describe('models auth remove', () => {
  it('takes the id as --profile-id too (as paste-token and setup-token name it); no id is one clear line', async () => {
    const none = await runCli(['models', 'auth', 'remove', '--yes'], { env: state.env });
    expect(none.code).toBe(1);
    expect(none.stderr.trim()).toBe('clawdbot: Which profile? Run `clawdbot models auth remove ID` (the ids: `clawdbot models auth list`).');
    const two = await runCli(['models', 'auth', 'remove', 'anthropic:manual', '--profile-id', 'anthropic:default', '--yes'], { env: state.env });
    expect(two.code).toBe(1);
    expect(two.stderr).toMatch(/Give the profile id once/);
    const r = await runCli(['models', 'auth', 'remove', '--profile-id', 'anthropic:manual', '--yes'], { env: state.env });
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys((await readJson<{ profiles: object }>(state.storePath)).profiles)).toEqual(['anthropic:default']);
  });

  it('without a TTY and without --yes it refuses, saying to pass --yes; nothing changes', async () => {
    const before = await fsp.readFile(state.storePath);
    const r = await runCli(['models', 'auth', 'remove', 'anthropic:default'], { env: state.env });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/without confirmation; pass --yes/);
    expect((await fsp.readFile(state.storePath)).equals(before)).toBe(true);
  });

  it('--yes removes the profile and every reference to it, in the store and the config', async () => {
    const r = await runCli(['models', 'auth', 'remove', 'anthropic:default', '--yes'], { env: state.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`Removed anthropic:default from ${state.storePath}\n`);
    expect(await readJson(state.storePath)).toEqual({
      version: 1,
      profiles: { 'anthropic:manual': { type: 'token', provider: 'anthropic', token: OTHER } },
      order: { anthropic: ['anthropic:manual'] },
      lastGood: {},
      usageStats: { 'anthropic:manual': { lastUsed: 2 } },
    });
    const cfg = await readJson(state.configPath);
    expect(cfg.auth.profiles).toEqual({ 'anthropic:manual': { provider: 'anthropic', mode: 'token' } });
    expect(cfg.auth.order).toEqual({ anthropic: ['anthropic:manual'] });
    expectNoSecretIn(r.stdout + r.stderr, KEY);
  });

  it('--json prints what was removed', async () => {
    const r = await runCli(['models', 'auth', 'remove', 'anthropic:manual', '--yes', '--json'], { env: state.env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ removed: 'anthropic:manual', agentId: 'main', storePath: state.storePath });
    expectNoSecretIn(r.stdout, OTHER);
  });

  it('an unknown id is one clear line, exit 1, nothing written', async () => {
    const before = await fsp.readFile(state.storePath);
    const r = await runCli(['models', 'auth', 'remove', 'anthropic:ghost', '--yes'], { env: state.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/No profile "anthropic:ghost" in agent main/);
    expect((await fsp.readFile(state.storePath)).equals(before)).toBe(true);
  });
});
