// The refusal of a pasted token, through the built CLI: one readable line in our own words (no
// `****` where our text was), the paste itself nowhere. Build first: `node scripts/build.mjs`.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { expectNoSecretIn, makeTempState, readJson, requireBuild, runCli, type TempState } from '../helpers/store-cli.js';

let t: TempState;
beforeAll(() => requireBuild());
beforeEach(async () => {
  t = await makeTempState('cb-tok-');
});
afterEach(async () => t.cleanup());

const NEW_STYLE = 'sk-ant-oat02-Expected' + 'Wd4Pq8Lz'.repeat(11);
const API_KEY = 'sk-ant-api03-Expected' + 'Wd4Pq8Lz'.repeat(11);

describe('onboard --non-interactive --auth-choice setup-token --token -', () => {
  it('saves a new-style setup-token with a one-line note, and shows only its mask', async () => {
    const r = await runCli(['onboard', '--non-interactive', '--auth-choice', 'setup-token', '--token', '-'], { env: t.env, stdin: `${NEW_STYLE}\n` });
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^clawdbot: note: This setup-token does not start with sk-ant-oat01- \(newer ones may not\)/)]);
    expect((await readJson(t.storePath)).profiles['anthropic:manual']).toMatchObject({ type: 'token', token: NEW_STYLE });
    expectNoSecretIn(r.stdout + r.stderr, NEW_STYLE);
  });

  it('refuses an API key in our own words, intact, and writes nothing', async () => {
    const r = await runCli(['onboard', '--non-interactive', '--auth-choice', 'setup-token', '--token', '-'], { env: t.env, stdin: API_KEY });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'clawdbot: --token: That is an Anthropic API key, not a setup-token; use `clawdbot models auth paste-token --provider anthropic` for keys, or run `claude setup-token` and paste what it prints.\n',
    );
    expect(existsSync(t.storePath)).toBe(false);
  });

  it('refuses a cut-off old-style token with the prefix named in full', async () => {
    const r = await runCli(['models', 'auth', 'setup-token'], { env: t.env, stdin: 'sk-ant-oat01-Expected' + 'Wd4Pq8Lz'.repeat(3) });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('clawdbot: That setup-token looks too short (45 characters); paste the whole setup-token.\n');
  });
});
