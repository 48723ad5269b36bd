// The status report model in-process, with the clock injected: states change exactly when they
// should (expiring -> expired, cooldown ends), and the --check verdict follows. Real files in a
// temp state dir.
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildStatusReport, checkReport, discoverAgentIds } from '../../src/auth/report.js';
import { renderStatusText } from '../../src/auth/status-text.js';
import { D, H, KEY_A, KEY_B, TOKEN_A, writeConfigFile, writeStoreFile } from '../fixtures/status/scenarios.js';

let root: string | undefined;
afterEach(async () => {
  if (root) await fsp.rm(root, { recursive: true, force: true });
  root = undefined;
});

async function setup() {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'cb-a2-report-'));
  const stateDir = path.join(root, 'state');
  const home = path.join(root, 'home');
  await fsp.mkdir(home, { recursive: true });
  const env = { HOME: home, CLAWDBOT_STATE_DIR: stateDir, PATH: process.env.PATH };
  return { env, dirs: { stateDir, home } };
}

const quiet = () => undefined;

describe('buildStatusReport over time', () => {
  it('a token goes ok -> expiring -> expired at the right moments, and --check goes 0 -> 2 -> 1', async () => {
    const { env, dirs } = await setup();
    const T = Date.UTC(2026, 0, 10, 12, 0, 0);
    await writeStoreFile(dirs, { version: 1, profiles: { 'anthropic:manual': { type: 'token', provider: 'anthropic', token: TOKEN_A, expires: T } } });
    const at = async (now: number) => {
      const r = await buildStatusReport({ env, now, warn: quiet, externalSync: false });
      const p = r.agents[0]!.providers[0]!.profiles[0]!;
      return { status: p.status, remainingMs: p.remainingMs, exit: checkReport(r).exitCode };
    };
    expect(await at(T - D - 1000)).toEqual({ status: 'ok', remainingMs: D + 1000, exit: 0 });
    expect(await at(T - D)).toMatchObject({ status: 'expiring', exit: 2 });
    expect(await at(T - 1)).toMatchObject({ status: 'expiring', exit: 2 });
    expect(await at(T)).toMatchObject({ status: 'expired', remainingMs: 0, exit: 1 });
    // The warning says how long is left, to the minute (33 minutes is not "1h left").
    const soon = await buildStatusReport({ env, now: T - 33 * 60_000, warn: quiet, externalSync: false });
    expect(checkReport(soon).problems[0]!.message).toBe('anthropic:manual: expires within the warn window (33m 00s left)');
    // A narrower warn window moves the boundary.
    const r = await buildStatusReport({ env, now: T - 2 * H, warnMs: H, warn: quiet, externalSync: false });
    expect(checkReport(r).exitCode).toBe(0);
  });

  it('a cooldown ends on time: the provider is missing until then, usable from then on', async () => {
    const { env, dirs } = await setup();
    const T = Date.UTC(2026, 0, 10, 12, 0, 0);
    await writeStoreFile(dirs, {
      version: 1,
      profiles: { 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: KEY_A } },
      usageStats: { 'anthropic:default': { cooldownUntil: T, errorCount: 2 } },
    });
    const before = await buildStatusReport({ env, now: T - 60_000, warn: quiet, externalSync: false });
    const pb = before.agents[0]!.providers[0]!;
    expect(pb.profiles[0]!.unusable).toMatchObject({ kind: 'cooldown', until: T, remainingMs: 60_000 });
    expect(pb.profiles[0]!.orderPosition).toBeNull();
    expect(pb.effective.kind).toBe('missing');
    expect(before.agents[0]!.counts.cooldown).toBe(1);
    const verdict = checkReport(before);
    expect(verdict.exitCode).toBe(1);
    expect(verdict.problems[0]!.message).toMatch(/every profile is in cooldown or disabled \(first back in 1m\)/);
    expect(verdict.problems[0]!.fix).toBe('clawdbot models auth cooldown clear');

    const after = await buildStatusReport({ env, now: T, warn: quiet, externalSync: false });
    const pa = after.agents[0]!.providers[0]!;
    expect(pa.profiles[0]!.unusable).toBeUndefined();
    expect(pa.profiles[0]!.orderPosition).toBe(1);
    expect(pa.next).toBe('anthropic:default');
    expect(checkReport(after).exitCode).toBe(0);
  });

  it('the order shown is the order requests try: stored order, cooldown skipped, env credential last', async () => {
    const { env, dirs } = await setup();
    const now = Date.UTC(2026, 0, 10, 12, 0, 0);
    await writeStoreFile(dirs, {
      version: 1,
      profiles: {
        'anthropic:a': { type: 'api_key', provider: 'anthropic', key: KEY_A },
        'anthropic:b': { type: 'api_key', provider: 'anthropic', key: KEY_B },
        'anthropic:c': { type: 'token', provider: 'anthropic', token: TOKEN_A },
      },
      order: { anthropic: ['anthropic:c', 'anthropic:a', 'anthropic:b'] },
      usageStats: { 'anthropic:a': { cooldownUntil: now + H } },
    });
    const r = await buildStatusReport({ env: { ...env, ANTHROPIC_API_KEY: KEY_B }, now, warn: quiet, externalSync: false });
    const pr = r.agents[0]!.providers[0]!;
    expect(pr.orderSource).toBe('store');
    expect(pr.profiles.map((p) => [p.profileId, p.orderPosition])).toEqual([
      ['anthropic:c', 1],
      ['anthropic:b', 2],
      ['anthropic:a', null],
      ['anthropic:$ANTHROPIC_API_KEY', 3],
    ]);
    expect(pr.profiles.find((p) => p.profileId === 'anthropic:a')!.skipReason).toMatch(/^cooldown until /);
    expect(pr.next).toBe('anthropic:c');
  });

  it('after the try order come the provider\'s other profiles in store order, each once, whatever skipped them', async () => {
    const { env, dirs } = await setup();
    const now = Date.UTC(2026, 0, 10, 12, 0, 0);
    await writeStoreFile(dirs, {
      version: 1,
      profiles: {
        'anthropic:x1': { type: 'api_key', provider: 'anthropic', key: KEY_A },
        'anthropic:e1': { type: 'token', provider: 'anthropic', token: TOKEN_A, expires: now - H },
        'anthropic:c1': { type: 'api_key', provider: 'anthropic', key: KEY_B },
        'anthropic:a1': { type: 'api_key', provider: 'anthropic', key: KEY_A },
        'anthropic:x2': { type: 'api_key', provider: 'anthropic', key: KEY_B },
        'anthropic:e2': { type: 'token', provider: 'anthropic', token: TOKEN_A, expires: now - H },
      },
      // Skipped in another order than the store's: e2 and e1 (expired) as listed, then the two
      // left out, then c1 (cooling down, which also stays at the end of the order).
      order: { anthropic: ['anthropic:e2', 'anthropic:a1', 'anthropic:c1', 'anthropic:e1'] },
      usageStats: { 'anthropic:c1': { cooldownUntil: now + H } },
    });
    const r = await buildStatusReport({ env, now, warn: quiet, externalSync: false });
    const pr = r.agents[0]!.providers[0]!;
    expect(pr.order).toEqual(['anthropic:a1', 'anthropic:c1']);
    expect(pr.profiles.map((p) => [p.profileId, p.orderPosition])).toEqual([
      ['anthropic:a1', 1],
      ['anthropic:c1', null],
      ['anthropic:x1', null],
      ['anthropic:e1', null],
      ['anthropic:x2', null],
      ['anthropic:e2', null],
    ]);
  });

  it('a profile left out of an explicit order is listed with why, and never alarms', async () => {
    const { env, dirs } = await setup();
    const now = Date.UTC(2026, 0, 10, 12, 0, 0);
    await writeStoreFile(dirs, {
      version: 1,
      profiles: {
        'anthropic:a': { type: 'api_key', provider: 'anthropic', key: KEY_A },
        'anthropic:old': { type: 'token', provider: 'anthropic', token: TOKEN_A, expires: now - D },
      },
      order: { anthropic: ['anthropic:gone', 'anthropic:a'] },
    });
    const r = await buildStatusReport({ env, now, warn: quiet, externalSync: false });
    const old = r.agents[0]!.providers[0]!.profiles.find((p) => p.profileId === 'anthropic:old')!;
    expect(old.orderPosition).toBeNull();
    expect(old.skipReason).toBe('not in the stored order for anthropic');
    expect(r.agents[0]!.notes).toContain('the stored order for anthropic lists anthropic:gone, which is not in the store; it is skipped.');
    expect(checkReport(r).exitCode).toBe(0);
  });
});

