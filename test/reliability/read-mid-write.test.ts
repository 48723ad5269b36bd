// Files caught mid-write. Claude Code rewrites ~/.claude/.credentials.json in place, and the
// gateway saves auth-profiles.json with a plain writeFile: truncate, then write. A child process
// here does exactly that, slowly and in pieces, over and over, while status reads: a file that is
// being rewritten is read again for a moment instead of being reported as corrupt. A file that
// stays bad is still reported, as before.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, type TempState, type WorkerHandle, makeTempState, runCli, startWorker, writeStore } from '../helpers/store-cli.js';
import { buildStatusReport } from '../../src/auth/report.js';
import { AgentStore } from '../../src/store/agent-store.js';
import { StoreCorruptError } from '../../src/util/errors.js';

const REWRITER = path.join(ROOT, 'test', 'helpers', 'slow-rewriter.mjs');
/**
 * Truncate, then 3 pieces 10 ms apart (empty or cut short for ~30 ms), then whole for 150 ms, again
 * and again: far slower than a real in-place writer, yet within the re-read window even when the
 * machine is busy.
 */
const PIECES = '3';
const PAUSE_MS = '10';
const IDLE_MS = '150';
/** Read until the child has rewritten the file this many times (and at least READS times). */
const REWRITES = 20;
const READS = 40;
const rewrites = (w: WorkerHandle) => w.lines.filter((l) => l.startsWith('rewrote ')).length;
/**
 * The product re-reads a just-written bad file for ~300 ms (src/store/settled-read.ts). A rewrite
 * that left the file incomplete for longer than this (the writer itself starved by a loaded
 * machine, not the 30 ms it asks for) may fairly be seen as corrupt; any other failure is ours.
 */
const STALLED_WRITE_MS = 250;

interface Read {
  label: string;
  from: number;
  to: number;
}
/** Failed reads that did not overlap a stalled rewrite (the ones the product must not have). */
function unexcused(w: WorkerHandle, failed: Read[]): string[] {
  const stalled = w.lines
    .filter((l) => l.startsWith('rewrote '))
    .map((l) => l.split(' ').slice(2).map(Number) as [number, number])
    .filter(([from, to]) => to - from > STALLED_WRITE_MS);
  return failed.filter((r) => !stalled.some(([from, to]) => from <= r.to && to >= r.from)).map((r) => r.label);
}

let t: TempState;
let rewriter: WorkerHandle | undefined;
beforeEach(async () => {
  t = await makeTempState('cb-f-midwrite-');
});
afterEach(async () => {
  if (rewriter) {
    rewriter.send('stop');
    await rewriter.exited;
    rewriter = undefined;
  }
  await t.cleanup();
});

const claudeFile = () => path.join(t.home, '.claude', '.credentials.json');

function claudeDoc(n: number): string {
  return (
    JSON.stringify(
      {
        claudeAiOauth: {
          accessToken: `sk-ant-oat01-MidWriteAccess${n}${'H'.repeat(40)}`,
          refreshToken: `sk-ant-ort01-MidWriteRefresh${n}${'J'.repeat(40)}`,
          expiresAt: Date.now() + 8 * 3_600_000 + n,
          scopes: ['user:inference', 'user:profile'],
          subscriptionType: 'max',
        },
      },
      null,
      2,
    ) + '\n'
  );
}

async function versions(make: (n: number) => string): Promise<string[]> {
  const files = [];
  for (const n of [1, 2]) {
    const f = path.join(t.root, `version-${n}.json`);
    await fsp.writeFile(f, make(n));
    files.push(f);
  }
  return files;
}

async function startRewriter(file: string, make: (n: number) => string): Promise<WorkerHandle> {
  await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await fsp.writeFile(file, make(1), { mode: 0o600 });
  const w = startWorker([file, PIECES, PAUSE_MS, IDLE_MS, ...(await versions(make))], t.env, REWRITER);
  await w.waitLine('ready');
  return w;
}

