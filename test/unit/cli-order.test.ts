// `clawdbot models auth order get|set|clear` as real processes: the --json shape
// {agentId, agentDir, provider, authStorePath, order}, validation with nothing written, per agent.
import fsp from 'node:fs/promises';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectNoSecretIn, makeTempState, readJson, requireBuild, runCli, writeStore, type TempState } from '../helpers/store-cli.js';

const KEYS = {
  'anthropic:default': 'sk-ant-api03-OrderTestDefaultKey0000000000-aaaa',
  'anthropic:work': 'sk-ant-api03-OrderTestWorkKey111111111111111-bbbb',
  'openai:default': 'sk-proj-OrderTestOpenAIKey22222222222222-cccc',
};
let state: TempState;
beforeAll(() => requireBuild());
beforeEach(async () => {
  state = await makeTempState('cb-f-order-');
  await writeStore(state.storePath, {
    version: 1,
    profiles: Object.fromEntries(Object.entries(KEYS).map(([id, key]) => [id, { type: 'api_key', provider: id.split(':')[0], key }])),
  });
});
afterEach(() => state.cleanup());

const order = (args: string[]) => runCli(['models', 'auth', 'order', ...args], { env: state.env });
const noSecrets = (out: string) => Object.values(KEYS).forEach((k) => expectNoSecretIn(out, k));

describe('models auth order', () => {
  it('get with no stored order: --json says order null; plain text says round-robin', async () => {
    const r = await order(['get', '--provider', 'anthropic', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ agentId: 'main', agentDir: state.agentDir, provider: 'anthropic', authStorePath: state.storePath, order: null });
    const plain = await order(['get', '--provider', 'anthropic']);
    expect(plain.stdout).toMatch(/No stored order for anthropic \(agent main\)/);
  });

  it('set stores the order (--json shape), get reads it back, the store keeps everything else', async () => {
    const set = await order(['set', '--provider', 'anthropic', 'anthropic:work', 'anthropic:default', '--json']);
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({
      agentId: 'main',
      agentDir: state.agentDir,
      provider: 'anthropic',
      authStorePath: state.storePath,
      order: ['anthropic:work', 'anthropic:default'],
    });
    const doc = await readJson(state.storePath);
    expect(doc.order).toEqual({ anthropic: ['anthropic:work', 'anthropic:default'] });
    expect(Object.keys(doc.profiles)).toHaveLength(3);
    const get = await order(['get', '--provider', 'anthropic']);
    expect(get.stdout).toBe('1. anthropic:work\n2. anthropic:default\n');
    noSecrets(set.stdout + set.stderr + get.stdout + get.stderr);
  });

  it.each([
    [['anthropic:nope'], /No profile "anthropic:nope" in agent main/],
    [['openai:default'], /is for openai, not anthropic/],
    [['anthropic:work', 'anthropic:work'], /listed twice/],
    [[], /^clawdbot: missing required argument|Give the profile ids/],
  ])('set %j is refused with one line and the file is unchanged', async (ids, message) => {
    const before = await fsp.readFile(state.storePath);
    const r = await order(['set', '--provider', 'anthropic', ...(ids as string[])]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message as RegExp);
    expect((await fsp.readFile(state.storePath)).equals(before)).toBe(true);
  });

  it('clear removes only that provider\'s order; clearing again is a no-op, not an error', async () => {
    await order(['set', '--provider', 'anthropic', 'anthropic:default']);
    await order(['set', '--provider', 'openai', 'openai:default']);
    const clear = await order(['clear', '--provider', 'anthropic', '--json']);
    expect(clear.code, clear.stderr).toBe(0);
    expect(JSON.parse(clear.stdout)).toMatchObject({ provider: 'anthropic', order: null, authStorePath: state.storePath });
    expect((await readJson(state.storePath)).order).toEqual({ openai: ['openai:default'] });
    const before = await fsp.readFile(state.storePath);
    const again = await order(['clear', '--provider', 'anthropic']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/nothing to clear/);
    expect((await fsp.readFile(state.storePath)).equals(before)).toBe(true);
  });

  it('--agent addresses another agent\'s store (and its profiles only)', async () => {
    const work = state.agentStorePath('work');
    await writeStore(work, { version: 1, profiles: { 'anthropic:ci': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-WorkAgentKey3333333333333-dddd' } } });
    const notThere = await order(['set', '--provider', 'anthropic', '--agent', 'work', 'anthropic:default']);
    expect(notThere.code).toBe(1);
    expect(notThere.stderr).toMatch(/in agent work/);
    const r = await order(['set', '--provider', 'anthropic', '--agent', 'work', 'anthropic:ci', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ agentId: 'work', authStorePath: work, order: ['anthropic:ci'] });
    expect((await readJson(work)).order).toEqual({ anthropic: ['anthropic:ci'] });
    expect((await readJson(state.storePath)).order).toBeUndefined();
  });
});
