// A store holding keyRef/tokenRef profiles goes through every write path of the built CLI: the
// references (and the unknown fields next to them) come out exactly as they went in, and no
// plaintext key or token ever appears on those profiles. Build first: `node scripts/build.mjs`.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTempState, readJson, requireBuild, runCli, writeStore, type TempState } from '../helpers/store-cli.js';

const KEY_REF = { type: 'api_key', provider: 'anthropic', keyRef: { source: 'env', provider: 'default', id: 'RT_ANTHROPIC_KEY' }, note: 'kept' };
const TOKEN_REF = { type: 'token', provider: 'groq', tokenRef: { source: 'exec', provider: 'op', id: 'groq/token', future: 1 }, expires: Date.now() + 86_400_000 * 90 };
const VALUE = 'sk-ant-api03-RoundTrip' + 'Hq7Zk2Wm'.repeat(6);

let t: TempState;
beforeAll(() => requireBuild());
beforeEach(async () => {
  t = await makeTempState('cb-refs-rt-');
  await writeStore(t.storePath, {
    version: 1,
    profiles: {
      'anthropic:ref': KEY_REF,
      'groq:ref': TOKEN_REF,
      'anthropic:plain': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-' + 'plainKey'.repeat(5) },
    },
    order: { anthropic: ['anthropic:ref', 'anthropic:plain'] },
  });
});
afterEach(async () => t.cleanup());

const env = () => ({ ...t.env, RT_ANTHROPIC_KEY: VALUE });
const cli = (args: string[], stdin = '') => runCli(args, { env: env(), stdin, timeoutMs: 30_000 });

async function expectRefsKept(file = t.storePath): Promise<void> {
  const doc = await readJson(file);
  expect(doc.profiles['anthropic:ref']).toEqual(KEY_REF);
  expect(doc.profiles['groq:ref']).toEqual(TOKEN_REF);
  expect(JSON.stringify(doc)).not.toContain(VALUE.slice(13));
}

describe('keyRef/tokenRef survive every write path', () => {
  const writes: Array<[string, string[], string?]> = [
    ['paste-token of another profile', ['models', 'auth', 'paste-token', '--provider', 'mistral'], 'mistral-token-0123456789abcdef\n'],
    ['setup-token of another profile', ['models', 'auth', 'setup-token', '--profile-id', 'anthropic:sub'], 'sk-ant-oat01-' + 'Zx9Yw8Vu'.repeat(12)],
    ['onboard --non-interactive (plaintext, another profile)', ['onboard', '--non-interactive', '--auth-choice', 'token', '--token', '-', '--token-provider', 'xai'], 'xai-' + 'Kj4Lm5Nn'.repeat(5)],
    ['paste-token --ref of another profile', ['models', 'auth', 'paste-token', '--provider', 'xai', '--ref', 'env:RT_ANTHROPIC_KEY']],
    ['the same reference saved again (updates in place)', ['models', 'auth', 'add', '--provider', 'anthropic', '--profile-id', 'anthropic:ref', '--ref', 'env:RT_ANTHROPIC_KEY']],
    ['order set', ['models', 'auth', 'order', 'set', '--provider', 'anthropic', 'anthropic:plain', 'anthropic:ref']],
    ['order clear', ['models', 'auth', 'order', 'clear', '--provider', 'anthropic']],
    ['cooldown clear', ['models', 'auth', 'cooldown', 'clear']],
    ['remove of another profile', ['models', 'auth', 'remove', 'anthropic:plain', '--yes']],
    ['doctor --repair', ['doctor', '--repair', '--yes']],
    ['status (load, housekeeping, external CLI sync)', ['models', 'status', '--json']],
    ['secrets audit', ['secrets', 'audit', '--json']],
  ];
  for (const [name, args, stdin] of writes) {
    it(name, async () => {
      const r = await cli(args, stdin);
      expect(r.code === 0 || (args[0] === 'doctor' && r.code !== null), `${args.join(' ')}: ${r.stderr}`).toBe(true);
      await expectRefsKept();
      if (name.startsWith('the same reference')) expect(r.stdout).toContain('Saved anthropic:ref');
    });
  }

  it('agents add --copy-from main copies the references themselves', async () => {
    const r = await cli(['agents', 'add', 'ops', '--copy-from', 'main', '--profile', 'anthropic:ref', '--profile', 'groq:ref']);
    expect(r.code, r.stderr).toBe(0);
    await expectRefsKept(t.agentStorePath('ops'));
    await expectRefsKept();
  });

  it('plaintext is never written over a reference without --force; with --force it is the user\'s choice', async () => {
    const refused = await cli(['models', 'auth', 'paste-token', '--provider', 'groq', '--profile-id', 'groq:ref'], 'gsk_' + 'Pl4inT0k'.repeat(5));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^clawdbot: Profile groq:ref already holds a different credential \(token\); nothing was written\. Pass --force/);
    await expectRefsKept();
  });

  it('a hand-written file with refs and unknown fields loads unchanged byte for byte', async () => {
    const before = await fsp.readFile(t.storePath);
    const r = await cli(['models', 'auth', 'list', '--json']);
    expect(r.code).toBe(0);
    expect((await fsp.readFile(t.storePath)).equals(before)).toBe(true);
    expect(path.basename(t.storePath)).toBe('auth-profiles.json');
  });
});
