// The fix printed next to a problem is a command that works: each one is run through the built CLI
// as printed (the secret on stdin) and the problem is gone afterwards, without side effects such as
// an API-key profile turning into a token in the config.
import fsp from 'node:fs/promises';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTempState, readJson, requireBuild, runCli, writeStore, type TempState } from '../helpers/store-cli.js';

const KEY = 'sk-ant-api03-' + 'f'.repeat(80);
const TOKEN = 'sk-ant-oat01-' + 'g'.repeat(80);
let t: TempState;

beforeAll(() => requireBuild());
beforeEach(async () => {
  t = await makeTempState('cb-fixrun-');
});
afterEach(() => t.cleanup());

async function writeConfig(cfg: unknown): Promise<void> {
  await fsp.mkdir(t.stateDir, { recursive: true, mode: 0o700 });
  await fsp.writeFile(t.configPath, JSON.stringify(cfg), { mode: 0o600 });
}

/** The `clawdbot …` command in a fix, as argv. */
function argvOf(fix: string): string[] {
  const m = /clawdbot ([^,()]+)/.exec(fix);
  expect(m, `no clawdbot command in "${fix}"`).not.toBeNull();
  return m![1]!.trim().split(/\s+/);
}

describe('fix commands', () => {
  it('doctor: an api_key profile declared in the config with no key is fixed by its command, and stays api_key', async () => {
    await writeConfig({ auth: { profiles: { 'anthropic:default': { provider: 'anthropic', mode: 'api_key' } } } });
    const before = await runCli(['doctor', '--json'], { env: t.env });
    const finding = JSON.parse(before.stdout).findings.find((f: { message: string }) => f.message.includes('anthropic:default'));
    expect(finding.fix).toBe('clawdbot models auth paste-api-key --provider anthropic --profile-id anthropic:default');
    const fixed = await runCli(argvOf(finding.fix), { env: t.env, stdin: KEY });
    expect(fixed.code, fixed.stderr).toBe(0);
    expect((await readJson(t.configPath)).auth.profiles['anthropic:default'].mode).toBe('api_key');
    expect((await readJson(t.storePath)).profiles['anthropic:default']).toMatchObject({ type: 'api_key', key: KEY });
    const after = await runCli(['doctor', '--json'], { env: t.env });
    expect(JSON.parse(after.stdout).findings.filter((f: { message: string }) => f.message.includes('anthropic:default'))).toEqual([]);
  });

  it.each([
    ['an empty API key', { type: 'api_key', provider: 'anthropic', key: '' }, KEY],
    ['an expired setup-token', { type: 'token', provider: 'anthropic', token: TOKEN, expires: Date.now() - 60_000 }, TOKEN.replace(/g/g, 'h')],
  ])('status --check: %s is fixed by the command it prints', async (_name, cred, secret) => {
    await writeStore(t.storePath, { version: 1, profiles: { 'anthropic:work': cred } });
    const check = await runCli(['models', 'status', '--check', '--json'], { env: t.env });
    expect(check.code).toBe(1);
    const fix: string = JSON.parse(check.stdout).check.problems.find((p: { profileId?: string }) => p.profileId === 'anthropic:work').fix;
    const run = await runCli([...argvOf(fix), '--force'], { env: t.env, stdin: secret });
    expect(run.code, run.stderr).toBe(0);
    const again = await runCli(['models', 'status', '--check'], { env: t.env });
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect((await readJson(t.storePath)).profiles['anthropic:work'].type).toBe(cred.type);
  });
});
