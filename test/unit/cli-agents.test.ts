// `clawdbot agents add ID` and `agents list [--json]` as real processes: a new agent starts with
// an empty store (it does not inherit main's secrets); --profile copies only the chosen ones.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectNoSecretIn, makeTempState, readJson, requireBuild, runCli, writeStore, type TempState } from '../helpers/store-cli.js';

const ANTHROPIC = 'sk-ant-api03-AgentsTestMainKey6666666666666-gggg';
const OPENAI = 'sk-proj-AgentsTestOpenAIKey7777777777777777-hhhh';
let state: TempState;
beforeAll(() => requireBuild());
beforeEach(async () => {
  state = await makeTempState('cb-f-agents-');
  await writeStore(state.storePath, {
    version: 1,
    profiles: {
      'anthropic:default': { type: 'api_key', provider: 'anthropic', key: ANTHROPIC, email: 'a@example.com' },
      'openai:default': { type: 'api_key', provider: 'openai', key: OPENAI },
    },
  });
});
afterEach(() => state.cleanup());

const agents = (args: string[]) => runCli(['agents', ...args], { env: state.env });
const noSecrets = (out: string) => [ANTHROPIC, OPENAI].forEach((k) => expectNoSecretIn(out, k));

describe('agents add', () => {
  it('creates an empty store for the new agent: main\'s secrets are not inherited', async () => {
    const r = await agents(['add', 'work']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Added agent work: .*agents\/work\/agent/);
    expect(r.stdout).toMatch(/no credentials yet/);
    expect(await readJson(state.agentStorePath('work'))).toEqual({ version: 1, profiles: {} });
    expect((await readJson(state.configPath)).agents.list).toEqual([{ id: 'work' }]);
    const raw = await fsp.readFile(state.agentStorePath('work'), 'utf8');
    noSecrets(raw + r.stdout + r.stderr);
  });

  it('--profile copies only the chosen profiles, whole and unchanged', async () => {
    const r = await agents(['add', 'ops', '--profile', 'anthropic:default', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      agentId: 'ops',
      agentDir: state.agentStorePath('ops').replace(/\/auth-profiles\.json$/, ''),
      storePath: state.agentStorePath('ops'),
      existed: false,
      copied: ['anthropic:default'],
    });
    expect(await readJson(state.agentStorePath('ops'))).toEqual({
      version: 1,
      profiles: { 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: ANTHROPIC, email: 'a@example.com' } },
    });
    noSecrets(r.stdout + r.stderr);
  });

  it.each([
    [['add', 'ops', '--profile', 'anthropic:ghost'], /No profile "anthropic:ghost" in agent main/],
    [['add', 'ops', '--copy-from', 'main'], /Name the profiles to copy with --profile/],
    [['add', 'Bad/Id'], /Invalid agent id/],
    [['add', 'main', '--profile', 'anthropic:default'], /cannot copy profiles from itself/],
  ])('%j is refused with one line; no store (nor agent directory) is written', async (args, message) => {
    const r = await agents(args as string[]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message as RegExp);
    expect(fs.existsSync(state.agentStorePath('ops'))).toBe(false);
    expect(fs.existsSync(state.agentStorePath('ops').replace(/\/auth-profiles\.json$/, ''))).toBe(false);
    noSecrets(r.stdout + r.stderr);
  });

  it('adding an agent that exists says so and changes nothing', async () => {
    await agents(['add', 'work']);
    await runCli(['models', 'auth', 'paste-token', '--provider', 'anthropic', '--agent', 'work'], { env: state.env, stdin: 'sk-ant-oat01-WorkAgentTokenxxxxxxxxxxxxxxxx-iiii' });
    const before = await fsp.readFile(state.agentStorePath('work'));
    const r = await agents(['add', 'work']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`Agent work already exists: ${state.agentStorePath('work').replace(/\/auth-profiles\.json$/, '')}\n`);
    expect((await fsp.readFile(state.agentStorePath('work'))).equals(before)).toBe(true);
    expect((await readJson(state.configPath)).agents.list).toEqual([{ id: 'work' }]);
  });
});

describe('agents list', () => {
  it('lists main first, then every agent, with profile counts and providers, no secrets', async () => {
    await agents(['add', 'work']);
    await agents(['add', 'ops', '--profile', 'openai:default']);
    const r = await agents(['list', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      agents: [
        { agentId: 'main', agentDir: state.agentDir, storePath: state.storePath, profiles: 2, providers: ['anthropic', 'openai'] },
        { agentId: 'ops', agentDir: expect.stringMatching(/agents\/ops\/agent$/), storePath: state.agentStorePath('ops'), profiles: 1, providers: ['openai'] },
        { agentId: 'work', agentDir: expect.stringMatching(/agents\/work\/agent$/), storePath: state.agentStorePath('work'), profiles: 0, providers: [] },
      ],
    });
    const plain = await agents(['list']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^main\s+2 profiles \(anthropic, openai\)\n/);
    expect(plain.stdout).toMatch(/\nops\s+1 profile \(openai\)\n/);
    expect(plain.stdout).toMatch(/\nwork\s+0 profiles\n/);
    noSecrets(r.stdout + r.stderr + plain.stdout + plain.stderr);
  });

  it('an agent only named in the config is listed too', async () => {
    await fsp.writeFile(state.configPath, '{ agents: { list: [ { id: "from-config" } ] } }', { mode: 0o600 });
    const r = await agents(['list', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).agents.map((a: { agentId: string }) => a.agentId)).toEqual(['main', 'from-config']);
  });
});
