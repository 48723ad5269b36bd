// Fuzzing the store loader (G12): a valid auth-profiles.json truncated at every byte, and thousands
// of random byte flips of it, loaded through the code the CLI uses (AgentStore.load, the status
// report builder, and a locked update). The only error that may come out is StoreCorruptError,
// the status report never throws, and nothing is ever written: bytes, mtime and the directory
// listing stay exactly as they were.
import fc from 'fast-check';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreCorruptError, openAgentStore } from '../../src/store/index.js';
import { buildStatusReport } from '../../src/auth/report.js';
import { type Canary, findLeaks, formatLeaks, validStoreBytes, validStoreDoc } from '../helpers/canary.js';

/** The secrets in the seed store: no error message may quote a piece of one. */
const SEED_SECRETS: Canary[] = Object.entries(validStoreDoc().profiles as Record<string, Record<string, unknown>>).flatMap(([id, p]) =>
  ['key', 'token', 'access', 'refresh'].filter((f) => typeof p[f] === 'string').map((f) => ({ label: `${id}.${f}`, value: p[f] as string })),
);

const FIXED_MTIME = new Date('2026-01-02T03:04:05.000Z');
let root: string;
let env: Record<string, string>;
let storePath: string;
let agentDir: string;

beforeAll(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'cb-g-fuzz-'));
  env = { HOME: path.join(root, 'home'), CLAWDBOT_STATE_DIR: path.join(root, 'state'), PATH: process.env.PATH ?? '' };
  await fsp.mkdir(env.HOME!, { recursive: true });
  agentDir = path.join(env.CLAWDBOT_STATE_DIR!, 'agents', 'main', 'agent');
  await fsp.mkdir(agentDir, { recursive: true, mode: 0o700 });
  storePath = path.join(agentDir, 'auth-profiles.json');
});
afterAll(async () => {
  await fsp.rm(root, { recursive: true, force: true });
});

function plant(bytes: Buffer): void {
  fs.writeFileSync(storePath, bytes, { mode: 0o600 });
  fs.utimesSync(storePath, FIXED_MTIME, FIXED_MTIME);
}

function assertUntouched(bytes: Buffer, label: string): void {
  const st = fs.statSync(storePath);
  expect(st.mtimeMs, `${label}: mtime changed`).toBe(FIXED_MTIME.getTime());
  expect(fs.readFileSync(storePath).equals(bytes), `${label}: bytes changed`).toBe(true);
  expect(fs.readdirSync(agentDir), `${label}: something else was written`).toEqual(['auth-profiles.json']);
}

/** Load as the commands do. Returns 'ok' or 'corrupt'; anything else thrown fails the test. */
async function loadOnce(bytes: Buffer, label: string): Promise<'ok' | 'corrupt'> {
  plant(bytes);
  let outcome: 'ok' | 'corrupt' = 'ok';
  try {
    await openAgentStore('main', env, () => undefined).load();
  } catch (err) {
    if (!(err instanceof StoreCorruptError)) {
      throw new Error(`${label}: load threw ${(err as Error)?.constructor?.name}: ${(err as Error)?.message}`, { cause: err });
    }
    // The error names the file and is one line.
    expect(err.message).toContain(storePath);
    expect(err.message).not.toContain('\n');
    expect(err.message).not.toMatch(/[\x00-\x1f\x7f]/);
    const leaks = findLeaks(err.message, SEED_SECRETS, label);
    expect(leaks, formatLeaks(leaks)).toEqual([]);
    outcome = 'corrupt';
  }
  assertUntouched(bytes, label);
  return outcome;
}

describe('hardening: store loader fuzz', () => {
  const valid = validStoreBytes();

  it('the seed store is valid and loads', async () => {
    expect(await loadOnce(valid, 'seed')).toBe('ok');
  });

  it('truncation at every byte: only StoreCorruptError, never a write', async () => {
    let corrupt = 0;
    for (let n = 0; n < valid.length; n++) {
      if ((await loadOnce(valid.subarray(0, n), `truncated to ${n} bytes`)) === 'corrupt') corrupt++;
    }
    // Only the complete document (plus at most its trailing newline) can parse.
    expect(corrupt).toBeGreaterThanOrEqual(valid.length - 1);
  });

  it('thousands of random byte flips: only StoreCorruptError, never a write', async () => {
    const seen = { ok: 0, corrupt: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(fc.nat({ max: valid.length - 1 }), fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x22, 0x7b, 0x7d, 0x2c, 0x3a, 0x5c, 0x00, 0xef, 0xc3, 0x80))),
          { minLength: 1, maxLength: 4 },
        ),
        async (flips) => {
          const bytes = Buffer.from(valid);
          for (const [at, b] of flips) bytes[at] = b;
          seen[await loadOnce(bytes, `flips ${JSON.stringify(flips)}`)]++;
        },
      ),
      { numRuns: 5000 },
    );
    // The fuzz reached both sides: some flips stay valid (inside a string), most do not.
    expect(seen.ok).toBeGreaterThan(0);
    expect(seen.corrupt).toBeGreaterThan(0);
  }, 120_000);

  it('single-bit flips at every byte: only StoreCorruptError, never a write', async () => {
    for (let at = 0; at < valid.length; at++) {
      const bytes = Buffer.from(valid);
      bytes[at] = bytes[at]! ^ (1 << (at % 8));
      await loadOnce(bytes, `bit flip at ${at}`);
    }
  });

  it('the status report never throws on a corrupt store: it reports storeError and writes nothing', async () => {
    const samples = [0, 1, 17, Math.floor(valid.length / 2), valid.length - 3];
    for (const n of samples) {
      const bytes = valid.subarray(0, n);
      plant(bytes);
      const report = await buildStatusReport({ env, warn: () => undefined });
      const agent = report.agents.find((a) => a.agentId === 'main')!;
      expect(agent.storeError, `truncated to ${n}`).toContain(storePath);
      assertUntouched(bytes, `status, truncated to ${n}`);
    }
  });

  it('a locked update refuses every corrupt variant before its mutator runs', async () => {
    let calls = 0;
    for (let n = 0; n < valid.length; n += 7) {
      const bytes = valid.subarray(0, n);
      plant(bytes);
      await expect(
        openAgentStore('main', env, () => undefined).update(() => {
          calls++;
          return true;
        }),
      ).rejects.toBeInstanceOf(StoreCorruptError);
      assertUntouched(bytes, `update, truncated to ${n}`);
    }
    expect(calls).toBe(0);
  });
});
