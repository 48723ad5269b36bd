// Agents sharing one store through symlinks: every agent's auth-profiles.json is a link to one
// shared file. The lock must be taken on the real file (where the gateway's proper-lockfile puts
// it too), or writers through different links each hold "their" lock and overwrite each other.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openAgentStore, setProfile, updateConfig, withFileLock } from '../../src/store/index.js';
import { makeTempState, readJson, requireBuild, runCli, writeStore, type TempState } from '../helpers/store-cli.js';

let state: TempState;
let sharedDir: string;
let sharedStore: string;

beforeAll(() => requireBuild());
beforeEach(async () => {
  state = await makeTempState('cb-f-shared-');
  sharedDir = path.join(state.root, 'shared');
  sharedStore = path.join(sharedDir, 'auth-profiles.json');
  await writeStore(sharedStore, {
    version: 1,
    profiles: { 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-shared-seed-0001' } },
  });
});
afterEach(async () => {
  await state.cleanup();
});

/** Agents `a0..a<n-1>` whose stores are links (relative ones, as a dotfiles setup makes) to the shared file. */
async function linkAgents(n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `a${i}`);
  for (const id of ids) {
    const link = state.agentStorePath(id);
    await fsp.mkdir(path.dirname(link), { recursive: true, mode: 0o700 });
    await fsp.symlink(path.relative(path.dirname(link), sharedStore), link);
  }
  return ids;
}

function expectLinksIntact(ids: string[]): void {
  for (const id of ids) {
    const link = state.agentStorePath(id);
    expect(fs.lstatSync(link).isSymbolicLink(), `${id}'s store is still a link`).toBe(true);
    expect(fs.realpathSync(link)).toBe(fs.realpathSync(sharedStore));
    // Nothing of the lock next to the link: it lives (and is cleaned up) next to the real file.
    expect(fs.readdirSync(path.dirname(link))).toEqual(['auth-profiles.json']);
  }
  expect(fs.readdirSync(sharedDir)).toEqual(['auth-profiles.json']);
}

describe('agents sharing one store through symlinks', () => {
  it.each([2, 3])('%i agents, paste-token processes writing through every link at once: nothing lost, the links stay links', async (n) => {
    const ids = await linkAgents(n);
    const PER_AGENT = 6;
    const runs = ids.flatMap((agent) =>
      Array.from({ length: PER_AGENT }, (_, i) =>
        runCli(['models', 'auth', 'paste-token', '--agent', agent, '--provider', 'openrouter', '--profile-id', `openrouter:${agent}-${i}`], {
          env: state.env,
          stdin: `sk-or-v1-Shared${agent}x${i}Token00000000000000`,
          timeoutMs: 90_000,
        }),
      ),
    );
    for (const r of await Promise.all(runs)) expect(r.code, r.stderr).toBe(0);
    const doc = await readJson(sharedStore);
    for (const agent of ids) {
      for (let i = 0; i < PER_AGENT; i++) expect(doc.profiles[`openrouter:${agent}-${i}`]?.token, `${agent}-${i}`).toBe(`sk-or-v1-Shared${agent}x${i}Token00000000000000`);
    }
    expect(Object.keys(doc.profiles)).toHaveLength(n * PER_AGENT + 1);
    expectLinksIntact(ids);
  }, 120_000);

  it('3 agents, concurrent in-process updates through every link: nothing lost', async () => {
    const ids = await linkAgents(3);
    const PER_AGENT = 100;
    const stores = ids.map((id) => openAgentStore(id, state.env, () => undefined));
    await Promise.all(
      stores.flatMap((store, a) =>
        Array.from({ length: PER_AGENT }, (_, i) =>
          store.update((doc) => {
            setProfile(doc, `openrouter:${ids[a]}-${i}`, { type: 'api_key', provider: 'openrouter', key: `sk-or-v1-${'k'.repeat(24)}${i}` });
            return true;
          }),
        ),
      ),
    );
    const doc = await readJson(sharedStore);
    expect(Object.keys(doc.profiles)).toHaveLength(3 * PER_AGENT + 1);
    expectLinksIntact(ids);
  }, 120_000);

  it('a config reached through a link and directly, updated concurrently: nothing lost, the link stays a link', async () => {
    const realConfig = path.join(sharedDir, 'clawdbot.json');
    await fsp.writeFile(realConfig, '{}\n', { mode: 0o600 });
    await fsp.mkdir(path.dirname(state.configPath), { recursive: true, mode: 0o700 });
    await fsp.symlink(realConfig, state.configPath);
    const N = 60;
    await Promise.all(
      Array.from({ length: N }, (_, i) =>
        updateConfig(i % 2 ? state.configPath : realConfig, (cfg) => {
          cfg.auth ??= {};
          cfg.auth.profiles ??= {};
          cfg.auth.profiles[`openrouter:c${i}`] = { provider: 'openrouter', mode: 'api_key' };
        }, { warn: () => undefined }),
      ),
    );
    expect(fs.lstatSync(state.configPath).isSymbolicLink()).toBe(true);
    expect(Object.keys((await readJson(realConfig)).auth.profiles)).toHaveLength(N);
  });

  it('the lock sits next to the real file, where proper-lockfile puts it, whichever link is used', async () => {
    const [a0] = await linkAgents(1);
    await withFileLock(state.agentStorePath(a0!), async (lock) => {
      expect(lock.lockPath).toBe(`${fs.realpathSync(sharedStore)}.lock`);
      expect(fs.statSync(lock.lockPath).isDirectory()).toBe(true);
    });
  });
});
