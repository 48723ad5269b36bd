// `models status --json`, `--check` and `--plain` as real CLI processes (dist/cli.js) against temp
// state dirs, one fixture per credential state. Also: the same fixtures give the same states in
// text and JSON, and no secret ever appears in any output.
// Build first: `node scripts/build.mjs`.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TempState, makeTempState, requireBuild } from '../helpers/store-cli.js';
import { removeSnapshot, runCliSnapshot as runCli, snapshotCliPath } from '../fixtures/status/cli-snapshot.js';
import { ALL_SECRETS, SCENARIOS, type Scenario } from '../fixtures/status/scenarios.js';

beforeAll(async () => {
  requireBuild();
  await snapshotCliPath();
});
afterAll(() => removeSnapshot());

const temps: TempState[] = [];
afterEach(async () => {
  for (const t of temps.splice(0)) await t.cleanup();
});

async function prepare(s: Scenario) {
  const t = await makeTempState('cb-a2-');
  temps.push(t);
  await s.setup({ stateDir: t.stateDir, home: t.home }, Date.now());
  return { t, env: { ...t.env, ...(s.env ?? {}) } };
}

function assertNoSecrets(text: string) {
  for (const secret of ALL_SECRETS) {
    expect(text).not.toContain(secret);
    // Nor any long piece of one.
    expect(text).not.toContain(secret.slice(14, 30));
  }
}

type JsonProfile = { profileId: string; status: string; canRefresh: boolean; needsReauth: boolean; source: string; unusable?: { kind: string }; orderPosition: number | null };

