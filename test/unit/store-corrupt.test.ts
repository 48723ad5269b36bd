// G12: every kind of bad auth-profiles.json, through the real CLI: one line naming the file, the
// reason and where; exit code 1; the original bytes untouched (no temp file, no lock left); and
// reading commands (`agents list`) still report what they can. Plus a fuzz of the parser:
// truncation at every byte and random byte flips never throw anything but StoreCorruptError, and
// a locked update of a corrupt file never runs its mutator or writes.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreCorruptError, parseAuthStore, updateAuthStore } from '../../src/store/index.js';
import { makeTempState, requireBuild, runCli, writeStore, type TempState } from '../helpers/store-cli.js';

const SECRET = 'sk-ant-api03-CorruptTestSecretValue9876';
const good = {
  version: 1,
  profiles: {
    'anthropic:default': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-StoredKeyShouldNotLeak1234' },
    'openai-codex:default': { type: 'oauth', provider: 'openai-codex', access: 'eyJhbGciOi.access', refresh: 'rt-refresh-value', expires: 1767225600000 },
  },
  order: { anthropic: ['anthropic:default'] },
};
const goodText = JSON.stringify(good, null, 2) + '\n';

interface Case {
  name: string;
  bytes: Buffer;
  reason: RegExp;
  where?: string | RegExp;
}

const cases: Case[] = [
  { name: 'empty', bytes: Buffer.alloc(0), reason: /the file is empty/ },
  { name: 'whitespace only', bytes: Buffer.from('  \n\t \n'), reason: /contains only whitespace/ },
  { name: 'truncated', bytes: Buffer.from(goodText.slice(0, 150)), reason: /not valid JSON/, where: /line \d+, column \d+/ },
  { name: 'not JSON', bytes: Buffer.from('profiles = { anthropic }\n'), reason: /not valid JSON/, where: 'line 1, column 1' },
  { name: 'BOM', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(goodText)]), reason: /byte-order mark/, where: 'byte 0' },
  {
    name: 'invalid UTF-8',
    bytes: Buffer.concat([Buffer.from(goodText.slice(0, 40)), Buffer.from([0xff, 0xfe]), Buffer.from(goodText.slice(40))]),
    reason: /not valid UTF-8/,
    where: 'byte 40',
  },
  {
    name: 'wrong shape (credential field)',
    bytes: Buffer.from(JSON.stringify({ ...good, profiles: { ...good.profiles, 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: 42 } } }, null, 2)),
    reason: /wrong shape/,
    where: 'profiles["anthropic:default"].key',
  },
  {
    name: 'wrong shape (order)',
    bytes: Buffer.from(JSON.stringify({ ...good, order: { anthropic: 'anthropic:default' } })),
    reason: /wrong shape/,
    where: 'order.anthropic',
  },
  { name: 'wrong shape (top level array)', bytes: Buffer.from('[1, 2, 3]\n'), reason: /expected a JSON object/, where: '(top level)' },
  { name: 'future version', bytes: Buffer.from(JSON.stringify({ ...good, version: 7 })), reason: /newer program \(version 7/, where: 'version' },
];

let state: TempState;
beforeAll(async () => {
  requireBuild();
  state = await makeTempState('cb-f-corrupt-');
});
afterAll(() => state?.cleanup());

async function placeBad(c: Case): Promise<void> {
  await fsp.mkdir(state.agentDir, { recursive: true, mode: 0o700 });
  await fsp.writeFile(state.storePath, c.bytes, { mode: 0o600 });
  // Another agent with a good store: `agents list` must still show it.
  await writeStore(state.agentStorePath('work'), { version: 1, profiles: { 'openai:work': { type: 'api_key', provider: 'openai', key: 'sk-openai-work-key-000000' } } });
}

function expectOneClearLine(stderr: string, c: Case): void {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  const line = lines[0]!;
  expect(line).toContain(state.storePath);
  expect(line).toMatch(c.reason);
  if (c.where) expect(line).toMatch(typeof c.where === 'string' ? new RegExp(`\\(at ${c.where.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`) : c.where);
  expect(line).toMatch(/left untouched/);
  expect(line).not.toContain('StoredKeyShouldNotLeak');
  expect(line).not.toMatch(/\n\s+at /);
}

