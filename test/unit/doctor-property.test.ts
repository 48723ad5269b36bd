// Property: whatever the bytes of auth-profiles.json are (the Clawdbot-format fixture truncated at
// any byte, or with bytes flipped), `doctor --repair` either leaves a valid file exactly as it was,
// or keeps every byte of an unreadable one in a 0600 `.corrupt-<time>` copy and starts a valid
// empty store. It never throws. Runs runDoctor in-process on real files in a temp dir.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/doctor/index.js';
import { parseAuthStore } from '../../src/store/index.js';

const FIXTURE = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'doctor', 'clawdbot-format', 'agents', 'main', 'agent', 'auth-profiles.json');
let root: string;
let original: Buffer;

beforeAll(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'cb-e-prop-'));
  original = await fsp.readFile(FIXTURE);
});
afterAll(async () => {
  await fsp.rm(root, { recursive: true, force: true });
});

let n = 0;
async function check(bytes: Buffer): Promise<void> {
  const stateDir = path.join(root, `s${n++}`);
  const agentDir = path.join(stateDir, 'agents', 'main', 'agent');
  await fsp.mkdir(agentDir, { recursive: true, mode: 0o700 });
  const store = path.join(agentDir, 'auth-profiles.json');
  await fsp.writeFile(store, bytes, { mode: 0o600 });
  let valid = true;
  try {
    parseAuthStore(store, bytes);
  } catch {
    valid = false;
  }
  const env = { HOME: path.join(root, 'home'), CLAWDBOT_STATE_DIR: stateDir, PATH: process.env.PATH };
  const result = await runDoctor({ env, repair: true, yes: true, deps: {} });
  const copies = (await fsp.readdir(agentDir)).filter((f) => f.startsWith('auth-profiles.json.corrupt-'));
  const newer = !valid && /"version"\s*:\s*([2-9]|\d{2,})/.test(bytes.toString('latin1'));
  if (valid || (newer && result.findings.some((f) => f.id === 'store.corrupt' && f.fix?.startsWith('upgrade')))) {
    // A valid store (or one from a newer version) is never set aside or rewritten.
    expect(copies).toEqual([]);
    if (!valid) expect((await fsp.readFile(store)).equals(bytes)).toBe(true);
  } else {
    expect(copies).toHaveLength(1);
    const copy = path.join(agentDir, copies[0]!);
    expect((await fsp.readFile(copy)).equals(bytes)).toBe(true);
    expect(fs.statSync(copy).mode & 0o777).toBe(0o600);
    expect(() => parseAuthStore(store, fs.readFileSync(store))).not.toThrow();
    expect(result.findings.find((f) => f.id === 'store.corrupt')?.fixed).toBe(true);
  }
  await fsp.rm(stateDir, { recursive: true, force: true });
}

describe('doctor --repair never loses a byte', () => {
  it('truncated at any byte', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2000 }), async (cut) => {
        await check(original.subarray(0, Math.min(cut, original.length)));
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('with random bytes changed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        async (flips) => {
          const bytes = Buffer.from(original);
          for (const [i, b] of flips) bytes[i % bytes.length] = b;
          await check(bytes);
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);
});