describe.each(SCENARIOS)('models status: $state ($name)', (s) => {
  it('--json reports the state with Clawdbot field names, and --check exits as documented', async () => {
    const { env } = await prepare(s);
    const json = await runCli(['models', 'status', '--json'], { env });
    expect(json.code, json.stderr).toBe(0);
    assertNoSecrets(json.stdout + json.stderr);
    const doc = JSON.parse(json.stdout);
    // Clawdbot's names are all there.
    expect(doc.auth).toHaveProperty('storePath');
    expect(Array.isArray(doc.auth.providers)).toBe(true);
    expect(Array.isArray(doc.auth.unusableProfiles)).toBe(true);
    expect(doc.auth.oauth.warnAfterMs).toBe(24 * 3_600_000);
    expect(Array.isArray(doc.auth.missingProvidersInUse)).toBe(true);
    expect(doc).toHaveProperty('configPath');
    expect(doc).toHaveProperty('defaultModel');

    const profiles = doc.auth.oauth.profiles as JsonProfile[];
    expect(profiles.map((p) => p.profileId).sort()).toEqual(Object.keys(s.expect.profiles).sort());
    for (const [id, want] of Object.entries(s.expect.profiles)) {
      const got = profiles.find((p) => p.profileId === id)!;
      expect(got.status, id).toBe(want.status);
      if (want.canRefresh !== undefined) expect(got.canRefresh, id).toBe(want.canRefresh);
      expect(got.needsReauth, id).toBe(want.needsReauth ?? false);
      if (want.source) expect(got.source, id).toBe(want.source);
      if (want.unusable) {
        expect(got.unusable?.kind, id).toBe(want.unusable);
        expect(got.orderPosition, id).toBeNull();
        const entry = doc.auth.unusableProfiles.find((u: { profileId: string }) => u.profileId === id);
        expect(entry).toMatchObject({ provider: 'anthropic', kind: want.unusable });
        expect(entry.remainingMs).toBeGreaterThan(0);
        expect(entry.until).toBeGreaterThan(Date.now());
      } else expect(got.unusable, id).toBeUndefined();
    }
    expect(doc.auth.missingProvidersInUse).toEqual(s.expect.missingProvidersInUse ?? []);
    if (s.expect.storeError) expect(doc.auth.storeError).toMatch(/auth-profiles\.json/);
    else expect(doc.auth.storeError).toBeUndefined();
    expect(doc.check.exitCode).toBe(s.expect.check);

    const check = await runCli(['models', 'status', '--check'], { env });
    assertNoSecrets(check.stdout + check.stderr);
    expect(check.code, check.stdout + check.stderr).toBe(s.expect.check);
    expect(check.stderr).not.toMatch(/\bat .*\.js:\d+/); // never a stack trace
    if (s.expect.check === 0) expect(check.stdout).toMatch(/^ok:/);
    else expect(check.stdout).toMatch(s.expect.check === 1 ? /^error: / : /^warning: /m);
  });

  it('text and JSON show the same state for every profile', async () => {
    const { env } = await prepare(s);
    const [text, json] = await Promise.all([runCli(['models', 'status', '--plain'], { env }), runCli(['models', 'status', '--json'], { env })]);
    expect(text.code, text.stderr).toBe(0);
    assertNoSecrets(text.stdout + text.stderr);
    expect(text.stdout).not.toMatch(/\x1b\[/); // not a TTY: no colour
    const doc = JSON.parse(json.stdout);
    const lines = text.stdout.split('\n');
    for (const p of doc.auth.oauth.profiles as JsonProfile[]) {
      const line = lines.find((l) => l.includes(` ${p.profileId} `));
      expect(line, `${p.profileId} in:\n${text.stdout}`).toBeDefined();
      const word = p.needsReauth ? `${p.status} (sign in again)` : p.status === 'expired' && p.canRefresh ? 'expired (refreshable)' : p.status;
      expect(line).toContain(`  ${word}`);
      if (p.unusable) expect(line).toContain(`[${p.unusable.kind}`);
      expect(line!.trimStart().startsWith(p.orderPosition === null ? '-' : `${p.orderPosition}.`)).toBe(true);
    }
    for (const m of doc.auth.missingProvidersInUse as string[]) expect(text.stdout).toMatch(new RegExp(`${m} \\(in use\\) no usable credential`));
    if (s.expect.storeError) expect(text.stdout).toMatch(/Store unreadable: .*auth-profiles\.json/);
  });
});

describe('models status: options', () => {
  it('--warn-within widens the expiring window (--check exit 2) and bad values are one clear line', async () => {
    const s = SCENARIOS.find((x) => x.state === 'ok')!; // token expiring in 10 days
    const { env } = await prepare(s);
    const before = await runCli(['models', 'status', '--check'], { env });
    expect(before.code, before.stdout + before.stderr).toBe(0);
    const wide = await runCli(['models', 'status', '--check', '--warn-within', '30d'], { env });
    expect(wide.code).toBe(2);
    expect(wide.stdout).toMatch(/warning: anthropic:manual: expires within the warn window/);
    const bad = await runCli(['models', 'status', '--check', '--warn-within', 'soon'], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/Invalid --warn-within "soon"/);
  });

  it('--json with --check still prints JSON and sets the exit code', async () => {
    const { env } = await prepare(SCENARIOS.find((x) => x.state === 'expired')!);
    const r = await runCli(['models', 'status', '--json', '--check'], { env });
    expect(r.code).toBe(1);
    const problems = JSON.parse(r.stdout).check.problems;
    expect(problems).toContainEqual(expect.objectContaining({ level: 'error', profileId: 'anthropic:manual', message: 'anthropic:manual: expired' }));
    expect(problems).toContainEqual(expect.objectContaining({ level: 'error', provider: 'anthropic', fix: 'clawdbot models auth setup-token --provider anthropic' }));
  });

  it('the fix command for an expired token is shown and is a real command', async () => {
    const { env } = await prepare(SCENARIOS.find((x) => x.state === 'expired')!);
    const r = await runCli(['models', 'status', '--plain'], { env });
    expect(r.stdout).toContain('fix: clawdbot models auth setup-token --provider anthropic --profile-id anthropic:manual');
    expect(r.stdout).toContain('skipped: token expired');
  });

  it('--agent and --all-agents report each agent with its own store and models', async () => {
    const t = await makeTempState('cb-a2-');
    temps.push(t);
    const dirs = { stateDir: t.stateDir, home: t.home };
    const { writeStoreFile, writeConfigFile, KEY_A, OPENAI_KEY } = await import('../fixtures/status/scenarios.js');
    await writeConfigFile(dirs, `{ agents: { list: [ { id: "coder", model: "openai/gpt-5.2" } ] } }`);
    await writeStoreFile(dirs, { version: 1, profiles: { 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: KEY_A } } });
    await writeStoreFile(dirs, { version: 1, profiles: { 'openai:default': { type: 'api_key', provider: 'openai', key: OPENAI_KEY } } }, 'coder');

    const one = JSON.parse((await runCli(['models', 'status', '--json', '--agent', 'coder'], { env: t.env })).stdout);
    expect(one.agentId).toBe('coder');
    expect(one.defaultModel).toBe('openai/gpt-5.2');
    expect(one.auth.storePath).toBe(t.agentStorePath('coder'));
    expect(one.auth.oauth.profiles.map((p: { profileId: string }) => p.profileId)).toEqual(['openai:default']);

    const all = await runCli(['models', 'status', '--json', '--all-agents'], { env: t.env });
    const doc = JSON.parse(all.stdout);
    expect(doc.agents.map((a: { agentId: string }) => a.agentId)).toEqual(['main', 'coder']);
    expect(doc.agents[1].providersInUse).toEqual(['openai']);
    expect(doc.check.exitCode).toBe(0);

    const text = await runCli(['models', 'status', '--plain', '--all-agents'], { env: t.env });
    expect(text.stdout).toMatch(/Agent main[\s\S]*anthropic:default[\s\S]*Agent coder[\s\S]*openai:default/);
  });

  it('colour only when asked for (FORCE_COLOR) and never under NO_COLOR', async () => {
    const { env } = await prepare(SCENARIOS.find((x) => x.state === 'expired')!);
    const { NO_COLOR: _drop, ...base } = env;
    const coloured = await runCli(['models', 'status', '--plain'], { env: { ...base, FORCE_COLOR: '1' } });
    expect(coloured.stdout).toContain('\x1b[31mexpired\x1b[0m');
    const plain = await runCli(['models', 'status', '--plain'], { env: { ...base, FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(plain.stdout).not.toContain('\x1b[');
    const json = await runCli(['models', 'status', '--json'], { env: { ...base, FORCE_COLOR: '1' } });
    expect(json.stdout).not.toContain('\x1b[');
  });

  it('an invalid --agent id is one clear line and exit 1', async () => {
    const t = await makeTempState('cb-a2-');
    temps.push(t);
    const r = await runCli(['models', 'status', '--json', '--agent', '../etc'], { env: t.env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^clawdbot: Invalid agent id/);
  });
});
