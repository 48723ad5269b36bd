// A new user's first hour, as the README walks it, on the built CLI: `models status --check` on an
// empty host, the onboarding wizard over SSH in an 80x24 terminal, status, a typo or two, a token
// for another provider from a script, a second paste that would replace it, doctor, and the cron
// check. Every step asserts what the user sees; no output ever holds a secret.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli, uiEnv } from '../helpers/pty.js';
import { enterAnthropicApiKey } from '../helpers/wizard-walks.js';
import { expectNoSecretIn, makeTempState, requireBuild, runCli, type TempState } from '../helpers/store-cli.js';
import { startFakeProviderApi, type FakeProviderApi } from '../helpers/fake-provider-api.js';

const KEY = 'sk-ant-api03-' + 'Fh7Qw2Zp'.repeat(5);
const ROUTER = 'sk-or-v1-' + 'c0ffee42'.repeat(8);
const ROUTER_2 = 'sk-or-v1-' + 'deadbeef'.repeat(8);

let t: TempState;
let api: FakeProviderApi;
const seen: string[] = [];

beforeAll(async () => {
  requireBuild();
  t = await makeTempState('cb-first-hour-');
  api = await startFakeProviderApi();
  api.replies.set(KEY, { status: 200 });
});
afterAll(async () => {
  for (const out of seen) {
    expectNoSecretIn(out, KEY);
    expectNoSecretIn(out, ROUTER);
    expectNoSecretIn(out, ROUTER_2);
  }
  await api.close();
  await t.cleanup();
});

/** A command as a script runs it (no terminal), its output kept for the secret scan. */
async function cli(args: string[], stdin?: string) {
  const r = await runCli(args, { env: { ...t.env, ANTHROPIC_BASE_URL: api.url }, ...(stdin !== undefined ? { stdin } : {}) });
  seen.push(r.stdout, r.stderr);
  return r;
}

describe('the first hour', () => {
  it('1. on an empty host, the cron check says what is missing and how to add it', async () => {
    const r = await cli(['models', 'status', '--check']);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/anthropic is in use .* but has no usable credential/);
    expect(r.stdout + r.stderr).toContain('clawdbot models auth setup-token --provider anthropic');
  });

  it('2. onboard over SSH in 80x24: Anthropic API key, checked live, saved, default model kept', async () => {
    const env = uiEnv({
      HOME: t.home,
      CLAWDBOT_STATE_DIR: t.stateDir,
      ANTHROPIC_BASE_URL: api.url,
      SSH_CONNECTION: '203.0.113.7 52144 192.0.2.10 22',
      SSH_TTY: '/dev/pts/3',
    });
    for (const k of ['DISPLAY', 'WAYLAND_DISPLAY', 'ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'CODEX_HOME']) delete env[k];
    const r = spawnCli(['onboard'], { env, cols: 80, rows: 24 });
    try {
      await r.waitFor(/Step 1 of \d+ · Provider/);
      await enterAnthropicApiKey(r, KEY);
      await r.waitFor('Summary');
      expect(r.screen()).toContain('ok: the provider accepted it');
      r.press('enter');
      await r.waitFor('Default model');
      r.press('enter');
      await r.waitFor('Next:');
      expect((await r.exited).exitCode).toBe(0);
    } finally {
      r.kill('SIGKILL');
    }
    seen.push(r.output());
    const doc = JSON.parse(readFileSync(t.storePath, 'utf8'));
    expect(doc.profiles['anthropic:default']).toEqual({ type: 'api_key', provider: 'anthropic', key: KEY });
  });

  it('3. status shows the profile masked, in use, first in the order', async () => {
    const r = await cli(['models', 'status', '--plain']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('anthropic:default');
    expect(r.stdout).toMatch(/sk-ant-api03-…\w{4}/);
  });

  it('4. typos: a mistyped command gets a suggestion, a mistyped agent creates nothing', async () => {
    const typo = await cli(['models', 'stauts']);
    expect(typo.code).toBe(1);
    expect(typo.stderr.trim()).toBe("clawdbot: unknown command 'models stauts' (did you mean status?); run `clawdbot models --help` for the commands");
    const agent = await cli(['models', 'status', '--check', '--agent', 'wrok']);
    expect(agent.code).toBe(1);
    expect(agent.stderr.trim()).toBe('clawdbot: unknown agent "wrok" (agents: main; create it with clawdbot agents add wrok)');
    expect(existsSync(path.join(t.stateDir, 'agents', 'wrok'))).toBe(false);
  });

  it('5. a token for another provider from a script; pasting a different one over it is refused, not silent', async () => {
    const saved = await cli(['models', 'auth', 'paste-token', '--provider', 'openrouter'], ROUTER);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toContain('openrouter:manual');
    const again = await cli(['models', 'auth', 'paste-token', '--provider', 'openrouter'], ROUTER_2);
    expect(again.code).toBe(1);
    expect(again.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(again.stderr).toContain('--force');
    expect(JSON.parse(readFileSync(t.storePath, 'utf8')).profiles['openrouter:manual'].token).toBe(ROUTER);
  });

  it('6. doctor finds nothing to fix; the cron check passes; list shows both profiles without secrets', async () => {
    const doctor = await cli(['doctor']);
    expect(doctor.code, doctor.stdout).toBe(0);
    expect(doctor.stdout).toMatch(/Everything looks healthy|Healthy/);
    const check = await cli(['models', 'status', '--check']);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const list = await cli(['models', 'auth', 'list', '--json']);
    const ids = JSON.parse(list.stdout).profiles.map((p: { id?: string; profileId?: string }) => p.id ?? p.profileId);
    expect(ids.sort()).toEqual(['anthropic:default', 'openrouter:manual']);
  });
});
