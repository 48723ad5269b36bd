// A scripted way to store an API key AS an API key (issue 20 item 9): `models auth paste-api-key`
// reads it from stdin and saves type api_key; paste-token says when what it got is an API key.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectNoSecretIn, makeTempState, readJson, requireBuild, runCli, type TempState } from '../helpers/store-cli.js';

const KEY = `sk-ant-api03-${'ApiKeyApiKey'.repeat(8)}`;
const OR_KEY = `sk-or-v1-${'0123456789abcdef'.repeat(4)}`;
let state: TempState;
beforeAll(() => requireBuild());
beforeEach(async () => {
  state = await makeTempState('cb-api-key-');
});
afterEach(() => state.cleanup());

const cli = (args: string[], stdin: string) => runCli(args, { env: state.env, stdin });

describe('models auth paste-api-key', () => {
  it('stores the key from stdin as api_key (<provider>:default), records mode api_key, shows it masked', async () => {
    const r = await cli(['models', 'auth', 'paste-api-key', '--provider', 'anthropic'], `${KEY}\n`);
    expect(r.code, r.stderr).toBe(0);
    expect((await readJson(state.storePath)).profiles['anthropic:default']).toEqual({ type: 'api_key', provider: 'anthropic', key: KEY });
    expect((await readJson(state.configPath)).auth.profiles['anthropic:default']).toEqual({ provider: 'anthropic', mode: 'api_key' });
    expect(r.stdout).toMatch(/^Saved anthropic:default \(api_key sk-ant-api03-…/);
    const list = await runCli(['models', 'auth', 'list'], { env: state.env });
    expect(list.stdout).toMatch(/anthropic:default\s+anthropic\s+api_key/);
    expectNoSecretIn(r.stdout + r.stderr + list.stdout, KEY);
  });

  it('any provider, --profile-id; a setup-token or garbage is refused with one line and nothing written', async () => {
    expect((await cli(['models', 'auth', 'paste-api-key', '--provider', 'openrouter', '--profile-id', 'openrouter:team'], OR_KEY)).code).toBe(0);
    expect((await readJson(state.storePath)).profiles['openrouter:team'].type).toBe('api_key');
    const bad = await cli(['models', 'auth', 'paste-api-key', '--provider', 'anthropic'], `sk-ant-oat01-${'T'.repeat(80)}\n`);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^clawdbot: That is a setup-token, not an API key/);
    expect((await readJson(state.storePath)).profiles['anthropic:default']).toBeUndefined();
  });

  it('paste-token given an API key says so and names paste-api-key', async () => {
    const r = await cli(['models', 'auth', 'paste-token', '--provider', 'anthropic'], `${KEY}\n`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(
      'clawdbot: note: that looks like an API key; paste-token saves it as a token (anthropic:manual). For an API key profile use `clawdbot models auth paste-api-key --provider anthropic`.\n',
    );
    expectNoSecretIn(r.stdout + r.stderr, KEY);
    const token = await cli(['models', 'auth', 'paste-token', '--provider', 'groq', '--profile-id', 'groq:t'], `gsk_${'x'.repeat(40)}\n`);
    expect(token.stderr).toBe('');
  });
});
