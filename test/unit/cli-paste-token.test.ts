// `clawdbot models auth paste-token` as a real process: the token comes from stdin, pasted shell
// noise is cleaned, bad input is one clear line and nothing is written, --expires-in sets the
// expiry, and the token never appears in any output.
import fs from 'node:fs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectNoSecretIn, makeTempState, readJson, requireBuild, runCli, type TempState } from '../helpers/store-cli.js';

const TOKEN = 'sk-ant-oat01-PasteTokenTestAbcdefghijklmnopqrstuv-WXYZ';
const DAY = 86_400_000;
let state: TempState;
beforeAll(() => requireBuild());
beforeEach(async () => {
  state = await makeTempState('cb-f-paste-');
});
afterEach(() => state.cleanup());

const paste = (args: string[], stdin: string) => runCli(['models', 'auth', 'paste-token', ...args], { env: state.env, stdin });

describe('models auth paste-token', () => {
  it('a corrupt config is reported before anything is written: the store stays as it was', async () => {
    fs.mkdirSync(state.configPath.replace(/\/[^/]+$/, ''), { recursive: true });
    fs.writeFileSync(state.configPath, '{ auth: { profiles: ');
    const r = await paste(['--provider', 'anthropic'], `${TOKEN}\n`);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(state.configPath);
    expect(fs.existsSync(state.storePath)).toBe(false);
    expect(fs.readFileSync(state.configPath, 'utf8')).toBe('{ auth: { profiles: ');
    expectNoSecretIn(r.stdout + r.stderr, TOKEN);
  });

  it('stores a token read from stdin as <provider>:manual, records it in the config, shows it masked', async () => {
    const r = await paste(['--provider', 'anthropic'], `${TOKEN}\n`);
    expect(r.code, r.stderr).toBe(0);
    const doc = await readJson(state.storePath);
    expect(doc).toEqual({ version: 1, profiles: { 'anthropic:manual': { type: 'token', provider: 'anthropic', token: TOKEN } } });
    expect((await readJson(state.configPath)).auth.profiles['anthropic:manual']).toEqual({ provider: 'anthropic', mode: 'token' });
    expect(r.stdout).toMatch(/^Saved anthropic:manual \(token sk-ant-oat01-…WXYZ, no expiry\) to .*auth-profiles\.json\n$/);
    expectNoSecretIn(r.stdout + r.stderr, TOKEN);
  });

  it.each([
    ['export NAME="…"', `export ANTHROPIC_OAUTH_TOKEN="${TOKEN}"\n`],
    ["NAME='…';", `ANTHROPIC_OAUTH_TOKEN='${TOKEN}';\r\n`],
    ['bracketed paste + CRLF', `\x1b[200~${TOKEN}\x1b[201~\r\n`],
    ['surrounding blanks', `   ${TOKEN}   \n\n`],
  ])('cleans pasted shell noise: %s', async (_name, input) => {
    const r = await paste(['--provider', 'anthropic', '--profile-id', 'anthropic:pasted'], input);
    expect(r.code, r.stderr).toBe(0);
    expect((await readJson(state.storePath)).profiles['anthropic:pasted'].token).toBe(TOKEN);
    expectNoSecretIn(r.stdout + r.stderr, TOKEN);
  });

  it.each([
    ['spaces inside', 'sk-ant-oat01-two words here-abcdefghijkl', /contains spaces/],
    ['a "#" (code#state)', 'abcdefghijklmnop#statestatestate', /contains "#"/],
    ['nothing', '\n', /^clawdbot: No token on stdin \(it was empty\): pipe the token into this command, or run it on a terminal to paste it\.$/m],
    ['only an invisible character', '\u200b\n', /No token given/],
  ])('rejects %s with one clear line and writes nothing', async (_name, input, message) => {
    const r = await paste(['--provider', 'anthropic'], input);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toContain('statestatestate');
    expect(r.stderr).not.toContain('words here');
    expect(fs.existsSync(state.storePath)).toBe(false);
    expect(fs.existsSync(state.configPath)).toBe(false);
  });

  it('--expires-in 365d sets the expiry; --json prints a summary with the token masked', async () => {
    const before = Date.now();
    const r = await paste(['--provider', 'openrouter', '--profile-id', 'openrouter:ci', '--expires-in', '365d', '--json'], 'sk-or-v1-ExpiresInJsonToken1234567890abcd');
    const after = Date.now();
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toEqual({
      profileId: 'openrouter:ci',
      provider: 'openrouter',
      type: 'token',
      masked: 'sk-or-v1-…abcd',
      expires: expect.any(Number),
      storePath: state.storePath,
    });
    const cred = (await readJson(state.storePath)).profiles['openrouter:ci'];
    expect(cred.expires).toBe(out.expires);
    expect(cred.expires).toBeGreaterThanOrEqual(before + 365 * DAY);
    expect(cred.expires).toBeLessThanOrEqual(after + 365 * DAY);
    expectNoSecretIn(r.stdout + r.stderr, 'sk-or-v1-ExpiresInJsonToken1234567890abcd');
  });

  it.each([
    [['--provider', 'anthropic', '--expires-in', 'soon'], /Invalid --expires-in "soon"/],
    [['--provider', 'anthropic', '--profile-id', 'openai:x'], /must start with "anthropic:"/],
    [['--provider', 'Not A Provider!'], /Invalid provider/],
    [['--provider', 'anthropic', '--profile-id', 'anthropic:'], /Invalid profile id/],
  ])('bad flags %j: exit 1, one line, nothing written, stdin not echoed', async (args, message) => {
    const r = await paste(args as string[], TOKEN);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message as RegExp);
    expectNoSecretIn(r.stdout + r.stderr, TOKEN);
    expect(fs.existsSync(state.storePath)).toBe(false);
  });

  it('--provider is required', async () => {
    const r = await runCli(['models', 'auth', 'paste-token'], { env: state.env, stdin: TOKEN });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--provider/);
    expect(fs.existsSync(state.storePath)).toBe(false);
  });

  it('--agent writes to that agent\'s store only', async () => {
    const r = await paste(['--provider', 'anthropic', '--agent', 'work'], TOKEN);
    expect(r.code, r.stderr).toBe(0);
    expect((await readJson(state.agentStorePath('work'))).profiles['anthropic:manual'].token).toBe(TOKEN);
    expect(fs.existsSync(state.storePath)).toBe(false);
  });

  it('8 paste-token processes at once: every profile lands in the store and in the config', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `openrouter:k${i}`);
    const runs = await Promise.all(
      ids.map((id, i) => runCli(['models', 'auth', 'paste-token', '--provider', 'openrouter', '--profile-id', id], { env: state.env, stdin: `sk-or-v1-Concurrent${i}Token000000000000000`, timeoutMs: 60_000 })),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const doc = await readJson(state.storePath);
    expect(Object.keys(doc.profiles).sort()).toEqual([...ids].sort());
    ids.forEach((id, i) => expect(doc.profiles[id].token).toBe(`sk-or-v1-Concurrent${i}Token000000000000000`));
    const cfg = await readJson(state.configPath);
    expect(Object.keys(cfg.auth.profiles).sort()).toEqual([...ids].sort());
  }, 90_000);
});
