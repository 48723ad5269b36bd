// No input ever crashes (issue 8): random command lines built from the real command tree with
// hostile values (empty, `-`, `--`, path traversal, spaces, unicode, huge, negative durations,
// unknown flags) run through the built CLI. Every run ends with exit 0, 1 or 2 (130 for a cancel),
// never a stack trace or an "unexpected error", a failure is one line on stderr, --json prints
// valid JSON when it prints anything, and nothing is created outside the state dir.
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TempState, makeTempState, requireBuild, runCli } from '../helpers/store-cli.js';
import { isCompileCache, listFiles } from '../helpers/canary.js';

const COMMANDS: string[][] = [
  ['models', 'status'],
  ['models', 'auth', 'list'],
  ['models', 'auth', 'order', 'get'],
  ['models', 'auth', 'order', 'set'],
  ['models', 'auth', 'order', 'clear'],
  ['models', 'auth', 'paste-token'],
  ['models', 'auth', 'setup-token'],
  ['models', 'auth', 'remove'],
  ['models', 'auth', 'refresh'],
  ['models', 'auth', 'cooldown', 'list'],
  ['models', 'auth', 'cooldown', 'clear'],
  ['models', 'auth', 'login'],
  ['models', 'auth', 'add'],
  ['agents', 'add'],
  ['agents', 'list'],
  ['doctor'],
  ['onboard'],
  ['models'],
  ['nonsense'],
];
const FLAGS = ['--agent', '--provider', '--profile-id', '--profile', '--expires-in', '--warn-within', '--json', '--plain', '--check', '--all-agents', '--yes', '--all', '--device', '--no-browser', '--non-interactive', '--auth-choice', '--token', '--token-provider', '--copy-from', '--repair', '--bogus', '-x', '--'];
const VALUES = [
  '',
  '-',
  '--',
  ' ',
  'main',
  'anthropic',
  'anthropic:default',
  'openai-codex',
  'A B',
  '../../etc/passwd',
  '/tmp',
  'x'.repeat(5000),
  'ünï©ødé',
  '💥',
  '-5d',
  '0',
  '99999999999999999999d',
  '1.5h',
  'NaN',
  'null',
  '{"a":1}',
  'anthropic:',
  ':x',
  'apiKey',
  'token',
  'sk-ant-api03-notasecretnotasecret0000',
];

const argvArb = fc
  .tuple(
    fc.constantFrom(...COMMANDS),
    fc.array(fc.oneof(fc.constantFrom(...FLAGS), fc.constantFrom(...VALUES)), { maxLength: 6 }),
  )
  .map(([cmd, rest]) => [...cmd, ...rest]);

let t: TempState;
beforeAll(async () => {
  requireBuild();
  t = await makeTempState('cb-g-argv-');
});
afterAll(async () => {
  await t?.cleanup();
});

