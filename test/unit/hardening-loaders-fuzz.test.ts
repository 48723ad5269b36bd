// Fuzzing the other files the program reads on every `models status` (G12): clawdbot.json (JSON5),
// Claude Code's .credentials.json and the Codex CLI's auth.json. Each is truncated at every byte
// and hit with random byte flips; the status report (with the external CLI sync it runs by
// default) never throws, never writes to the file it could not read, and never quotes a secret
// from it in a note or error.
import fc from 'fast-check';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStatusReport } from '../../src/auth/report.js';
import { readConfig, StoreCorruptError } from '../../src/store/index.js';
import { type Canary, findLeaks, formatLeaks, makeCanary } from '../helpers/canary.js';

const FIXED_MTIME = new Date('2026-01-02T03:04:05.000Z');
let root: string;
let env: Record<string, string>;

const claudeAccess = makeCanary('claude access', 'sk-ant-oat01-');
const claudeRefresh = makeCanary('claude refresh', 'sk-ant-ort01-');
const codexAccess = makeCanary('codex access', 'eyJ');
const codexRefresh = makeCanary('codex refresh', 'rt_');
const codexId = makeCanary('codex id', 'eyJ');
const SECRETS: Canary[] = [claudeAccess, claudeRefresh, codexAccess, codexRefresh, codexId];

const FILES = {
  config: () =>
    Buffer.from(
      `// clawdbot config\n{\n  agents: { defaults: { model: { primary: 'anthropic/claude-opus-4-5', fallbacks: ['openai-codex/gpt-5.2'] } } },\n` +
        `  auth: {\n    profiles: { 'anthropic:default': { provider: 'anthropic', mode: 'api_key' }, },\n    order: { anthropic: ['anthropic:default'] },\n  },\n}\n`,
    ),
  claude: () =>
    Buffer.from(
      JSON.stringify({
        claudeAiOauth: { accessToken: claudeAccess.value, refreshToken: claudeRefresh.value, expiresAt: 1_900_000_000_000, scopes: ['user:inference'], subscriptionType: 'max' },
      }),
    ),
  codex: () =>
    Buffer.from(
      JSON.stringify({
        OPENAI_API_KEY: null,
        tokens: { id_token: codexId.value, access_token: codexAccess.value, refresh_token: codexRefresh.value, account_id: 'acct-1' },
        last_refresh: '2026-01-01T00:00:00Z',
      }),
    ),
};
type Kind = keyof typeof FILES;

function fileFor(kind: Kind): string {
  if (kind === 'config') return path.join(env.CLAWDBOT_STATE_DIR!, 'clawdbot.json');
  if (kind === 'claude') return path.join(env.HOME!, '.claude', '.credentials.json');
  return path.join(env.HOME!, '.codex', 'auth.json');
}

beforeAll(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'cb-g-loaders-'));
  env = { HOME: path.join(root, 'home'), CLAWDBOT_STATE_DIR: path.join(root, 'state'), PATH: process.env.PATH ?? '' };
  for (const k of ['config', 'claude', 'codex'] as Kind[]) await fsp.mkdir(path.dirname(fileFor(k)), { recursive: true, mode: 0o700 });
});
afterAll(async () => {
  await fsp.rm(root, { recursive: true, force: true });
});

async function statusOver(kind: Kind, bytes: Buffer, label: string): Promise<void> {
  const file = fileFor(kind);
  // Only the file under test is present, so its effect is what is seen.
  for (const k of ['config', 'claude', 'codex'] as Kind[]) if (k !== kind) fs.rmSync(fileFor(k), { force: true });
  fs.rmSync(path.join(env.CLAWDBOT_STATE_DIR!, 'agents'), { recursive: true, force: true });
  fs.writeFileSync(file, bytes, { mode: 0o600 });
  fs.utimesSync(file, FIXED_MTIME, FIXED_MTIME);
  let report;
  try {
    report = await buildStatusReport({ env, warn: () => undefined });
  } catch (err) {
    throw new Error(`${label}: status threw ${(err as Error)?.constructor?.name}: ${(err as Error)?.message}`, { cause: err });
  }
  const text = JSON.stringify(report);
  const leaks = findLeaks(text.replace(/"(access|refresh|token|key)":"[^"]*"/g, ''), SECRETS, label);
  expect(leaks, formatLeaks(leaks)).toEqual([]);
  // Errors about a file that cannot be read never carry its raw bytes (a control character would
  // reach the terminal). Values from a file that parses are the user's own data: not checked here.
  const messages = JSON.stringify([report.configError ?? '', ...report.agents.map((a) => a.storeError ?? '')]);
  expect(messages, `${label}: control characters from the file in an error or note`).not.toMatch(/\\u00[01][0-9a-f]/);
  expect(fs.statSync(file).mtimeMs, `${label}: the file was written`).toBe(FIXED_MTIME.getTime());
  expect(fs.readFileSync(file).equals(bytes), `${label}: the file changed`).toBe(true);
  expect(fs.readdirSync(path.dirname(file)).sort(), `${label}: files appeared beside it`).toEqual([path.basename(file)]);
}

describe('hardening: config and external CLI file fuzz', () => {
  for (const kind of ['config', 'claude', 'codex'] as Kind[]) {
    it(`${kind}: truncation at every byte`, async () => {
      const valid = FILES[kind]();
      for (let n = 0; n < valid.length; n += kind === 'config' ? 1 : 2) await statusOver(kind, valid.subarray(0, n), `${kind} truncated to ${n}`);
    }, 120_000);

    it(`${kind}: random byte flips`, async () => {
      const valid = FILES[kind]();
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x22, 0x7b, 0x7d, 0x2c, 0x3a, 0x00, 0x1b))), {
            minLength: 1,
            maxLength: 3,
          }),
          async (flips) => {
            const bytes = Buffer.from(valid);
            for (const [at, b] of flips) bytes[at] = b;
            await statusOver(kind, bytes, `${kind} flips ${JSON.stringify(flips)}`);
          },
        ),
        { numRuns: 400 },
      );
    }, 120_000);
  }

  it('config: every truncation is a StoreCorruptError naming the file, or a valid config', async () => {
    const valid = FILES.config();
    const file = fileFor('config');
    for (let n = 0; n < valid.length; n++) {
      fs.writeFileSync(file, valid.subarray(0, n));
      try {
        await readConfig(file);
      } catch (err) {
        expect(err).toBeInstanceOf(StoreCorruptError);
        expect((err as Error).message).toContain(file);
        expect((err as Error).message).not.toMatch(/[\x00-\x1f]/);
      }
    }
  });
});
