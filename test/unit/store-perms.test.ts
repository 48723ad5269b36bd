// G14: whatever the umask, files holding secrets are 0600 and the directories we create are 0700,
// after the first write and after later writes; a pre-existing 0644 store is tightened, with a
// warning on stderr naming the file. The CLI runs as `sh -c 'umask U; exec node dist/cli.js ...'`.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTempState, mode, readJson, requireBuild, runCli, writeStore, type TempState } from '../helpers/store-cli.js';

let state: TempState | undefined;
beforeAll(() => requireBuild());
afterEach(async () => {
  await state?.cleanup();
  state = undefined;
});

const TOKEN = 'sk-or-v1-PermissionTestToken000011112222';

function allUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    out.push(full);
    if (e.isDirectory()) out.push(...allUnder(full));
  }
  return out;
}

function expectPrivateTree(root: string): void {
  expect(mode(root).toString(8), root).toBe('700');
  for (const p of allUnder(root)) {
    const want = fs.statSync(p).isDirectory() ? '700' : '600';
    expect(mode(p).toString(8), p).toBe(want);
  }
}

describe.each(['000', '022'])('umask %s', (umask) => {
  it('every file the CLI writes is 0600 and every directory it creates is 0700', async () => {
    state = await makeTempState('cb-f-perm-');
    const env = state.env;
    const paste = await runCli(['models', 'auth', 'paste-token', '--provider', 'openrouter', '--profile-id', 'openrouter:work'], { env, stdin: TOKEN, umask });
    expect(paste.code, paste.stderr).toBe(0);
    expect(fs.existsSync(state.storePath)).toBe(true);
    expect(fs.existsSync(state.configPath)).toBe(true);
    expectPrivateTree(state.stateDir);

    // Later writes (config now gets a .bak), a second agent, and an order change keep it so.
    for (const args of [
      ['models', 'auth', 'paste-token', '--provider', 'anthropic'],
      ['models', 'auth', 'order', 'set', '--provider', 'openrouter', 'openrouter:work'],
      ['agents', 'add', 'ops', '--profile', 'openrouter:work'],
    ]) {
      const r = await runCli(args, { env, stdin: TOKEN, umask });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    }
    expect(fs.existsSync(`${state.configPath}.bak`)).toBe(true);
    expect(fs.existsSync(state.agentStorePath('ops'))).toBe(true);
    expectPrivateTree(state.stateDir);
  });

  it('a pre-existing 0644 store (and 0755 agent dir) is tightened, with a warning on stderr', async () => {
    state = await makeTempState('cb-f-perm-');
    await writeStore(state.storePath, { version: 1, profiles: { 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-LooseModeKey99998888' } } });
    await fsp.chmod(state.storePath, 0o644);
    await fsp.chmod(state.agentDir, 0o755);
    // A reading command is enough: the store is tightened on open.
    const r = await runCli(['agents', 'list'], { env: state.env, umask });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`warning: tightened permissions of ${state.storePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} from 0644 to 0600`));
    expect(mode(state.storePath)).toBe(0o600);
    expect(r.stdout + r.stderr).not.toContain('LooseModeKey');

    // A write tightens the loose directory too, and says so.
    const w = await runCli(['models', 'auth', 'order', 'set', '--provider', 'anthropic', 'anthropic:default'], { env: state.env, umask });
    expect(w.code, w.stderr).toBe(0);
    expect(w.stderr).toMatch(/warning: tightened permissions of .*agent from 0755 to 0700/);
    expect(mode(state.agentDir)).toBe(0o700);
    expect(mode(state.storePath)).toBe(0o600);
  });
});

describe('a config placed in the home directory (CLAWDBOT_CONFIG_PATH)', () => {
  it('is written 0600 without tightening the home directory itself', async () => {
    state = await makeTempState('cb-f-perm-');
    await fsp.chmod(state.home, 0o755);
    const env = { ...state.env, CLAWDBOT_CONFIG_PATH: path.join(state.home, 'clawdbot.json') };
    const r = await runCli(['models', 'auth', 'paste-token', '--provider', 'anthropic'], { env, stdin: TOKEN, umask: '022' });
    expect(r.code, r.stderr).toBe(0);
    expect(mode(path.join(state.home, 'clawdbot.json'))).toBe(0o600);
    expect(mode(state.home)).toBe(0o755);
    expect(r.stderr).not.toMatch(/tightened permissions of .*home from/);
  });

  it('a config path in a directory that does not exist yet: the directory is created 0700', async () => {
    state = await makeTempState('cb-f-perm-');
    const cfg = path.join(state.root, 'etc', 'clawdbot', 'clawdbot.json');
    const r = await runCli(['models', 'auth', 'paste-token', '--provider', 'anthropic'], { env: { ...state.env, CLAWDBOT_CONFIG_PATH: cfg }, stdin: TOKEN, umask: '022' });
    expect(r.code, r.stderr).toBe(0);
    expect(mode(cfg)).toBe(0o600);
    expect(mode(path.dirname(cfg))).toBe(0o700);
    expect((await readJson(cfg)).auth.profiles['anthropic:manual']).toEqual({ provider: 'anthropic', mode: 'token' });
  });
});