describe('buildStatusReport sources and hooks', () => {
  it('runs the external CLI sync before reading the store and keeps its notes', async () => {
    const { env, dirs } = await setup();
    await writeStoreFile(dirs, { version: 1, profiles: {} });
    const r = await buildStatusReport({
      env,
      warn: quiet,
      externalSync: async (store) => {
        await store.update((doc) => {
          doc.profiles['anthropic:claude-cli'] = { type: 'token', provider: 'anthropic', token: TOKEN_A };
          return true;
        });
        return ['anthropic:claude-cli: imported from ~/.claude/.credentials.json (token)'];
      },
    });
    const p = r.agents[0]!.providers[0]!.profiles[0]!;
    expect(p).toMatchObject({ profileId: 'anthropic:claude-cli', source: 'claude-cli', status: 'static' });
    expect(r.agents[0]!.notes).toContain('anthropic:claude-cli: imported from ~/.claude/.credentials.json (token)');
  });

  it('a probe that throws becomes one redacted line on that profile, never a failure of the report', async () => {
    const { env, dirs } = await setup();
    await writeStoreFile(dirs, { version: 1, profiles: { 'anthropic:a': { type: 'api_key', provider: 'anthropic', key: KEY_A } } });
    const r = await buildStatusReport({
      env,
      warn: quiet,
      externalSync: false,
      probe: async ({ secret }) => {
        throw new Error(`socket hang up while sending x-api-key: ${secret}`);
      },
    });
    const p = r.agents[0]!.providers[0]!.profiles[0]!;
    expect(p.probe?.status).toBe('unknown');
    expect(p.probe?.error).toMatch(/socket hang up/);
    expect(p.probe?.error).not.toContain(KEY_A);
    expect(renderStatusText(r, checkReport(r))).not.toContain(KEY_A);
  });

  it('a corrupt config is reported (defaults used), never thrown', async () => {
    const { env, dirs } = await setup();
    await writeConfigFile(dirs, '{ agents: ');
    const r = await buildStatusReport({ env: { ...env, ANTHROPIC_API_KEY: KEY_A }, warn: quiet, externalSync: false });
    expect(r.configError).toMatch(/clawdbot\.json: not valid JSON5/);
    expect(r.defaultModel).toBe('anthropic/claude-opus-4-5');
    expect(r.agents[0]!.providers[0]!.effective.kind).toBe('env');
    expect(checkReport(r).exitCode).toBe(1);
  });

  it('a corrupt store still reports the env credential beside the store error', async () => {
    const { env, dirs } = await setup();
    await writeStoreFile(dirs, '{"version":1,"profiles":{}');
    const r = await buildStatusReport({ env: { ...env, ANTHROPIC_API_KEY: KEY_A }, warn: quiet, externalSync: false });
    const a = r.agents[0]!;
    expect(a.storeError).toMatch(/auth-profiles\.json/);
    expect(a.providers[0]!.profiles.map((p) => p.source)).toEqual(['env']);
    expect(a.notes.join(' ')).toMatch(/credentials from the environment are still shown/);
    expect(checkReport(r).problems[0]).toMatchObject({ level: 'error', fix: 'clawdbot doctor --repair' });
  });

  it('discovers agents from the agents dir and the config, main first', async () => {
    const { env, dirs } = await setup();
    await writeStoreFile(dirs, { version: 1, profiles: {} }, 'zeta');
    await writeStoreFile(dirs, { version: 1, profiles: {} }, 'alpha');
    await fsp.mkdir(path.join(dirs.stateDir, 'agents', 'Not Valid'), { recursive: true });
    expect(await discoverAgentIds(env, { agents: { list: [{ id: 'beta' }, { id: '../x' }] } })).toEqual(['main', 'alpha', 'beta', 'zeta']);
    const r = await buildStatusReport({ env, allAgents: true, warn: quiet, externalSync: false });
    expect(r.agents.map((a) => a.agentId)).toEqual(['main', 'alpha', 'zeta']);
  });
});

describe('status report: a provider in use without a credential', () => {
  it('carries the command that adds one, and --check uses it', async () => {
    const { env } = await setup();
    const r = await buildStatusReport({ env, warn: quiet, externalSync: false });
    const anthropic = r.agents[0]!.providers.find((p) => p.provider === 'anthropic')!;
    expect(anthropic.effective.kind).toBe('missing');
    expect(anthropic.fix).toBe('clawdbot models auth setup-token --provider anthropic');
    expect(checkReport(r).problems.map((p) => p.fix)).toContain(anthropic.fix);
  });
});
