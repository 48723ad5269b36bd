// The dashboard's file watcher on real files: changes from locked atomic writes arrive within a
// second, once per burst (not a storm), directories that appear later are picked up, the lock
// file and temp files are ignored, and close() stops everything.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchFiles, type WatchHandle } from '../../src/auth/watch.js';
import { openAgentStore, setProfile } from '../../src/store/index.js';

const handles: WatchHandle[] = [];
const dirs: string[] = [];
afterEach(() => {
  while (handles.length) handles.pop()!.close();
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-dash-watch-'));
  dirs.push(d);
  return d;
}

function recorder() {
  const events: string[][] = [];
  return {
    events,
    onChange: (changed: string[]) => void events.push(changed),
    async waitForCount(n: number, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} change notifications, got ${events.length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return events;
    },
  };
}

describe('watchFiles', () => {
  it('reports a locked atomic write of the store (debounce 80 ms, so well within the 1 s budget)', async () => {
    const root = tmp();
    const env = { HOME: root, CLAWDBOT_STATE_DIR: path.join(root, 'state') };
    const store = openAgentStore('main', env);
    await store.update((d) => (setProfile(d, 'anthropic:a', { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-aaaaaaaaaaaaaaaaaaaaaa' }), true));
    const rec = recorder();
    handles.push(watchFiles([store.storePath], rec.onChange));
    await store.update((d) => (setProfile(d, 'anthropic:b', { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-bbbbbbbbbbbbbbbbbbbbbb' }), true));
    // Timing is not asserted here (shared 2-core machine); the wait only bounds a hang.
    const [first] = await rec.waitForCount(1, 5000);
    expect(first).toEqual([store.storePath]);
  });

  it('delivers a burst of 20 writes as a few notifications, not one per event', async () => {
    const root = tmp();
    const env = { HOME: root, CLAWDBOT_STATE_DIR: path.join(root, 'state') };
    const store = openAgentStore('main', env);
    await store.update((d) => (setProfile(d, 'p:0', { type: 'api_key', provider: 'p', key: 'k'.repeat(24) }), true));
    const rec = recorder();
    handles.push(watchFiles([store.storePath], rec.onChange, { debounceMs: 80, maxWaitMs: 400 }));
    const t0 = Date.now();
    for (let i = 1; i <= 20; i++) await store.update((d) => (setProfile(d, `p:${i}`, { type: 'api_key', provider: 'p', key: 'k'.repeat(24) }), true));
    const took = Date.now() - t0;
    await rec.waitForCount(1);
    // Let the trailing debounce deliver, then count: at most one per maxWait window plus the tail.
    const settleUntil = Date.now() + 300;
    while (Date.now() < settleUntil) await new Promise((r) => setTimeout(r, 20));
    expect(rec.events.length).toBeGreaterThanOrEqual(1);
    expect(rec.events.length).toBeLessThanOrEqual(Math.ceil(took / 400) + 2);
    // Each write produced several inotify events (temp file, rename, lock): far fewer deliveries.
    expect(rec.events.length).toBeLessThan(20);
  });

  it('ignores the lock file and temp files next to the store', async () => {
    const root = tmp();
    const storePath = path.join(root, 'auth-profiles.json');
    const configPath = path.join(root, 'clawdbot.json');
    fs.writeFileSync(storePath, '{}');
    const rec = recorder();
    handles.push(watchFiles([storePath, configPath], rec.onChange, { debounceMs: 30 }));
    fs.writeFileSync(`${storePath}.lock`, 'pid');
    fs.writeFileSync(`${storePath}.tmp-123`, 'x');
    fs.rmSync(`${storePath}.lock`);
    // A sentinel change on a watched file: whatever is delivered must name only it.
    fs.writeFileSync(configPath, '{}');
    await rec.waitForCount(1);
    expect(rec.events.flat()).toEqual([configPath]);
  });

  it('picks up a file whose directories do not exist yet (first paste-token into a new agent)', async () => {
    const root = tmp();
    const target = path.join(root, 'state', 'agents', 'ops', 'agent', 'auth-profiles.json');
    const rec = recorder();
    handles.push(watchFiles([target], rec.onChange, { debounceMs: 30 }));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, '{"version":1,"profiles":{}}');
    await rec.waitForCount(1);
    // Now the directory itself is watched: a later change is seen too.
    const n = rec.events.length;
    fs.writeFileSync(target, '{"version":1,"profiles":{"a:b":{}}}');
    await rec.waitForCount(n + 1);
    expect(rec.events.flat()).toContain(target);
  });

  it('keeps following a file after its directory is removed and created again', async () => {
    const root = tmp();
    const dir = path.join(root, '.codex');
    const target = path.join(dir, 'auth.json');
    fs.mkdirSync(dir);
    fs.writeFileSync(target, '{}');
    const rec = recorder();
    handles.push(watchFiles([target], rec.onChange, { debounceMs: 30 }));
    fs.rmSync(dir, { recursive: true });
    await rec.waitForCount(1);
    const n = rec.events.length;
    fs.mkdirSync(dir);
    fs.writeFileSync(target, '{"tokens":{}}');
    await rec.waitForCount(n + 1);
  });

  it('close() stops notifications', async () => {
    const root = tmp();
    const a = path.join(root, 'a.json');
    const b = path.join(root, 'b.json');
    const rec = recorder();
    const h = watchFiles([a], rec.onChange, { debounceMs: 20 });
    const other = recorder();
    handles.push(watchFiles([b], other.onChange, { debounceMs: 20 }));
    h.close();
    fs.writeFileSync(a, '1');
    fs.writeFileSync(b, '1'); // sentinel on a second watcher: by the time it fires, a's would have too
    await other.waitForCount(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(rec.events).toEqual([]);
  });
});
