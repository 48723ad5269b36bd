// `models status --check/--json/--plain` run from cron and monitors every few minutes: they must
// load dist/cli.js and the one self-contained dist/status.js, no UI code (React, Ink, components)
// and none of the Node built-ins they do not use, and the dashboard path must still reach the
// full program. Checked by recording every module a real run of dist/cli.js loads.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTempState, requireBuild, writeStore, type TempState } from '../helpers/store-cli.js';
import { spawnCli, uiEnv } from '../helpers/pty.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const REGISTER = pathToFileURL(path.join(ROOT, 'test/fixtures/module-trace/register.mjs')).href;
const BUILTINS = path.join(ROOT, 'test/fixtures/module-trace/builtins.cjs');
let t: TempState;
beforeAll(() => requireBuild());
afterEach(async () => t?.cleanup());

/** Bundled chunks have hashed names: UI code is recognised by what is in the file. */
function hasUiCode(relPath: string): boolean {
  const text = readFileSync(path.join(ROOT, relPath), 'utf8');
  return text.includes('ink-box') || text.includes('react.transitional.element') || text.includes('yoga-layout');
}

function modulesLoaded(args: string[], env: NodeJS.ProcessEnv): string[] {
  const file = path.join(t.root, 'modules.txt');
  rmSync(file, { force: true });
  try {
    execFileSync(process.execPath, ['--import', REGISTER, path.join(ROOT, 'dist/cli.js'), ...args], { env: { ...env, MODULE_TRACE_FILE: file }, stdio: 'pipe' });
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status !== 1 && status !== 2) throw err; // --check answers with 1 or 2 too
  }
  return readFileSync(file, 'utf8').trim().split('\n').filter((u) => u.startsWith('file:') && !u.includes('/test/fixtures/module-trace/'));
}

/** The dashboard on a one-profile store in a pty, through its first rows and `q`, traced into `name` (returned) by the env `trace` gives. */
async function dashboardTraced(name: string, trace: (file: string) => NodeJS.ProcessEnv): Promise<string> {
  t = await makeTempState('cb-h-mods-');
  await writeStore(t.storePath, { version: 1, profiles: { 'anthropic:work': { type: 'api_key', provider: 'anthropic', key: `sk-ant-api03-${'k'.repeat(40)}` } } });
  const file = path.join(t.root, name);
  const run = spawnCli(['models', 'status'], { env: uiEnv({ ...t.env, ...trace(file) }) });
  try {
    await run.waitFor('anthropic:work', 15_000);
    run.press('q');
    await run.exited;
  } finally {
    run.kill();
  }
  return file;
}

describe('what a one-shot models status loads', () => {
  it.each([['--check'], ['--json'], ['--plain']])('models status %s: dist/cli.js and dist/status.js, nothing else; no UI', async (flag) => {
    t = await makeTempState('cb-h-mods-');
    const loaded = modulesLoaded(['models', 'status', flag], t.env);
    const rel = loaded.map((u) => path.relative(ROOT, new URL(u).pathname));
    expect(rel).toEqual(['dist/cli.js', 'dist/status.js']);
    expect(rel.filter(hasUiCode)).toEqual([]);
  });

  // Each of these makes Node compile a dozen or more internal modules (~3 MiB of RSS on Node 26)
  // that a status check never uses; a static import anywhere on the path brings one back.
  // fs/promises too: the status's reads are blocking calls, and the bundle loads it on first call.
  // --plain decides its colours from fd 1 without building process.stdout (a pipe's net.Socket).
  it.each([['--check'], ['--json'], ['--plain']])('models status %s loads no crypto, child_process, network, worker, util or fs/promises built-in', async (flag) => {
    t = await makeTempState('cb-h-mods-');
    const file = path.join(t.root, 'builtins.txt');
    try {
      execFileSync(process.execPath, ['-r', BUILTINS, path.join(ROOT, 'dist/cli.js'), 'models', 'status', flag], { env: { ...t.env, BUILTIN_TRACE_FILE: file }, stdio: 'pipe' });
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status !== 1 && status !== 2) throw err;
    }
    const builtins = readFileSync(file, 'utf8').trim().split('\n');
    expect(builtins).toContain('fs'); // the trace itself works
    const unwanted = ['crypto', 'child_process', 'http', 'https', 'net', 'tls', 'dgram', 'worker_threads', 'internal/util/parse_args/parse_args', 'stream', 'zlib', 'internal/fs/promises'];
    expect(builtins.filter((b) => unwanted.includes(b))).toEqual([]);
  });

  it('any other command goes through the full program, still without UI code for a one-shot command', async () => {
    t = await makeTempState('cb-h-mods-');
    const rel = modulesLoaded(['models', 'auth', 'list'], t.env).map((u) => path.relative(ROOT, new URL(u).pathname));
    expect(rel).not.toContain('dist/status.js');
    expect(rel.some((f) => readFileSync(path.join(ROOT, f), 'utf8').includes('commander'))).toBe(true);
    expect(rel.filter(hasUiCode)).toEqual([]);
  });

  it('models status on a terminal: dist/cli.js and dist/dashboard.js, the whole dashboard in one module', async () => {
    const file = await dashboardTraced('modules.txt', (f) => ({ MODULE_TRACE_FILE: f, NODE_OPTIONS: `--import=${REGISTER}` }));
    const rel = readFileSync(file, 'utf8').trim().split('\n').filter((u) => u.startsWith('file:') && !u.includes('/test/fixtures/module-trace/')).map((u) => path.relative(ROOT, new URL(u).pathname));
    expect(rel).toEqual(['dist/cli.js', 'dist/dashboard.js']);
    expect(hasUiCode('dist/dashboard.js')).toBe(true);
  });

  // Reading every export of node:util at start-up made Node load its argument parser, diff engine
  // and worker stack (scripts/lazy-builtin-exports.mjs); Ink's terminal-size imports child_process
  // for a fallback it seldom runs (now loaded on first call, scripts/build.mjs).
  it('models status on a terminal loads no child_process, util argument parser or diff engine', async () => {
    const file = await dashboardTraced('builtins.txt', (f) => ({ BUILTIN_TRACE_FILE: f, NODE_OPTIONS: `--require=${BUILTINS}` }));
    const builtins = readFileSync(file, 'utf8').trim().split('\n');
    expect(builtins).toContain('tty'); // the trace itself works
    const unwanted = ['child_process', 'internal/util/parse_args/parse_args', 'internal/util/diff', 'worker_threads', 'http', 'crypto'];
    expect(builtins.filter((b) => unwanted.includes(b))).toEqual([]);
  });

  it('the UI check itself finds Ink in the dashboard chunk (so the checks above can fail)', () => {
    const chunks = readdirSync(path.join(ROOT, 'dist/chunks')).map((f) => path.join('dist/chunks', f));
    expect(chunks.some(hasUiCode)).toBe(true);
    expect(hasUiCode('dist/status.js')).toBe(false);
  });
});
