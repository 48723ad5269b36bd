// Round-trip against Clawdbot-shaped files (test/fixtures/clawdbot): all three credential types,
// order, lastGood, usageStats, unknown extra fields at every level and an unknown credential type.
// Loading changes nothing; each write through the real CLI changes exactly what it should and
// keeps every other byte of meaning (deep-equal except the changed part). G13 as a property:
// random unknown fields survive a locked update of an unrelated profile.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import JSON5 from 'json5';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { updateAuthStore } from '../../src/store/index.js';
import { FIXTURES, makeTempState, readJson, requireBuild, runCli, type TempState } from '../helpers/store-cli.js';

const fixtureStore = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'auth-profiles.json'), 'utf8'));
const fixtureConfig = JSON5.parse(fs.readFileSync(path.join(FIXTURES, 'clawdbot.json'), 'utf8'));

let state: TempState;
beforeAll(() => requireBuild());
beforeEach(async () => {
  state = await makeTempState('cb-f-rt-');
  await fsp.mkdir(state.agentDir, { recursive: true, mode: 0o700 });
  await fsp.copyFile(path.join(FIXTURES, 'auth-profiles.json'), state.storePath);
  await fsp.copyFile(path.join(FIXTURES, 'clawdbot.json'), state.configPath);
  await fsp.chmod(state.storePath, 0o600);
  await fsp.chmod(state.configPath, 0o600);
});
afterEach(() => state.cleanup());

const clone = <T>(v: T): T => structuredClone(v);
const secretsOf = (doc: any): string[] =>
  Object.values(doc.profiles as Record<string, any>).flatMap((c) => [c.key, c.token, c.access, c.refresh].filter((s): s is string => typeof s === 'string'));

function expectNoSecrets(text: string): void {
  for (const s of secretsOf(fixtureStore)) expect(text).not.toContain(s.slice(-16));
}