function leftovers(): string[] {
  return fs.readdirSync(state.agentDir).filter((n) => n !== 'auth-profiles.json');
}

describe.each(cases)('bad auth-profiles.json: $name', (c) => {
  it('reading command: exit 1, one line with file, reason and where; bytes unchanged', async () => {
    await placeBad(c);
    const r = await runCli(['models', 'auth', 'order', 'get', '--provider', 'anthropic'], { env: state.env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expectOneClearLine(r.stderr, c);
    expect((await fsp.readFile(state.storePath)).equals(c.bytes)).toBe(true);
  });

  it('writing commands refuse: exit 1, original bytes unchanged, no temp or lock file, no secret echoed', async () => {
    await placeBad(c);
    const paste = await runCli(['models', 'auth', 'paste-token', '--provider', 'anthropic'], { env: state.env, stdin: SECRET + '\n' });
    expect(paste.code).toBe(1);
    expectOneClearLine(paste.stderr, c);
    expect(paste.stdout + paste.stderr).not.toContain(SECRET.slice(10, 30));
    const remove = await runCli(['models', 'auth', 'remove', 'anthropic:default', '--yes'], { env: state.env });
    expect(remove.code).toBe(1);
    expectOneClearLine(remove.stderr, c);
    const order = await runCli(['models', 'auth', 'order', 'set', '--provider', 'anthropic', 'anthropic:default'], { env: state.env });
    expect(order.code).toBe(1);
    expect((await fsp.readFile(state.storePath)).equals(c.bytes)).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it('`agents list` still reports every agent: the bad one with its error, the good one with its profiles', async () => {
    await placeBad(c);
    const r = await runCli(['agents', 'list', '--json'], { env: state.env });
    expect(r.code, r.stderr).toBe(0);
    const { agents } = JSON.parse(r.stdout) as { agents: Array<{ agentId: string; profiles: number | null; error?: string }> };
    const main = agents.find((a) => a.agentId === 'main')!;
    expect(main.profiles).toBeNull();
    expect(main.error).toContain(state.storePath);
    expect(main.error).toMatch(c.reason);
    expect(agents.find((a) => a.agentId === 'work')).toMatchObject({ profiles: 1 });
    const plain = await runCli(['agents', 'list'], { env: state.env });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/main\s+store unreadable: .*auth-profiles\.json/);
    expect(plain.stdout).toMatch(/work\s+1 profile \(openai\)/);
    expect(plain.stdout).not.toContain('sk-openai-work-key');
    expect((await fsp.readFile(state.storePath)).equals(c.bytes)).toBe(true);
  });
});

describe('auth-profiles.json is a directory', () => {
  it('commands name the path and say what is wrong; the directory is left as it is', async () => {
    await fsp.rm(state.stateDir, { recursive: true, force: true });
    await fsp.mkdir(state.storePath, { recursive: true, mode: 0o755 });
    const read = await runCli(['models', 'auth', 'order', 'get', '--provider', 'anthropic'], { env: state.env });
    expect(read.code).toBe(1);
    expect(read.stderr).toContain(`${state.storePath}: this is a directory, not a file`);
    const write = await runCli(['models', 'auth', 'paste-token', '--provider', 'anthropic'], { env: state.env, stdin: SECRET });
    expect(write.code).toBe(1);
    expect(write.stderr).toContain(`${state.storePath}: this is a directory, not a file`);
    const list = await runCli(['agents', 'list'], { env: state.env });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/main\s+store unreadable: .*this is a directory/);
    expect(fs.statSync(state.storePath).isDirectory()).toBe(true);
    expect(fs.statSync(state.storePath).mode & 0o777).toBe(0o755);
  });
});

describe('a corrupt clawdbot.json', () => {
  it('is never overwritten by a command that needs to update it', async () => {
    await fsp.rm(state.stateDir, { recursive: true, force: true });
    await fsp.mkdir(state.stateDir, { recursive: true, mode: 0o700 });
    const bad = Buffer.from('{ auth: { profiles: { "a:b": 1, } \n');
    await fsp.writeFile(state.configPath, bad, { mode: 0o600 });
    const r = await runCli(['models', 'auth', 'paste-token', '--provider', 'openrouter'], { env: state.env, stdin: SECRET });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(state.configPath);
    expect(r.stderr).toMatch(/not valid JSON5/);
    expect(r.stderr).toMatch(/line \d+, column \d+/);
    expect(r.stderr).not.toContain(SECRET.slice(10, 30));
    expect((await fsp.readFile(state.configPath)).equals(bad)).toBe(true);
    expect(fs.readdirSync(state.stateDir).filter((n) => n.startsWith('clawdbot.json'))).toEqual(['clawdbot.json']);
  });
});

describe('parser fuzz (fast-check)', () => {
  const file = '/tmp/fuzz/auth-profiles.json';
  const bytes = Buffer.from(goodText);

  function parsesOrCorrupt(b: Buffer): void {
    try {
      parseAuthStore(file, b);
    } catch (err) {
      expect(err).toBeInstanceOf(StoreCorruptError);
      expect((err as Error).message).toContain(file);
    }
  }

  it('truncation at every byte: parses or StoreCorruptError, never another throw', () => {
    for (let i = 0; i < bytes.length; i++) parsesOrCorrupt(bytes.subarray(0, i));
    expect(() => parseAuthStore(file, bytes.subarray(0, bytes.length - 3))).toThrow(StoreCorruptError);
  });

  it('random byte flips: parses or StoreCorruptError', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), (flips) => {
        const b = Buffer.from(bytes);
        for (const [at, v] of flips) b[at] = v;
        parsesOrCorrupt(b);
      }),
      { numRuns: 5000 },
    );
  });

  it('an update of a corrupt file never runs the mutator and never writes', async () => {
    const dir = await fsp.mkdtemp(path.join(state.root, 'fuzz-'));
    const target = path.join(dir, 'auth-profiles.json');
    await fc.assert(
      fc.asyncProperty(fc.nat(bytes.length - 2), async (cut) => {
        const b = bytes.subarray(0, cut);
        await fsp.writeFile(target, b);
        let ran = false;
        const err = await updateAuthStore(target, () => ((ran = true), true), { warn: () => undefined }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(StoreCorruptError);
        expect(ran).toBe(false);
        expect((await fsp.readFile(target)).equals(b)).toBe(true);
        expect(fs.readdirSync(dir)).toEqual(['auth-profiles.json']);
      }),
      { numRuns: 60 },
    );
  });
});

