// The store-fuzz sample through real CLI processes (G12): corrupt variants of a valid store
// (truncations and random byte flips, from a fixed seed) under every command that reads or writes
// the store. Each run ends with one clear line and an exit code, never a crash or stack trace, the
// JSON modes print valid JSON or nothing, and nothing on disk changes (bytes, mtime, listing).
import fc from 'fast-check';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TempState, makeTempState, requireBuild, runCli } from '../helpers/store-cli.js';
import { findLeaks, formatLeaks, validStoreBytes, validStoreDoc } from '../helpers/canary.js';

const FIXED_MTIME = new Date('2026-01-02T03:04:05.000Z');

interface Cmd {
  args: string[];
  stdin?: string;
  /** Writes the store when it can: must refuse a corrupt one with a non-zero exit. */
  writes: boolean;
  json?: boolean;
}

const COMMANDS: Cmd[] = [
  { args: ['models', 'status', '--json'], writes: false, json: true },
  { args: ['models', 'status', '--plain'], writes: false },
  { args: ['models', 'status', '--check'], writes: false },
  { args: ['models', 'auth', 'list', '--json'], writes: false, json: true },
  { args: ['models', 'auth', 'order', 'get', '--provider', 'anthropic'], writes: false },
  { args: ['models', 'auth', 'order', 'set', '--provider', 'anthropic', 'anthropic:default'], writes: true },
  { args: ['models', 'auth', 'paste-token', '--provider', 'openrouter'], stdin: 'sk-or-v1-newtokennewtokennewtoken00\n', writes: true },
  { args: ['models', 'auth', 'remove', 'anthropic:default', '--yes'], writes: true },
  { args: ['doctor', '--json'], writes: false, json: true },
];

const SECRETS = Object.entries(validStoreDoc().profiles as Record<string, Record<string, unknown>>).flatMap(([id, p]) =>
  ['key', 'token', 'access', 'refresh'].filter((f) => typeof p[f] === 'string').map((f) => ({ label: `${id}.${f}`, value: p[f] as string })),
);

/** Deterministic corrupt variants: some truncations and some multi-byte flips. */
function variants(): Array<{ name: string; bytes: Buffer }> {
  const valid = validStoreBytes();
  const out: Array<{ name: string; bytes: Buffer }> = [];
  for (const n of [0, 1, 2, 40, Math.floor(valid.length / 2), valid.length - 2]) out.push({ name: `truncated to ${n} bytes`, bytes: valid.subarray(0, n) });
  out.push({ name: 'BOM + valid', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), valid]) });
  out.push({ name: 'whitespace only', bytes: Buffer.from('  \n\t\n') });
  out.push({ name: 'future version', bytes: Buffer.from(valid.toString('utf8').replace('"version": 1', '"version": 7')) });
  const flips = fc.sample(
    fc.array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }),
    { numRuns: 60, seed: 20261123 },
  );
  for (const f of flips) {
    const bytes = Buffer.from(valid);
    for (const [at, b] of f) bytes[at] = b;
    // Keep only flips that really corrupt the file; a flip inside a string value may stay valid.
    try {
      JSON.parse(bytes.toString('utf8'));
      continue;
    } catch {
      out.push({ name: `flips ${JSON.stringify(f)}`, bytes });
    }
    if (out.length >= 16) break;
  }
  return out;
}

let t: TempState;
beforeAll(async () => {
  requireBuild();
  t = await makeTempState('cb-g-fuzzcli-');
});
afterAll(async () => {
  await t?.cleanup();
});

async function plant(bytes: Buffer): Promise<void> {
  await fsp.mkdir(t.agentDir, { recursive: true, mode: 0o700 });
  for (const name of fs.readdirSync(t.agentDir)) await fsp.rm(path.join(t.agentDir, name), { force: true, recursive: true });
  await fsp.writeFile(t.storePath, bytes, { mode: 0o600 });
  await fsp.utimes(t.storePath, FIXED_MTIME, FIXED_MTIME);
}

describe('hardening: corrupt stores under the real CLI', () => {
  for (const v of variants()) {
    it(`${v.name}: every command fails cleanly or reports, and writes nothing`, async () => {
      await plant(v.bytes);
      const stateBefore = fs.readdirSync(t.stateDir).sort();
      for (const cmd of COMMANDS) {
        const label = `${v.name} / clawdbot ${cmd.args.join(' ')}`;
        const r = await runCli(cmd.args, { env: t.env, stdin: cmd.stdin ?? '' });
        expect(r.signal, `${label}: killed by a signal`).toBeNull();
        expect(typeof r.code, label).toBe('number');
        expect(r.stderr, `${label}: crashed`).not.toMatch(/unexpected error|\n\s+at .+:\d+:\d+/);
        expect(r.stdout + r.stderr, `${label}: control characters from the file reached the terminal`).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
        if (cmd.writes) {
          expect(r.code, `${label}: a write on a corrupt store must fail`).not.toBe(0);
          expect(r.stderr, label).toContain(t.storePath);
          expect(r.stderr.trim().split('\n').length, `${label}: one line`).toBe(1);
        }
        if (cmd.json && r.stdout.trim()) expect(() => JSON.parse(r.stdout), `${label}: invalid JSON on stdout`).not.toThrow();
        const leaks = findLeaks(r.stdout + r.stderr, SECRETS, label);
        expect(leaks, formatLeaks(leaks)).toEqual([]);
        // Nothing written: the store is byte-identical with its mtime, nothing new beside it.
        expect(fs.statSync(t.storePath).mtimeMs, `${label}: store mtime changed`).toBe(FIXED_MTIME.getTime());
        expect(fs.readFileSync(t.storePath).equals(v.bytes), `${label}: store bytes changed`).toBe(true);
        expect(fs.readdirSync(t.agentDir), `${label}: files appeared beside the store`).toEqual(['auth-profiles.json']);
      }
      // The write commands may not have created a config or anything else either.
      expect(fs.readdirSync(t.stateDir).sort()).toEqual(stateBefore);
    }, 120_000);
  }
});
