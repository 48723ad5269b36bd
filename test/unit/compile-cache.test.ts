// The CLI keeps V8's compiled code of its bundles in a per-user cache (src/util/compile-cache.ts).
// A cron job may run with a read-only or missing HOME, or as a user whose cache cannot be written:
// the command must then answer exactly as without a cache, say nothing about it, create nothing,
// and the cache must never land in the state dir (the user's store).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compileCacheDir } from '../../src/util/compile-cache.js';
import { makeTempState, requireBuild, runCli, writeStore, type TempState } from '../helpers/store-cli.js';

let t: TempState;
beforeAll(() => requireBuild());
afterEach(async () => t?.cleanup());

/** Every file under `dir`, relative to it, sorted. */
function tree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
}

async function stateWithProfiles(): Promise<TempState> {
  const s = await makeTempState('cb-ccache-');
  await writeStore(s.storePath, {
    version: 1,
    profiles: {
      'anthropic:work': { type: 'api_key', provider: 'anthropic', key: `sk-ant-api03-${'k'.repeat(40)}` },
      'openai:old': { type: 'token', provider: 'openai', token: `tok-${'t'.repeat(40)}`, expires: Date.now() - 60_000 },
    },
  });
  return s;
}

const CACHE_OFF = { NODE_DISABLE_COMPILE_CACHE: '1' };

describe('where the compile cache lives', () => {
  it('under $XDG_CACHE_HOME when it is an existing absolute directory, else under ~/.cache', async () => {
    t = await makeTempState('cb-ccache-');
    const xdg = path.join(t.root, 'xdg');
    fs.mkdirSync(xdg);
    expect(compileCacheDir({ HOME: t.home, XDG_CACHE_HOME: xdg })).toBe(path.join(xdg, 'clawdbot', 'compile-cache'));
    expect(compileCacheDir({ HOME: t.home, XDG_CACHE_HOME: 'relative/cache' })).toBe(path.join(t.home, '.cache', 'clawdbot', 'compile-cache'));
    expect(compileCacheDir({ HOME: t.home })).toBe(path.join(t.home, '.cache', 'clawdbot', 'compile-cache'));
  });

  it('nowhere when the home (or XDG_CACHE_HOME) does not exist, so none is created', async () => {
    t = await makeTempState('cb-ccache-');
    expect(compileCacheDir({ HOME: path.join(t.root, 'no-such-home') })).toBeUndefined();
    expect(compileCacheDir({ HOME: t.home, XDG_CACHE_HOME: path.join(t.root, 'no-such-cache') })).toBeUndefined();
    expect(compileCacheDir({})).toBeUndefined();
  });
});

describe('models status with the compile cache', () => {
  it.each([['--check'], ['--json']])('%s: the same answer as without a cache, cold and warm; the cache is in the home, nothing new in the state dir', async (flag) => {
    t = await stateWithProfiles();
    const off = await runCli(['models', 'status', flag], { env: { ...t.env, ...CACHE_OFF } });
    const stateFiles = tree(t.stateDir);
    expect(tree(t.home)).toEqual([]);
    const cold = await runCli(['models', 'status', flag], { env: t.env });
    const cached = tree(path.join(t.home, '.cache', 'clawdbot', 'compile-cache'));
    expect(cached.length).toBeGreaterThan(0);
    const warm = await runCli(['models', 'status', flag], { env: t.env });
    for (const r of [cold, warm]) {
      expect(r.code).toBe(off.code);
      expect(r.stderr).toBe(off.stderr);
      // --json carries the time it was generated; everything else is the same.
      const same = (s: string) => s.replace(/"(generatedAt|remainingMs)": -?\d+/g, '"$1": 0');
      expect(same(r.stdout)).toBe(same(off.stdout));
    }
    expect(tree(t.stateDir)).toEqual(stateFiles);
  });

  it('a cache that cannot be written (read-only, or a file in the way) changes nothing and says nothing', async () => {
    t = await stateWithProfiles();
    // Even as root, a directory cannot be made where a regular file is.
    const xdg = path.join(t.root, 'xdg');
    fs.mkdirSync(xdg);
    fs.writeFileSync(path.join(xdg, 'clawdbot'), 'not a directory');
    const off = await runCli(['models', 'status', '--check'], { env: { ...t.env, ...CACHE_OFF } });
    const r = await runCli(['models', 'status', '--check'], { env: { ...t.env, XDG_CACHE_HOME: xdg } });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: off.code, stdout: off.stdout, stderr: off.stderr });
    expect(tree(xdg)).toEqual(['clawdbot']);
    expect(tree(t.home)).toEqual([]);
  });

  it('a HOME that does not exist is not created (a cron job with no home)', async () => {
    t = await stateWithProfiles();
    const home = path.join(t.root, 'no-such-home');
    const off = await runCli(['models', 'status', '--check'], { env: { ...t.env, ...CACHE_OFF, HOME: home } });
    const r = await runCli(['models', 'status', '--check'], { env: { ...t.env, HOME: home } });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: off.code, stdout: off.stdout, stderr: off.stderr });
    expect(fs.existsSync(home)).toBe(false);
  });

  it('with the default state dir (~/.clawdbot, beside ~/.cache) the cache still stays out of it', async () => {
    t = await makeTempState('cb-ccache-');
    const env = { ...t.env };
    delete env.CLAWDBOT_STATE_DIR;
    const stateDir = path.join(t.home, '.clawdbot');
    await writeStore(path.join(stateDir, 'agents', 'main', 'agent', 'auth-profiles.json'), {
      version: 1,
      profiles: { 'anthropic:work': { type: 'api_key', provider: 'anthropic', key: `sk-ant-api03-${'k'.repeat(40)}` } },
    });
    const before = tree(stateDir);
    for (const flag of ['--check', '--json']) expect((await runCli(['models', 'status', flag], { env })).stderr).toBe('');
    expect(tree(stateDir)).toEqual(before);
    expect(tree(path.join(t.home, '.cache', 'clawdbot', 'compile-cache')).length).toBeGreaterThan(0);
  });

  it('the full program uses it too (models auth list)', async () => {
    t = await stateWithProfiles();
    const r = await runCli(['models', 'auth', 'list'], { env: t.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('anthropic:work');
    expect(tree(path.join(t.home, '.cache', 'clawdbot', 'compile-cache')).length).toBeGreaterThan(0);
  });
});