describe('fast validation path agrees with the schema', () => {
  it('never accepts a document the zod schema rejects (random field replacements)', async () => {
    const { authStoreShapeVerdicts } = await import('../../src/store/index.js');
    const base = {
      version: 1,
      profiles: {
        a: { type: 'api_key', provider: 'anthropic', key: 'k', email: 'e' },
        t: { type: 'token', provider: 'anthropic', token: 't', expires: 5 },
        o: { type: 'oauth', provider: 'openai-codex', access: 'a', refresh: 'r', expires: 1, accountId: 'x' },
        u: { type: 'future', provider: 'acme', anything: [1] },
      },
      order: { anthropic: ['a', 't'] },
      lastGood: { anthropic: 'a' },
      usageStats: { a: { lastUsed: 1, cooldownUntil: 2, disabledUntil: 3, disabledReason: 'billing', errorCount: 1, failureCounts: { auth: 1 }, lastFailureAt: 4 } },
    };
    const paths: string[][] = [];
    const walk = (v: unknown, p: string[]) => {
      if (p.length) paths.push(p);
      if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k, c] of Object.entries(v)) walk(c, [...p, k]);
    };
    walk(base, []);
    expect(authStoreShapeVerdicts(base)).toEqual({ fast: true, zod: true });
    let rejected = 0;
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined)), (p, replacement) => {
        const doc = structuredClone(base) as any;
        let cur = doc;
        for (const k of p.slice(0, -1)) cur = cur[k];
        if (replacement === undefined) delete cur[p[p.length - 1]!];
        else cur[p[p.length - 1]!] = replacement;
        const v = authStoreShapeVerdicts(JSON.parse(JSON.stringify(doc)));
        if (!v.zod) rejected++;
        if (v.fast) expect(v.zod, `fast path accepted ${JSON.stringify(p)} = ${JSON.stringify(replacement)}`).toBe(true);
      }),
      { numRuns: 3000 },
    );
    expect(rejected).toBeGreaterThan(100);
  });
});
