// One lock protocol with the Clawdbot gateway. The gateway is played by a real process using
// proper-lockfile 4.1.2 with the gateway's exact options (test/helpers/gateway-lock-worker.mjs):
// its lock (a directory) makes our writes wait, never fail with EISDIR; our lock makes it wait;
// both sides racing lose nothing; a stale proper-lockfile directory is taken over, and lock files
// of other programs are held until stale by their owner's rule.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LockTimeoutError, openAgentStore, updateAuthStore } from '../../src/store/index.js';
import {
  GATEWAY_WORKER,
  lockRecords,
  makeTempState,
  pollUntil,
  readJson,
  requireBuild,
  runCli,
  startWorker,
  writeStore,
  type TempState,
  type WorkerHandle,
} from '../helpers/store-cli.js';

const quiet = () => undefined;
let state: TempState;
let lockPath: string;
const workers: WorkerHandle[] = [];

beforeAll(() => requireBuild());
beforeEach(async () => {
  state = await makeTempState('cb-f-gwlock-');
  lockPath = `${state.storePath}.lock`;
  await writeStore(state.storePath, {
    version: 1,
    profiles: { 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-gwlock-test-0001' } },
    counter: 0,
  });
});
afterEach(async () => {
  for (const w of workers.splice(0)) {
    w.child.kill('SIGKILL');
    await w.exited;
  }
  await state.cleanup();
});

function gateway(args: string[]): WorkerHandle {
  const w = startWorker(args, state.env, GATEWAY_WORKER);
  workers.push(w);
  return w;
}
function ours(args: string[]): WorkerHandle {
  const w = startWorker(args, state.env);
  workers.push(w);
  return w;
}

const addProfile = (id: string) => (doc: { profiles: Record<string, unknown> }) => {
  doc.profiles[id] = { type: 'api_key', provider: id.split(':')[0], key: `sk-${id}-value` };
  return true;
};

const paste = (id: string, token: string) =>
  runCli(['models', 'auth', 'paste-token', '--provider', 'openrouter', '--profile-id', id], { env: state.env, stdin: token, timeoutMs: 90_000 });

describe('lock shared with the gateway (proper-lockfile)', () => {
  it('while the gateway holds the lock, paste-token waits, then writes (no EISDIR)', async () => {
    const gw = gateway(['hold', state.storePath]);
    await gw.waitLine('locked');
    expect(fs.statSync(lockPath).isDirectory()).toBe(true);
    let finished = false;
    const run = paste('openrouter:while-gateway', 'sk-or-v1-WhileGatewayHolds000000000000').finally(() => (finished = true));
    // A waiter of ours that has waited a while claims to be next: proof it is waiting, not failing.
    await pollUntil(() => fs.existsSync(`${lockPath}.next`) || finished, 20_000, 'paste-token to wait on the lock');
    expect(finished).toBe(false);
    expect((await readJson(state.storePath)).profiles['openrouter:while-gateway']).toBeUndefined();
    gw.send('release');
    await gw.waitLine('released');
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/EISDIR|unexpected error/);
    expect((await readJson(state.storePath)).profiles['openrouter:while-gateway'].token).toBe('sk-or-v1-WhileGatewayHolds000000000000');
    expect(fs.existsSync(lockPath)).toBe(false);
  }, 60_000);

  it('while we hold the lock, the gateway waits for it, and gets it once we release', async () => {
    const holder = ours(['stall', state.storePath, '10000']);
    await holder.waitLine('locked');
    const gw = gateway(['try', state.storePath]);
    // proper-lockfile retries at ~0.1, 0.3, 0.7, 1.5 s...: give it several tries at our lock.
    await new Promise((r) => setTimeout(r, 2000));
    expect(gw.lines).toEqual([]);
    holder.send('go');
    expect(await holder.waitLine(/^(wrote|error .*)$/)).toBe('wrote');
    expect(await gw.waitLine(/^(locked|error .*)$/, 30_000)).toBe('locked');
    expect((await gw.exited).code).toBe(0);
    expect((await readJson(state.storePath)).profiles['stall:x']).toBeDefined();
  }, 60_000);

  it('a lock of ours left by a killed holder is reclaimed by the gateway once stale (an empty directory: its rmdir works)', async () => {
    const holder = ours(['hold', state.storePath]);
    await holder.waitLine('locked');
    holder.child.kill('SIGKILL');
    await holder.exited;
    // As if 31 s had passed without a heartbeat (the gateway knows no pids: it waits for staleness).
    const old = new Date(Date.now() - 31_000);
    await fsp.utimes(lockPath, old, old);
    const gw = gateway(['try', state.storePath]);
    expect(await gw.waitLine(/^(locked|error .*)$/, 30_000)).toBe('locked');
    expect((await gw.exited).code).toBe(0);
    // Its holder record, orphaned now, never vouches for a later lock, and the next open of the store sweeps it.
    expect(lockRecords(lockPath)).toHaveLength(1);
    await openAgentStore('main', state.env, quiet).update(addProfile('openai:after-gateway'), { timeoutMs: 20_000 });
    expect(fs.existsSync(lockPath)).toBe(false);
    expect(lockRecords(lockPath)).toEqual([]);
  });

  it('a holder of ours stalled past 30 s loses the lock to the gateway, aborts its write and never touches the gateway\'s lock', async () => {
    const stalled = ours(['stall', state.storePath, '10000']);
    await stalled.waitLine('locked');
    process.kill(stalled.child.pid!, 'SIGSTOP');
    try {
      // As if it had been frozen for 31 s: the gateway judges the lock stale, removes it and takes its own.
      const old = new Date(Date.now() - 31_000);
      await fsp.utimes(lockPath, old, old);
      const gw = gateway(['hold', state.storePath]);
      expect(await gw.waitLine(/^(locked|error .*)$/, 30_000)).toBe('locked');
      process.kill(stalled.child.pid!, 'SIGCONT');
      stalled.send('go');
      expect(await stalled.waitLine(/^(wrote|error .*)$/)).toBe('error lock_compromised');
      expect((await readJson(state.storePath)).profiles['stall:x']).toBeUndefined();
      // The gateway's lock is intact (a heartbeat of ours on it would make proper-lockfile report it compromised).
      gw.send('release');
      expect(await gw.waitLine(/^(released|error .*)$/)).toBe('released');
      expect((await gw.exited).code, gw.stderr()).toBe(0);
    } finally {
      stalled.child.kill('SIGCONT');
    }
  }, 60_000);

  it('gateway-style writers racing our library and CLI writers: 0 failures, 0 lost updates on either side', async () => {
    const GW = 2;
    const OURS = 2;
    const N = 200;
    const CLI_RUNS = 8;
    const gws = Array.from({ length: GW }, (_, i) => gateway(['updates', state.storePath, String(i), String(N)]));
    const ws = Array.from({ length: OURS }, (_, i) => ours(['updates', state.storePath, String(i), String(N), 'locked']));
    await Promise.all([...gws, ...ws].map((w) => w.waitLine('ready', 30_000)));
    for (const w of [...gws, ...ws]) w.send('go');
    const cliIds = Array.from({ length: CLI_RUNS }, (_, i) => `openrouter:cli${i}`);
    const cli = (async () => {
      const out = [];
      for (const [i, id] of cliIds.entries()) out.push(await paste(id, `sk-or-v1-RacingCli${i}Token0000000000000`));
      return out;
    })();
    for (const w of gws) {
      const line = await w.waitLine(/^done /, 170_000);
      expect(line, w.stderr()).toMatch(/ failures 0$/);
    }
    for (const w of [...gws, ...ws]) expect((await w.exited).code, w.stderr()).toBe(0);
    for (const r of await cli) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/EISDIR|unexpected error/);
    }
    const doc = await readJson(state.storePath);
    expect(doc.counter).toBe((GW + OURS) * N);
    for (let i = 0; i < GW; i++) expect(doc.profiles[`gw${i}:p`]?.n, `gateway writer ${i}`).toBe(N);
    for (let i = 0; i < OURS; i++) expect(doc.profiles[`w${i}:p`]?.n, `our writer ${i}`).toBe(N);
    for (const id of cliIds) expect(doc.profiles[id], id).toBeDefined();
    expect(doc.profiles['anthropic:default']).toBeDefined();
    expect(fs.existsSync(lockPath)).toBe(false);
  }, 240_000);

  it('a stale proper-lockfile directory (not refreshed for over 30 s) is taken over', async () => {
    await fsp.mkdir(lockPath);
    const old = new Date(Date.now() - 31_000);
    await fsp.utimes(lockPath, old, old);
    const t0 = Date.now();
    await updateAuthStore(state.storePath, addProfile('openai:after-stale-gateway'), { warn: quiet, timeoutMs: 20_000 });
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect((await readJson(state.storePath)).profiles['openai:after-stale-gateway']).toBeDefined();
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it('a fresh proper-lockfile directory is held (no owner record of ours, so no pid to check): one clear line on timeout', async () => {
    await fsp.mkdir(lockPath);
    // Even a holder record of ours naming a dead pid does not vouch for a directory it was not written for.
    await fsp.writeFile(`${lockPath}.owner-2000000001`, JSON.stringify({ pid: 2 ** 22 + 4321, host: (await import('node:os')).hostname(), nonce: 'old', acquiredAt: 1, marker: 2_000_000_001 }));
    const err = await updateAuthStore(state.storePath, addProfile('openai:never'), { warn: quiet, timeoutMs: 2500 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockTimeoutError);
    const msg = (err as Error).message;
    expect(msg).not.toContain('\n');
    expect(msg).toContain(lockPath);
    expect(msg).toMatch(/another program's lock directory, e\.g\. the Clawdbot gateway's/);
    expect(msg).toMatch(/nothing was written/);
    expect(fs.statSync(lockPath).isDirectory()).toBe(true);
    expect((await readJson(state.storePath)).profiles['openai:never']).toBeUndefined();
  });
});

describe('lock files of other programs', () => {
  let sleeper: ReturnType<typeof spawn> | undefined;
  afterEach(() => {
    sleeper?.kill('SIGKILL');
    sleeper = undefined;
  });

  it('an OpenClaw-style {pid, createdAt} lock file whose pid lives is never taken over, however old its mtime', async () => {
    sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    const text = JSON.stringify({ pid: sleeper.pid, createdAt: new Date().toISOString() });
    await fsp.writeFile(lockPath, text, { mode: 0o600 });
    const old = new Date(Date.now() - 60_000);
    await fsp.utimes(lockPath, old, old);
    const err = await updateAuthStore(state.storePath, addProfile('openai:never'), { warn: quiet, timeoutMs: 3000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockTimeoutError);
    expect((err as Error).message).toContain(`pid ${sleeper.pid}`);
    expect(await fsp.readFile(lockPath, 'utf8')).toBe(text);
    expect((await readJson(state.storePath)).profiles['openai:never']).toBeUndefined();
  });

  it('an OpenClaw-style lock file whose pid is gone is taken over at once (its owner\'s rule)', async () => {
    const dead = spawn('true', [], { stdio: 'ignore' });
    await new Promise((r) => dead.on('exit', r));
    await fsp.writeFile(lockPath, JSON.stringify({ pid: dead.pid, createdAt: new Date().toISOString() }), { mode: 0o600 });
    await updateAuthStore(state.storePath, addProfile('openai:after-dead-pid'), { warn: quiet, timeoutMs: 20_000 });
    expect((await readJson(state.storePath)).profiles['openai:after-dead-pid']).toBeDefined();
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it('a lock file of an earlier version of this tool, held by a live process, is waited for, then the write goes through', async () => {
    sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    const os = await import('node:os');
    await fsp.writeFile(lockPath, JSON.stringify({ pid: sleeper.pid, host: os.hostname(), nonce: 'old-version', acquiredAt: Date.now() }), { mode: 0o600 });
    const done = updateAuthStore(state.storePath, addProfile('openai:after-old-version'), { warn: quiet, timeoutMs: 20_000 });
    await pollUntil(() => fs.existsSync(`${lockPath}.next`), 10_000, 'the writer to wait');
    expect((await readJson(state.storePath)).profiles['openai:after-old-version']).toBeUndefined();
    // The old holder releases (it removes its file), and the waiting write completes.
    await fsp.unlink(lockPath);
    await done;
    expect((await readJson(state.storePath)).profiles['openai:after-old-version']).toBeDefined();
  });
});
