// A mistyped profile id or provider, as real processes: the one line that refuses it names the id
// (or provider) the store does have when one is a typo away, and guesses nothing when none is;
// nothing on disk changes. `order get` for a provider the agent has no profile of says so, where
// it used to answer "round-robin" as if the provider were real.
import fsp from 'node:fs/promises';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTempState, requireBuild, runCli, writeStore, type TempState } from '../helpers/store-cli.js';
import { closestProfileId } from '../../src/util/closest-word.js';

const IDS = ['anthropic:default', 'anthropic:work', 'anthropic:home', 'openai:default'];
let state: TempState;
beforeAll(() => requireBuild());
beforeEach(async () => {
  state = await makeTempState('cb-typo-');
  await writeStore(state.storePath, {
    version: 1,
    profiles: Object.fromEntries(IDS.map((id, i) => [id, { type: 'api_key', provider: id.split(':')[0], key: `sk-typo-test-${i}-${'k'.repeat(32)}` }])),
    usageStats: { 'anthropic:work': { errorCount: 2, cooldownUntil: Date.now() + 600_000 } },
  });
});
afterEach(() => state.cleanup());

const cli = (args: string[]) => runCli(args, { env: state.env });

describe('a mistyped profile id', () => {
  it.each([
    [['models', 'auth', 'order', 'set', '--provider', 'anthropic', 'anthropic:work', 'anthropic:defualt'], 'anthropic:defualt', 'anthropic:default'],
    [['models', 'auth', 'remove', 'anthropic:wrok', '--yes'], 'anthropic:wrok', 'anthropic:work'],
    [['models', 'auth', 'refresh', '--profile', 'Anthropic:Home'], 'Anthropic:Home', 'anthropic:home'],
    [['models', 'auth', 'cooldown', 'clear', 'anthropic:wor'], 'anthropic:wor', 'anthropic:work'],
    [['agents', 'add', 'ops', '--profile', 'openai:defalt'], 'openai:defalt', 'openai:default'],
  ])('%j: one line naming the id meant; the store is unchanged', async (args, typed, meant) => {
    const before = await fsp.readFile(state.storePath);
    const r = await cli(args);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toContain(`No profile "${typed}" in agent main (did you mean ${meant}?)`);
    expect((await fsp.readFile(state.storePath)).equals(before)).toBe(true);
  });

  it('an id no stored one is a typo of gets no guess, and the hint names the agent whose ids to list', async () => {
    const r = await cli(['models', 'auth', 'remove', 'anthropic:play', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('did you mean');
    expect(r.stderr).toContain('`clawdbot models auth list --agent main`');
    await cli(['agents', 'add', 'ops']);
    const ops = await cli(['models', 'auth', 'remove', 'anthropic:work', '--yes', '--agent', 'ops']);
    expect(ops.stderr.trim()).toBe('clawdbot: No profile "anthropic:work" in agent ops; see `clawdbot models auth list --agent ops` for the ids.');
  });
});

describe('order for a provider the agent has no profile of', () => {
  it('get and clear say so, with the provider meant and the ones it has; a real provider reads as before', async () => {
    const typo = await cli(['models', 'auth', 'order', 'get', '--provider', 'anthropc']);
    expect(typo.code, typo.stderr).toBe(0);
    expect(typo.stdout.trim()).toBe('No stored order for anthropc (agent main), and no anthropc profile (did you mean anthropic?); its providers: anthropic, openai.');
    const other = await cli(['models', 'auth', 'order', 'clear', '--provider', 'openrouter']);
    expect(other.stdout.trim()).toBe('No stored order for openrouter (agent main), and no openrouter profile; its providers: anthropic, openai.');
    const real = await cli(['models', 'auth', 'order', 'get', '--provider', 'anthropic']);
    expect(real.stdout.trim()).toBe('No stored order for anthropic (agent main); profiles are tried round-robin.');
    await cli(['agents', 'add', 'ops']);
    const empty = await cli(['models', 'auth', 'order', 'get', '--provider', 'anthropic', '--agent', 'ops']);
    expect(empty.stdout.trim()).toBe('No stored order for anthropic (agent ops), and no profiles yet.');
  });
});

describe('closestProfileId', () => {
  it('guesses within two edits and a third of the name, case aside, never the id itself', () => {
    expect(closestProfileId('anthropic:defualt', IDS)).toBe('anthropic:default');
    expect(closestProfileId('anthropic:work', ['anthropic:home', 'anthropic:word'])).toBe('anthropic:word');
    expect(closestProfileId('anthropic:work', ['anthropic:home'])).toBeUndefined();
    expect(closestProfileId('anthropic:defaultt', IDS)).toBe('anthropic:default');
    expect(closestProfileId('anthropic:dflt', IDS)).toBeUndefined();
    expect(closestProfileId('anthropic:default', ['anthropic:default'])).toBeUndefined();
    expect(closestProfileId('OPENAI:DEFAULT', IDS)).toBe('openai:default');
  });
});