describe('Clawdbot-shaped store round-trip through the CLI', () => {
  it('loads: reading commands see the fixture and leave the bytes alone', async () => {
    const before = await fsp.readFile(state.storePath);
    const order = await runCli(['models', 'auth', 'order', 'get', '--provider', 'anthropic', '--json'], { env: state.env });
    expect(order.code, order.stderr).toBe(0);
    expect(JSON.parse(order.stdout).order).toEqual(['anthropic:manual', 'anthropic:default']);
    const list = await runCli(['agents', 'list', '--json'], { env: state.env });
    expect(list.code, list.stderr).toBe(0);
    const main = JSON.parse(list.stdout).agents.find((a: any) => a.agentId === 'main');
    expect(main.profiles).toBe(6);
    expect(main.providers).toEqual(['acme', 'anthropic', 'google-gemini-cli', 'openai-codex', 'openrouter']);
    expectNoSecrets(order.stdout + order.stderr + list.stdout + list.stderr);
    expect((await fsp.readFile(state.storePath)).equals(before)).toBe(true);
  });

  it('paste-token of a new profile adds exactly that profile', async () => {
    const r = await runCli(['models', 'auth', 'paste-token', '--provider', 'mistral', '--profile-id', 'mistral:new'], {
      env: state.env,
      stdin: 'mistral-RoundTripToken-0123456789abcdef\n',
    });
    expect(r.code, r.stderr).toBe(0);
    const after = await readJson(state.storePath);
    const added = after.profiles['mistral:new'];
    expect(added).toEqual({ type: 'token', provider: 'mistral', token: 'mistral-RoundTripToken-0123456789abcdef' });
    const want = clone(fixtureStore);
    want.profiles['mistral:new'] = added;
    expect(after).toEqual(want);
    // Written the way Clawdbot writes it: version first, 2-space JSON, trailing newline.
    const text = await fsp.readFile(state.storePath, 'utf8');
    expect(text.startsWith('{\n  "version": 1,\n  "profiles": {')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('paste-token over an existing token profile replaces the secret and keeps its unknown fields', async () => {
    const r = await runCli(['models', 'auth', 'paste-token', '--provider', 'anthropic', '--profile-id', 'anthropic:manual', '--expires-in', '30d', '--force'], {
      env: state.env,
      stdin: 'sk-ant-oat01-ReplacedTokenZZZZZZZZZZZZZZZZZZZZZZZZ-0099',
    });
    expect(r.code, r.stderr).toBe(0);
    const after = await readJson(state.storePath);
    const cred = after.profiles['anthropic:manual'];
    expect(cred.token).toBe('sk-ant-oat01-ReplacedTokenZZZZZZZZZZZZZZZZZZZZZZZZ-0099');
    expect(cred.source).toBe('setup-token');
    expect(cred.notes).toEqual(fixtureStore.profiles['anthropic:manual'].notes);
    const want = clone(fixtureStore);
    want.profiles['anthropic:manual'] = { ...want.profiles['anthropic:manual'], token: cred.token, expires: cred.expires };
    expect(after).toEqual(want);
    expectNoSecrets(r.stdout + r.stderr);
  });

  it('paste-token without --expires-in over a token that had an expiry stores no expiry (not the old one)', async () => {
    const r = await runCli(['models', 'auth', 'paste-token', '--provider', 'anthropic', '--profile-id', 'anthropic:manual', '--force'], {
      env: state.env,
      stdin: 'sk-ant-oat01-NoExpiryTokenYYYYYYYYYYYYYYYYYYYYYYYY-0100',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/no expiry/);
    const cred = (await readJson(state.storePath)).profiles['anthropic:manual'];
    expect(cred.expires).toBeUndefined();
    expect(cred.token).toBe('sk-ant-oat01-NoExpiryTokenYYYYYYYYYYYYYYYYYYYYYYYY-0100');
    // Extras that are not part of the credential model are still kept.
    expect(cred.source).toBe('setup-token');
    expect(cred.notes).toEqual(fixtureStore.profiles['anthropic:manual'].notes);
  });

  it('order set / clear touch only that provider\'s order', async () => {
    const set = await runCli(['models', 'auth', 'order', 'set', '--provider', 'anthropic', 'anthropic:default', 'anthropic:manual'], { env: state.env });
    expect(set.code, set.stderr).toBe(0);
    const want = clone(fixtureStore);
    want.order.anthropic = ['anthropic:default', 'anthropic:manual'];
    expect(await readJson(state.storePath)).toEqual(want);
    const clear = await runCli(['models', 'auth', 'order', 'clear', '--provider', 'anthropic'], { env: state.env });
    expect(clear.code, clear.stderr).toBe(0);
    delete want.order.anthropic;
    expect(await readJson(state.storePath)).toEqual(want);
  });

  it('remove takes the profile and every reference to it, nothing else', async () => {
    const r = await runCli(['models', 'auth', 'remove', 'anthropic:manual', '--yes'], { env: state.env });
    expect(r.code, r.stderr).toBe(0);
    const want = clone(fixtureStore);
    delete want.profiles['anthropic:manual'];
    want.order.anthropic = ['anthropic:default'];
    delete want.lastGood.anthropic;
    delete want.usageStats['anthropic:manual'];
    expect(await readJson(state.storePath)).toEqual(want);
  });

  it('a write of the config keeps every unknown key and applies the claude-cli mode migration', async () => {
    const r = await runCli(['models', 'auth', 'paste-token', '--provider', 'openrouter', '--profile-id', 'openrouter:work'], {
      env: state.env,
      stdin: 'sk-or-v1-ConfigRoundTrip00000000000000000000',
    });
    expect(r.code, r.stderr).toBe(0);
    const cfg = await readJson(state.configPath);
    const want = clone(fixtureConfig);
    want.auth.profiles['anthropic:claude-cli'].mode = 'oauth';
    want.auth.profiles['openrouter:work'] = { provider: 'openrouter', mode: 'token' };
    expect(cfg).toEqual(want);
    // The previous bytes are kept as a backup, byte for byte.
    expect((await fsp.readFile(`${state.configPath}.bak`, 'utf8'))).toBe(fs.readFileSync(path.join(FIXTURES, 'clawdbot.json'), 'utf8'));
  });
});

describe('G13: unknown fields survive writes (property)', () => {
  const key = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,10}$/).filter((k) => !['version', 'profiles', 'order', 'lastGood', 'usageStats', 'type', 'provider', 'key', 'email', '__proto__', 'constructor'].includes(k));
  const json = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
  const extras = fc.dictionary(key, json, { maxKeys: 4 });

  it('extras at the top level, in a credential, in usageStats and an unknown credential type all survive', async () => {
    const file = path.join(state.root, 'prop', 'auth-profiles.json');
    await fc.assert(
      fc.asyncProperty(extras, extras, extras, extras, async (top, inCred, inUsage, inUnknown) => {
        const doc = {
          ...top,
          version: 1,
          profiles: {
            'anthropic:default': { ...inCred, type: 'api_key', provider: 'anthropic', key: 'sk-ant-prop' },
            'acme:x': { ...inUnknown, type: 'hologram', provider: 'acme' },
          },
          usageStats: { 'anthropic:default': { ...inUsage, errorCount: 1 } },
        };
        await fsp.mkdir(path.dirname(file), { recursive: true });
        await fsp.writeFile(file, JSON.stringify(doc));
        await updateAuthStore(
          file,
          (d) => {
            d.profiles['openai:new'] = { type: 'api_key', provider: 'openai', key: 'sk-new' };
            return true;
          },
          { warn: () => undefined },
        );
        const after = JSON.parse(await fsp.readFile(file, 'utf8'));
        const want = JSON.parse(JSON.stringify(doc));
        want.profiles['openai:new'] = { type: 'api_key', provider: 'openai', key: 'sk-new' };
        expect(after).toEqual(want);
      }),
      { numRuns: 150 },
    );
  });
});
