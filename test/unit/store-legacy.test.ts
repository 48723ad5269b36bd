// Legacy import on first use, through the real CLI: `<agentDir>/auth.json` and
// `<state>/credentials/oauth.json` become `<provider>:default` profiles the first time the agent's
// store is opened (auth.json wins for the same provider), exactly once even when many processes
// start together; the legacy files stay where they were; a broken legacy file is not fatal.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectNoSecretIn, makeTempState, mode, readJson, requireBuild, runCli, type TempState } from '../helpers/store-cli.js';

const AUTH_JSON = {
  anthropic: { type: 'api_key', key: 'sk-ant-api03-LegacyAgentKeyJJJJJJJJJJJJJJJJJJJJ' },
  openai: { type: 'oauth', access: 'legacy-openai-access-KKKKKKKKKKKK', refresh: 'legacy-openai-refresh-LLLLLLLLLL', expires: 1767225600000 },
};
const OAUTH_JSON = {
  'openai-codex': { access: 'eyJhbGciOiJSUzI1NiJ9.legacy.codex', refresh: 'rt_LegacyCodexRefreshMMMMMMMMMMMM', expires: 1767000000000, accountId: 'acct_legacy' },
  anthropic: { access: 'sk-ant-oat01-LegacyOAuthAccessNNNNNNNNNNNNNNNN', refresh: 'sk-ant-ort01-LegacyRefreshOOOOOOOOOOOOO', expires: 1767000000000 },
};

let state: TempState;
let authJson: string;
let oauthJson: string;
beforeAll(() => requireBuild());
beforeEach(async () => {
  // The output shows this path: its prefix must share no 8 characters with the secrets above
  // ("cb-f-legacy-" + a random "o…" once matched "legacy-openai").
  state = await makeTempState('cb-f-oldfiles-');
  authJson = path.join(state.agentDir, 'auth.json');
  oauthJson = path.join(state.stateDir, 'credentials', 'oauth.json');
  await fsp.mkdir(state.agentDir, { recursive: true, mode: 0o700 });
  await fsp.mkdir(path.dirname(oauthJson), { recursive: true, mode: 0o700 });
  await fsp.writeFile(authJson, JSON.stringify(AUTH_JSON), { mode: 0o600 });
  await fsp.writeFile(oauthJson, JSON.stringify(OAUTH_JSON), { mode: 0o600 });
});
afterEach(() => state.cleanup());

const secrets = [...Object.values(AUTH_JSON), ...Object.values(OAUTH_JSON)].flatMap((c: any) => [c.key, c.access, c.refresh].filter(Boolean) as string[]);

describe('legacy import on first use', () => {
  it('the first command imports both legacy files into <provider>:default profiles, says so, keeps the files', async () => {
    const legacyBytes = [await fsp.readFile(authJson), await fsp.readFile(oauthJson)];
    const r = await runCli(['models', 'auth', 'order', 'get', '--provider', 'anthropic', '--json'], { env: state.env });
    expect(r.code, r.stderr).toBe(0);
    const doc = await readJson(state.storePath);
    expect(Object.keys(doc.profiles).sort()).toEqual(['anthropic:default', 'openai-codex:default', 'openai:default']);
    // auth.json wins over oauth.json for the same provider.
    expect(doc.profiles['anthropic:default']).toEqual({ type: 'api_key', provider: 'anthropic', key: AUTH_JSON.anthropic.key });
    expect(doc.profiles['openai:default']).toMatchObject({ type: 'oauth', provider: 'openai', access: AUTH_JSON.openai.access, refresh: AUTH_JSON.openai.refresh });
    expect(doc.profiles['openai-codex:default']).toEqual({ ...OAUTH_JSON['openai-codex'], type: 'oauth', provider: 'openai-codex' });
    expect(r.stderr).toMatch(/imported openai-codex:default from .*credentials\/oauth\.json/);
    expect(r.stderr).toMatch(/imported anthropic:default from .*auth\.json/);
    for (const s of secrets) expectNoSecretIn(r.stdout + r.stderr, s);
    expect(mode(state.storePath)).toBe(0o600);
    expect((await fsp.readFile(authJson)).equals(legacyBytes[0]!)).toBe(true);
    expect((await fsp.readFile(oauthJson)).equals(legacyBytes[1]!)).toBe(true);
  });

  it('is not imported again once the store exists: a removed profile stays removed', async () => {
    expect((await runCli(['agents', 'list'], { env: state.env })).code).toBe(0);
    const rm = await runCli(['models', 'auth', 'remove', 'anthropic:default', '--yes'], { env: state.env });
    expect(rm.code, rm.stderr).toBe(0);
    const again = await runCli(['agents', 'list', '--json'], { env: state.env });
    expect(again.code).toBe(0);
    expect(again.stderr).not.toMatch(/imported/);
    expect((await readJson(state.storePath)).profiles['anthropic:default']).toBeUndefined();
  });

  it('8 processes starting together import exactly once', async () => {
    const runs = await Promise.all(Array.from({ length: 8 }, () => runCli(['agents', 'list', '--json'], { env: state.env, timeoutMs: 60_000 })));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const importers = runs.filter((r) => /imported/.test(r.stderr)).length;
    expect(importers).toBe(1);
    for (const r of runs) expect(JSON.parse(r.stdout).agents[0].profiles).toBe(3);
    expect(Object.keys((await readJson(state.storePath)).profiles)).toHaveLength(3);
  });

  it('a broken legacy file is skipped, not fatal; the good one is still imported', async () => {
    await fsp.writeFile(authJson, '{ this is not json', { mode: 0o600 });
    const r = await runCli(['agents', 'list', '--json'], { env: state.env });
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys((await readJson(state.storePath)).profiles).sort()).toEqual(['anthropic:default', 'openai-codex:default']);
    expect((await readJson(state.storePath)).profiles['anthropic:default'].type).toBe('oauth');
    expect(fs.readFileSync(authJson, 'utf8')).toBe('{ this is not json');
  });
});