describe('hardening: random command lines never crash', () => {
  const samples = fc.sample(argvArb, { numRuns: 300, seed: Number(process.env.HARDENING_FUZZ_SEED ?? 424242) });
  it(`${samples.length} random command lines: clean exits, one-line errors, valid JSON, nothing outside the state dir`, async () => {
    const env = {
      ...t.env,
      CLAWDBOT_OAUTH_TIMEOUT_MS: '800',
      CLAWDBOT_OPENAI_OAUTH_BASE_URL: 'http://127.0.0.1:9',
      CLAWDBOT_ANTHROPIC_OAUTH_BASE_URL: 'http://127.0.0.1:9',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:9',
      OPENAI_BASE_URL: 'http://127.0.0.1:9',
      CLAWDBOT_NO_BROWSER: '1',
    };
    // Seed a store so commands have something to act on.
    const seed = await runCli(['models', 'auth', 'paste-token', '--provider', 'anthropic', '--profile-id', 'anthropic:default'], {
      env,
      stdin: 'sk-ant-oat01-' + 'f'.repeat(90) + '\n',
    });
    expect(seed.code, seed.stderr).toBe(0);
    // The state dir may change; so may the compile cache of our own bundles (a per-user cache,
    // src/util/compile-cache.ts). Nothing else.
    const outside = (f: string) => f.startsWith(t.stateDir + path.sep) || isCompileCache(f);
    const outsideBefore = listFiles(t.root, outside);
    const queue = [...samples];
    const codes = new Map<number, number>();
    const failures: string[] = [];
    const worker = async () => {
      for (let argv = queue.shift(); argv; argv = queue.shift()) {
        const r = await runCli(argv, { env, stdin: '', timeoutMs: 20_000 });
        const label = `clawdbot ${argv.map((a) => JSON.stringify(a.length > 40 ? a.slice(0, 20) + '…' : a)).join(' ')}`;
        codes.set(r.code ?? -1, (codes.get(r.code ?? -1) ?? 0) + 1);
        const problems: string[] = [];
        if (r.signal) problems.push(`killed by ${r.signal}`);
        if (![0, 1, 2, 130].includes(r.code ?? -1)) problems.push(`exit ${r.code}`);
        if (/unexpected error/.test(r.stderr)) problems.push('unexpected error');
        if (/\n\s+at .+:\d+:\d+/.test(r.stderr)) problems.push('stack trace');
        if (r.code !== 0 && r.code !== 2 && r.stderr.trim() === '') problems.push('failed silently');
        const jsonOnly = argv.includes('--json') && !argv.includes('--help') && r.code === 0 && r.stdout.trim().startsWith('{');
        if (jsonOnly) {
          try {
            JSON.parse(r.stdout);
          } catch {
            problems.push('invalid JSON');
          }
        }
        if (problems.length) failures.push(`${label}: ${problems.join(', ')}\n  stderr: ${r.stderr.slice(0, 400)}`);
      }
    };
    await Promise.all([worker(), worker()]);
    // The sample reached both sides: commands that worked and inputs that were refused.
    expect(codes.get(0) ?? 0, JSON.stringify([...codes])).toBeGreaterThan(5);
    expect(codes.get(1) ?? 0, JSON.stringify([...codes])).toBeGreaterThan(5);
    expect(failures, failures.join('\n')).toEqual([]);
    // Nothing was created outside the state dir (HOME stays as it was).
    expect(listFiles(t.root, outside)).toEqual(outsideBefore);
    // The store is still valid JSON.
    expect(() => JSON.parse(fs.readFileSync(t.storePath, 'utf8'))).not.toThrow();
  }, 300_000);

  it('random bytes pasted on stdin: a clean token is saved, anything else is refused in one line, no control character is stored', async () => {
    const env = { ...t.env };
    const payloads = fc.sample(
      fc.oneof(
        fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
        fc.string({ unit: fc.constantFrom('sk-', 'A', 'z', '9', ' ', '#', '\n', '\r', '\x1b[200~', '\x1b', '"', ';', 'export K=', '\x00', '\u200b'), maxLength: 30 }).map((x) => Buffer.from(x)),
      ),
      { numRuns: 40, seed: Number(process.env.HARDENING_FUZZ_SEED ?? 77) },
    );
    const failures: string[] = [];
    for (const [i, payload] of payloads.entries()) {
      for (const cmd of [['models', 'auth', 'paste-token', '--provider', 'openrouter', '--profile-id', `openrouter:f${i}`], ['models', 'auth', 'setup-token', '--profile-id', `anthropic:f${i}`]]) {
        const r = await runCli(cmd, { env, stdin: payload.toString('latin1') });
        const label = `${cmd[2]} <<< ${JSON.stringify(payload.toString('latin1').slice(0, 60))}`;
        if (r.code !== 0 && r.code !== 1) failures.push(`${label}: exit ${r.code}`);
        if (/unexpected error|\n\s+at .+:\d+:\d+/.test(r.stderr)) failures.push(`${label}: crashed: ${r.stderr.slice(0, 300)}`);
        if (r.code === 1 && r.stderr.trim().split('\n').length !== 1) failures.push(`${label}: not one line: ${r.stderr}`);
        if (/[\x00-\x08\x0b-\x1f\x7f]/.test(r.stdout + r.stderr)) failures.push(`${label}: control characters echoed`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
    // Whatever was stored is one clean token.
    const doc = JSON.parse(fs.readFileSync(t.storePath, 'utf8')) as { profiles: Record<string, { token?: string }> };
    for (const [id, p] of Object.entries(doc.profiles)) {
      if (!/:f\d+$/.test(id)) continue;
      expect(p.token, id).toMatch(/^[^\s#\x00-\x1f\x7f]+$/);
    }
  }, 300_000);
});
