// G2 + G3: a writer looping over a ~200 KB store is SIGKILLed at random moments, hundreds of times.
// After every kill the file parses and validates, and holds either the last state the writer
// reported committed or the one after it (complete: every profile carries the same generation);
// the generation never goes backwards. The temp files the kills orphaned are swept by the next
// open once older than 60 s, and a younger one (maybe a live writer's) is left alone.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAuthStore } from '../../src/store/index.js';
import { makeTempState, requireBuild, runCli, startWorker, type TempState } from '../helpers/store-cli.js';

const KILLS = Number(process.env.STORE_KILLS ?? 300);
const PROFILES = 800; // ~200 KB on disk

let state: TempState;
beforeAll(async () => {
  requireBuild();
  state = await makeTempState('cb-f-crash-');
});
afterAll(() => state?.cleanup());

function orphans(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => /^auth-profiles\.json\.\d+$/.test(n));
}

describe('store: SIGKILL at random moments', () => {
  it(`${KILLS} kills of a writer never leave a torn, partial or older file; orphaned temp files are swept`, async () => {
    let committed = 0; // highest generation a writer reported as written
    let lastSeen = 0; // generation found on disk after the previous kill
    let sizeSeen = 0;
    const landed = { old: 0, new: 0 };
    for (let k = 0; k < KILLS; k++) {
      const w = startWorker(['writer', state.storePath, String(PROFILES)], state.env);
      await w.waitLine('start', 30_000);
      // Most kills land at a random moment of the first ~40 ms; every twentieth waits for a write to
      // be reported first, so the writers make progress however slow the machine (on a loaded one
      // a whole run of random kills can land before any first write).
      if (k % 20 === 19) await w.waitLine(/^gen \d+$/, 30_000);
      else await new Promise((r) => setTimeout(r, Math.random() * 40));
      w.child.kill('SIGKILL');
      const exit = await w.exited;
      expect(exit.signal, `writer ${k} died by itself: ${w.stderr()}`).toBe('SIGKILL');
      for (const line of w.lines) {
        const m = /^gen (\d+)$/.exec(line);
        if (m) committed = Math.max(committed, Number(m[1]));
      }
      if (!fs.existsSync(state.storePath)) {
        expect(committed, 'a committed state vanished').toBe(0);
        continue;
      }
      const bytes = await fsp.readFile(state.storePath);
      const doc = parseAuthStore(state.storePath, bytes); // throws on a torn or invalid file
      const gen = doc.generation as number;
      expect(gen).toBeGreaterThanOrEqual(lastSeen);
      // Old (last reported) or new (renamed into place just before the kill, not yet reported).
      expect([committed, committed + 1]).toContain(gen);
      if (gen === committed) landed.old++;
      else landed.new++;
      const bulk = Object.entries(doc.profiles).filter(([id]) => id.startsWith('bulk:'));
      expect(bulk.length).toBe(PROFILES);
      expect(bulk.every(([, c]) => c.gen === gen), 'every profile belongs to the same generation').toBe(true);
      committed = gen;
      lastSeen = gen;
      sizeSeen = bytes.length;
    }
    expect(sizeSeen).toBeGreaterThan(150_000);
    // The writers made progress across kills (each one picks up the previous one's lock and state):
    // at least the one reported write of every twentieth.
    expect(lastSeen).toBeGreaterThanOrEqual(Math.floor(KILLS / 20));
    // Kills that land before an in-flight rename leave the previous complete state.
    expect(landed.old).toBeGreaterThan(0);

    // G3: the kills orphaned temp files (0600, full of secrets). Proof the kills landed mid-write.
    const left = orphans(state.agentDir);
    expect(left.length, 'no kill landed between temp create and rename; the test did not exercise the window').toBeGreaterThan(0);
    for (const n of left) expect(fs.statSync(path.join(state.agentDir, n)).mode & 0o777).toBe(0o600);

    // Opening the store now keeps them: they are younger than 60 s (could be a live writer's).
    // Stamped now: on a loaded machine the kill loop itself can take longer than a minute.
    const now = new Date();
    for (const n of left) await fsp.utimes(path.join(state.agentDir, n), now, now);
    const young = await runCli(['models', 'auth', 'order', 'get', '--provider', 'bulk', '--json'], { env: state.env });
    expect(young.code, young.stderr).toBe(0);
    expect(orphans(state.agentDir).length).toBe(left.length);

    // Age them past a minute: the next open removes every one, and only those.
    const old = new Date(Date.now() - 120_000);
    for (const n of left) await fsp.utimes(path.join(state.agentDir, n), old, old);
    const before = await fsp.readFile(state.storePath);
    const swept = await runCli(['models', 'auth', 'order', 'get', '--provider', 'bulk', '--json'], { env: state.env });
    expect(swept.code, swept.stderr).toBe(0);
    expect(orphans(state.agentDir)).toEqual([]);
    expect((await fsp.readFile(state.storePath)).equals(before)).toBe(true);
    // A lock the last writer may have died holding is taken over by the next write at once.
    const write = await runCli(['models', 'auth', 'order', 'set', '--provider', 'bulk', 'bulk:p1', 'bulk:p0'], { env: state.env });
    expect(write.code, write.stderr).toBe(0);
    const after = parseAuthStore(state.storePath, await fsp.readFile(state.storePath));
    expect(after.order?.bulk).toEqual(['bulk:p1', 'bulk:p0']);
    expect(after.generation).toBe(lastSeen);
  }, 600_000);
});
