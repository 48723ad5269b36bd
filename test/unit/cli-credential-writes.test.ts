// The one credential write path as a user meets it through the built CLI: a setup-token gets the
// same expiry whichever command saves it (issue 20 item 3), and no command replaces a profile's
// DIFFERENT credential without a yes or --force (item 4), while the same secret again is fine.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectNoSecretIn, makeTempState, readJson, requireBuild, runCli, type TempState } from '../helpers/store-cli.js';

const SETUP_A = `sk-ant-oat01-${'A1b2C3d4'.repeat(10)}`;
const SETUP_B = `sk-ant-oat01-${'Z9y8X7w6'.repeat(10)}`;
const API_KEY = `sk-ant-api03-${'K3yK3yK3y'.repeat(10)}`;
const DAY = 86_400_000;
let state: TempState;
beforeAll(() => requireBuild());
beforeEach(async () => {
  state = await makeTempState('cb-writes-');
});
afterEach(() => state.cleanup());

const cli = (args: string[], stdin?: string) => runCli(args, { env: state.env, ...(stdin !== undefined ? { stdin } : {}) });
const profile = async (id: string) => (await readJson(state.storePath)).profiles[id];

describe('setup-token expiry: one rule everywhere', () => {
  it('models auth setup-token saves a year, like onboard --non-interactive, and status warns with it', async () => {
    const before = Date.now();
    let r = await cli(['models', 'auth', 'setup-token'], `${SETUP_A}\n`);
    expect(r.code, r.stderr).toBe(0);
    const viaSetup = await profile('anthropic:manual');
    expect(viaSetup.expires).toBeGreaterThanOrEqual(before + 365 * DAY);
    expect(viaSetup.expires).toBeLessThanOrEqual(Date.now() + 365 * DAY);
    expect(r.stdout).toMatch(/expires in 36[45]d/);

    r = await cli(['onboard', '--non-interactive', '--auth-choice', 'setup-token', '--token', '-', '--token-profile-id', 'anthropic:other'], `${SETUP_B}\n`);
    expect(r.code, r.stderr).toBe(0);
    const viaOnboard = await profile('anthropic:other');
    expect(Math.abs(viaOnboard.expires - viaSetup.expires)).toBeLessThan(60_000);

    r = await cli(['models', 'status', '--plain']);
    expect(r.stdout).not.toMatch(/static, no expiry/);
    expectNoSecretIn(r.stdout + r.stderr, SETUP_A);
  });

  it('--expires-in sets another lifetime; a bad one is one line and nothing is written', async () => {
    let r = await cli(['models', 'auth', 'setup-token', '--expires-in', '30d'], `${SETUP_A}\n`);
    expect(r.code, r.stderr).toBe(0);
    const p = await profile('anthropic:manual');
    expect(Math.abs(p.expires - (Date.now() + 30 * DAY))).toBeLessThan(60_000);
    r = await cli(['models', 'auth', 'setup-token', '--expires-in', 'soon', '--profile-id', 'anthropic:x'], `${SETUP_B}\n`);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^clawdbot: .*--expires-in/);
    expect(await profile('anthropic:x')).toBeUndefined();
  });
});

describe('no silent overwrite of a different credential', () => {
  it('setup-token after paste-token of an API key refuses in a script, naming --force and --profile-id; the key is kept', async () => {
    let r = await cli(['models', 'auth', 'paste-token', '--provider', 'anthropic'], `${API_KEY}\n`);
    expect(r.code, r.stderr).toBe(0);
    r = await cli(['models', 'auth', 'setup-token'], `${SETUP_A}\n`);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'clawdbot: Profile anthropic:manual already holds a different credential (token); nothing was written. Pass --force to replace it, or choose another --profile-id.\n',
    );
    expect((await profile('anthropic:manual')).token).toBe(API_KEY);

    // Another id is fine; --force replaces.
    r = await cli(['models', 'auth', 'setup-token', '--profile-id', 'anthropic:sub'], `${SETUP_A}\n`);
    expect(r.code, r.stderr).toBe(0);
    r = await cli(['models', 'auth', 'setup-token', '--force'], `${SETUP_B}\n`);
    expect(r.code, r.stderr).toBe(0);
    expect((await profile('anthropic:manual')).token).toBe(SETUP_B);
    expectNoSecretIn(r.stdout + r.stderr, SETUP_B);
  });

  it('the same token pasted again updates in place without asking', async () => {
    expect((await cli(['models', 'auth', 'paste-token', '--provider', 'anthropic'], `${SETUP_A}\n`)).code).toBe(0);
    const r = await cli(['models', 'auth', 'paste-token', '--provider', 'anthropic', '--expires-in', '10d'], `${SETUP_A}\n`);
    expect(r.code, r.stderr).toBe(0);
    expect(Math.abs((await profile('anthropic:manual')).expires - (Date.now() + 10 * DAY))).toBeLessThan(60_000);
  });

  it('onboard --non-interactive never prompts: refuses with --force / --token-profile-id, and --force replaces', async () => {
    expect((await cli(['models', 'auth', 'paste-token', '--provider', 'anthropic'], `${SETUP_A}\n`)).code).toBe(0);
    let r = await cli(['onboard', '--non-interactive', '--auth-choice', 'token', '--token', '-'], `${SETUP_B}\n`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^clawdbot: Profile anthropic:manual already holds a different credential \(token\); nothing was written\. Pass --force to replace it, or choose another --token-profile-id\.\n$/);
    expect((await profile('anthropic:manual')).token).toBe(SETUP_A);

    r = await cli(['onboard', '--non-interactive', '--anthropic-api-key', API_KEY]);
    expect(r.code, r.stderr).toBe(0);
    r = await cli(['onboard', '--non-interactive', '--anthropic-api-key', `${API_KEY}x`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Profile anthropic:default already holds a different credential (api_key); nothing was written. Pass --force to replace it.');
    r = await cli(['onboard', '--non-interactive', '--anthropic-api-key', `${API_KEY}x`, '--force']);
    expect(r.code, r.stderr).toBe(0);
    expect((await profile('anthropic:default')).key).toBe(`${API_KEY}x`);
  });
});
