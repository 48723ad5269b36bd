// G7: the cross-process lock under the failures that wedge or corrupt other tools: a holder killed
// with SIGKILL, zero-byte and garbage lock files, a holder stalled past the stale time, a lock that
// cannot be had in time, and many processes racing to reclaim one stale lock.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LockTimeoutError, readAuthStore, updateAuthStore } from '../../src/store/index.js';
import { lockHolderRecord, lockRecords, makeTempState, pollUntil, readJson, requireBuild, startWorker, writeStore, type TempState, type WorkerHandle } from '../helpers/store-cli.js';

const quiet = () => undefined;
let state: TempState;
let lockPath: string;
const workers: WorkerHandle[] = [];

beforeAll(() => requireBuild());
beforeEach(async () => {
  state = await makeTempState('cb-f-lock-');
  lockPath = `${state.storePath}.lock`;
  await writeStore(state.storePath, {
    version: 1,
    profiles: { 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-lock-test-0001' } },
  });
});
afterEach(async () => {
  for (const w of workers.splice(0)) {
    try {
      process.kill(w.child.pid!, 'SIGCONT');
    } catch {
      /* gone */
    }
    w.child.kill('SIGKILL');
    await w.exited;
  }
  await state.cleanup();
});

function worker(args: string[]): WorkerHandle {
  const w = startWorker(args, state.env);
  workers.push(w);
  return w;
}

const addProfile = (id: string) => (doc: { profiles: Record<string, unknown> }) => {
  doc.profiles[id] = { type: 'api_key', provider: id.split(':')[0], key: `sk-${id}-value` };
  return true;
};

describe('store lock', () => {
  it('a holder killed with SIGKILL is taken over at once (its pid is gone), not after the stale time', async () => {
    const holder = worker(['hold', state.storePath]);
    await holder.waitLine('locked');
    // The lock is a directory (as proper-lockfile makes it); the holder's record sits beside it.
    expect(fs.statSync(lockPath).isDirectory()).toBe(true);
    const owner = await lockHolderRecord(lockPath);
    expect(owner.pid).toBe(holder.child.pid);
    holder.child.kill('SIGKILL');
    await holder.exited;
    expect(fs.existsSync(lockPath)).toBe(true); // SIGKILL runs no cleanup
    const t0 = Date.now();
    await updateAuthStore(state.storePath, addProfile('openai:after-kill'), { warn: quiet, staleMs: 60_000, timeoutMs: 30_000 });
    // With a 60 s stale time, getting the lock in seconds means the dead pid was recognised.
    expect(Date.now() - t0).toBeLessThan(20_000);
    const doc = await readJson(state.storePath);
    expect(Object.keys(doc.profiles).sort()).toEqual(['anthropic:default', 'openai:after-kill']);
    expect(fs.existsSync(lockPath)).toBe(false);
    expect(lockRecords(lockPath)).toEqual([]); // the next holder swept the dead one's record
  });

  it.each([
    ['zero-byte', ''],
    ['garbage', '}{ not a lock \u0000\u00ff'],
    ['wrong shape', '{"pid":"nope"}'],
  ])('a %s lock file left by a crash is reclaimed', async (_name, content) => {
    await fsp.writeFile(lockPath, content, { mode: 0o600 });
    const old = new Date(Date.now() - 10_000);
    await fsp.utimes(lockPath, old, old);
    await updateAuthStore(state.storePath, addProfile('openai:reclaimed'), { warn: quiet, staleMs: 60_000, timeoutMs: 20_000 });
    expect((await readJson(state.storePath)).profiles['openai:reclaimed']).toBeDefined();
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it('a fresh zero-byte lock (a crash between create and write) is reclaimed after a short grace, never wedging', async () => {
    await fsp.writeFile(lockPath, '', { mode: 0o600 });
    await updateAuthStore(state.storePath, addProfile('openai:fresh-empty'), { warn: quiet, staleMs: 60_000, timeoutMs: 20_000 });
    expect((await readJson(state.storePath)).profiles['openai:fresh-empty']).toBeDefined();
  });

  it('a lock directory of ours with no holder record (a crash between mkdir and the record) is reclaimed after a short grace, not 30 s', async () => {
    // What our mkdir leaves: a private directory with the sticky bit, our mark (a gateway's has none).
    await fsp.mkdir(lockPath, { mode: 0o1700 });
    expect(fs.statSync(lockPath).mode & 0o1000).toBe(0o1000);
    const t0 = Date.now();
    await updateAuthStore(state.storePath, addProfile('openai:after-unrecorded'), { warn: quiet, staleMs: 60_000, timeoutMs: 25_000 });
    expect(Date.now() - t0).toBeLessThan(25_000);
    expect((await readJson(state.storePath)).profiles['openai:after-unrecorded']).toBeDefined();
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it('a holder stalled past the stale time loses the lock, gets LockCompromisedError and does not write', async () => {
    const staleMs = 400;
    const stalled = worker(['stall', state.storePath, String(staleMs)]);
    await stalled.waitLine('locked');
    // Freeze it: no heartbeat can run, exactly like a process stuck in a long GC or swapped out.
    process.kill(stalled.child.pid!, 'SIGSTOP');
    await pollUntil(() => Date.now() - fs.statSync(lockPath).mtimeMs > staleMs * 1.5, 10_000, 'lock to go stale');
    await updateAuthStore(state.storePath, addProfile('openai:took-over'), { warn: quiet, staleMs, timeoutMs: 10_000 });
    process.kill(stalled.child.pid!, 'SIGCONT');
    stalled.send('go');
    expect(await stalled.waitLine(/^(wrote|error .*)$/)).toBe('error lock_compromised');
    expect((await stalled.exited).code).toBe(3);
    const doc = await readJson(state.storePath);
    expect(doc.profiles['openai:took-over']).toBeDefined();
    expect(doc.profiles['stall:x']).toBeUndefined();
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it('a lock that cannot be had in time is LockTimeoutError naming the holder; nothing is written', async () => {
    const holder = worker(['hold', state.storePath]);
    await holder.waitLine('locked');
    const before = await fsp.readFile(state.storePath);
    let mutated = false;
    const err = await updateAuthStore(
      state.storePath,
      (doc) => {
        mutated = true;
        return addProfile('openai:never')(doc);
      },
      { warn: quiet, timeoutMs: 600 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockTimeoutError);
    expect((err as Error).message).toContain(lockPath);
    expect((err as Error).message).toContain(`pid ${holder.child.pid}`);
    expect((err as Error).message).toMatch(/nothing was written/);
    expect(mutated).toBe(false);
    expect((await fsp.readFile(state.storePath)).equals(before)).toBe(true);
    expect(fs.readdirSync(state.agentDir).filter((n) => /\.json\.\d+$/.test(n))).toEqual([]);
    // The holder's lock is untouched and still its own.
    expect(fs.statSync(lockPath).isDirectory()).toBe(true);
    expect((await lockHolderRecord(lockPath)).pid).toBe(holder.child.pid);
  });

  it.each([
    ['garbage lock file', 10_000],
    ['proper-lockfile directory (a dead gateway\'s)', 31_000],
  ])('8 processes racing to reclaim one stale %s never both hold it: no update lost', async (kind, ageMs) => {
    if (kind.startsWith('garbage')) await fsp.writeFile(lockPath, 'garbage', { mode: 0o600 });
    else await fsp.mkdir(lockPath);
    const old = new Date(Date.now() - ageMs);
    await fsp.utimes(lockPath, old, old);
    const ws = Array.from({ length: 8 }, (_, i) => worker(['updates', state.storePath, String(i), '25', 'locked']));
    await Promise.all(ws.map((w) => w.waitLine('ready', 30_000)));
    for (const w of ws) w.send('go');
    for (const w of ws) expect((await w.exited).code, w.stderr()).toBe(0);
    const { store } = await readAuthStore(state.storePath);
    expect(store.counter).toBe(8 * 25);
    expect(store.profiles['anthropic:default']).toBeDefined();
  }, 120_000);

  it('fairness: while another waiter\'s claim to be next (<lock>.next) is fresh, a free lock is left to it', async () => {
    const nextPath = `${lockPath}.next`;
    await fsp.writeFile(nextPath, JSON.stringify({ pid: process.pid, host: 'elsewhere', nonce: 'someone-else', acquiredAt: Date.now() }), { mode: 0o600 });
    const keepFresh = setInterval(() => {
      const t = new Date();
      fs.utimesSync(nextPath, t, t);
    }, 50);
    const done = updateAuthStore(state.storePath, addProfile('openai:waited-its-turn'), { warn: quiet, timeoutMs: 20_000 }).then(() => Date.now());
    await new Promise((r) => setTimeout(r, 1200));
    clearInterval(keepFresh);
    const stoppedAt = Date.now();
    const finishedAt = await done;
    // It stood aside while the claim was fresh, and went ahead once the claimant stopped (died).
    expect(finishedAt).toBeGreaterThanOrEqual(stoppedAt);
    expect((await readJson(state.storePath)).profiles['openai:waited-its-turn']).toBeDefined();
  });

  it('fairness: a waiter starved by a back-to-back writer claims its turn, gets it, and leaves no claim behind', async () => {
    const writer = worker(['writer', state.storePath, '300']);
    await writer.waitLine(/^gen \d+$/);
    // The writer's generation counter is in the file: read there, not from its output, which can
    // lag behind on a busy machine. Our updates go on (5 at least) until the writer has written
    // twice meanwhile, so they really had to win the lock from it, whatever the machine's speed.
    // The bound is time, not a count of our turns: back to back, ours can outpace the writer's
    // claim (it stands in line only after waiting STARVING_MS), and the writer must get its turns
    // too: neither side may starve the other.
    const generation = async () => (await readJson(state.storePath)).generation as number;
    const startGen = await generation();
    const deadline = Date.now() + 20_000;
    let turns = 0;
    while (turns < 5 || ((await generation()) - startGen < 2 && Date.now() < deadline)) {
      await updateAuthStore(state.storePath, addProfile(`openai:turn${turns}`), { warn: quiet, timeoutMs: 25_000 });
      turns++;
    }
    const endGen = await generation();
    writer.child.kill('SIGKILL');
    await writer.exited;
    const doc = await readJson(state.storePath);
    for (let i = 0; i < turns; i++) expect(doc.profiles[`openai:turn${i}`]).toBeDefined();
    expect(endGen - startGen, `the writer wrote ${endGen - startGen} time(s) during our ${turns} turns`).toBeGreaterThanOrEqual(2);
    expect(fs.existsSync(`${lockPath}.next`)).toBe(false);
  }, 120_000);
});