describe('a file rewritten in place while it is read', () => {
  it("Claude Code's .credentials.json: every status read sees a whole file (no 'not valid JSON' / 'empty' note)", async () => {
    rewriter = await startRewriter(claudeFile(), claudeDoc);
    const problems: Read[] = [];
    for (let i = 0; i < READS || rewrites(rewriter) < REWRITES; i++) {
      const from = Date.now();
      const report = await buildStatusReport({ env: t.env, warn: () => undefined });
      const to = Date.now();
      const agent = report.agents.find((a) => a.agentId === 'main')!;
      for (const n of agent.notes) if (/Claude Code sign-in not imported/.test(n)) problems.push({ label: n, from, to });
      if (!agent.providers.some((p) => p.profiles.some((x) => x.profileId === 'anthropic:claude-cli'))) problems.push({ label: `read ${i}: no anthropic:claude-cli`, from, to });
    }
    const w = rewriter;
    rewriter.send('stop');
    const stopped = await rewriter.waitLine(/^stopped \d+$/);
    rewriter = undefined;
    expect(Number(stopped.split(' ')[1])).toBeGreaterThanOrEqual(REWRITES); // it really was rewriting all along
    expect(unexcused(w, problems)).toEqual([]);
  }, 60_000);

  it('auth-profiles.json saved by a plain writeFile (as the gateway does): every load and `models status` succeed', async () => {
    const storeDoc = (n: number) =>
      JSON.stringify(
        { version: 1, profiles: { 'openai:default': { type: 'api_key', provider: 'openai', key: `sk-proj-MidWriteKey${n}${'K'.repeat(60)}` }, 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: `sk-ant-api03-MidWrite${n}${'L'.repeat(60)}` } } },
        null,
        2,
      ) + '\n';
    rewriter = await startRewriter(t.storePath, storeDoc);
    const store = new AgentStore('main', t.env, () => undefined);
    const failed: Read[] = [];
    for (let i = 0; i < READS || rewrites(rewriter) < REWRITES; i++) {
      const from = Date.now();
      try {
        const { store: doc } = await store.load();
        if (Object.keys(doc.profiles).length !== 2) failed.push({ label: `read ${i}: ${Object.keys(doc.profiles).length} profiles`, from, to: Date.now() });
      } catch (err) {
        failed.push({ label: `read ${i}: ${(err as Error).message}`, from, to: Date.now() });
      }
    }
    for (let i = 0; i < 3; i++) {
      const from = Date.now();
      const r = await runCli(['models', 'status', '--json'], { env: t.env });
      if (r.code !== 0 || JSON.parse(r.stdout).auth.storeError) failed.push({ label: `models status ${i}: exit ${r.code} ${r.stderr.trim()}`, from, to: Date.now() });
    }
    const w = rewriter;
    rewriter.send('stop');
    await rewriter.waitLine(/^stopped \d+$/); // every rewrite's window is known now
    rewriter = undefined;
    const failures = unexcused(w, failed);
    expect(failures).toEqual([]);
  }, 60_000);

  it('a file that stays bad is reported as corrupt, as before (after the short re-reads)', async () => {
    await writeStore(t.storePath, { version: 1, profiles: {} });
    await fsp.writeFile(t.storePath, '{"version":1,"profiles":{"openai:default":{"type":"api_');
    const err = await new AgentStore('main', t.env, () => undefined).load().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreCorruptError);
    expect((err as Error).message).toMatch(/auth-profiles\.json: not valid JSON: /);

    await fsp.mkdir(path.dirname(claudeFile()), { recursive: true });
    await fsp.writeFile(claudeFile(), '{"claudeAiOauth": {"accessToken": "sk-ant-oat01-');
    await fsp.rm(t.storePath);
    const report = await buildStatusReport({ env: t.env, warn: () => undefined });
    expect(report.agents[0]!.notes.join('\n')).toMatch(/Claude Code sign-in not imported: ~\/\.claude\/\.credentials\.json is not valid JSON/);
  });
});
