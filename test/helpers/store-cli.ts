// Shared helpers for the store and CLI tests: a temp state dir per test, running the
// BUILT CLI (dist/cli.js) as a real child process, and the store worker script.
// Build first: `node scripts/build.mjs` (npm test's pretest does it).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPublicPrefixPiece } from '../../src/util/mask.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST_CLI = path.join(ROOT, 'dist', 'cli.js');
export const DIST_INDEX = path.join(ROOT, 'dist', 'index.js');
export const STORE_WORKER = path.join(ROOT, 'test', 'helpers', 'store-worker.mjs');
/** Acts as the Clawdbot gateway: proper-lockfile with the gateway's options (see the script). */
export const GATEWAY_WORKER = path.join(ROOT, 'test', 'helpers', 'gateway-lock-worker.mjs');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'clawdbot');

export function requireBuild(): void {
  if (!fs.existsSync(DIST_CLI) || !fs.existsSync(DIST_INDEX)) {
    throw new Error('dist/ is missing: run `node scripts/build.mjs` first');
  }
}

export interface TempState {
  root: string;
  home: string;
  stateDir: string;
  /** <state>/agents/main/agent */
  agentDir: string;
  storePath: string;
  configPath: string;
  env: NodeJS.ProcessEnv;
  agentStorePath(agentId: string): string;
  cleanup(): Promise<void>;
}

/** A fresh HOME and CLAWDBOT_STATE_DIR under the OS temp dir; nothing from the real ~ leaks in. */
export async function makeTempState(prefix = 'cb-f-'): Promise<TempState> {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), prefix));
  const home = path.join(root, 'home');
  await fsp.mkdir(home, { recursive: true });
  const stateDir = path.join(root, 'state');
  const agentDir = path.join(stateDir, 'agents', 'main', 'agent');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, CLAWDBOT_STATE_DIR: stateDir, NO_COLOR: '1', LANG: 'C.UTF-8' };
  return {
    root,
    home,
    stateDir,
    agentDir,
    storePath: path.join(agentDir, 'auth-profiles.json'),
    configPath: path.join(stateDir, 'clawdbot.json'),
    env,
    agentStorePath: (id) => path.join(stateDir, 'agents', id, 'agent', 'auth-profiles.json'),
    cleanup: () => fsp.rm(root, { recursive: true, force: true }),
  };
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /** Written to stdin, then stdin is closed. Without it stdin is closed at once (not a TTY). */
  stdin?: string;
  /** Run through `sh -c 'umask U; exec node ...'`. */
  umask?: string;
  timeoutMs?: number;
}

export function runProcess(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} ${args.join(' ')} timed out; stderr so far: ${stderr}`));
    }, opts.timeoutMs ?? 20_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.stdin ?? '');
  });
}

/** `node dist/cli.js ...args` as a real process with the temp env. */
export function runCli(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  if (opts.umask !== undefined) {
    const quoted = [process.execPath, DIST_CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    return runProcess('/bin/sh', ['-c', `umask ${opts.umask}; exec ${quoted}`], opts);
  }
  return runProcess(process.execPath, [DIST_CLI, ...args], opts);
}

export interface WorkerHandle {
  child: ChildProcess;
  /** Lines the worker printed so far. */
  lines: string[];
  /** Resolves with the first line matching. */
  waitLine(match: RegExp | string, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
  send(line: string): void;
}

/** Start test/helpers/store-worker.mjs (or another worker script) in a mode; it talks one line per event on stdout. */
export function startWorker(args: string[], env: NodeJS.ProcessEnv, script = STORE_WORKER): WorkerHandle {
  const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let err = '';
  let buf = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    buf += d;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      lines.push(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  child.stdin!.on('error', () => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      resolve({ code, signal });
    }),
  );
  let done = false;
  void exited.then(() => (done = true));
  return {
    child,
    lines,
    exited,
    stderr: () => err,
    send: (line) => child.stdin!.write(line + '\n'),
    waitLine(match, timeoutMs = 20_000) {
      const test = (l: string) => (typeof match === 'string' ? l === match : match.test(l));
      return new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const check = () => {
          const hit = lines.find(test);
          if (hit !== undefined) return resolve(hit);
          if (done) return reject(new Error(`worker exited before printing ${match}; lines: ${lines.join(' | ')}; stderr: ${err}`));
          if (Date.now() > deadline) return reject(new Error(`worker did not print ${match} in ${timeoutMs} ms; lines: ${lines.join(' | ')}; stderr: ${err}`));
          setTimeout(check, 10);
        };
        check();
      });
    },
  };
}

/** Poll `fn` until it returns a truthy value or the time is up. */
export async function pollUntil<T>(fn: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition', everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** pollUntil, said the other way round: `await waitFor(() => frame().includes('x'), 'x on screen')`. */
export function waitFor<T>(fn: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  return pollUntil(fn, timeoutMs, what) as Promise<T>;
}

export async function writeStore(file: string, doc: unknown): Promise<void> {
  await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await fsp.writeFile(file, JSON.stringify(doc, null, 2) + '\n', { mode: 0o600 });
}

export async function readJson<T = any>(file: string): Promise<T> {
  return JSON.parse(await fsp.readFile(file, 'utf8')) as T;
}

export function mode(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

const PUBLIC_PREFIXES = ['sk-ant-api03-', 'sk-ant-oat01-', 'sk-or-v1-', 'sk-proj-', 'sk-'];

/** No 8-character piece of the secret's body (after a public prefix like `sk-ant-oat01-`) appears. */
export function expectNoSecretIn(output: string, secret: string): void {
  const prefix = PUBLIC_PREFIXES.find((p) => secret.startsWith(p)) ?? '';
  const body = secret.slice(prefix.length);
  // Output shows temp paths (/tmp/cb-f-legacy-oqeYVw/...): their random names can match a piece of
  // a test secret by chance ("legacy-o"), and a secret never leaks through a directory name.
  const tmpRoot = os.tmpdir().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const scanned = output.replace(new RegExp(`${tmpRoot}/[^/\\s"']+`, 'g'), '<tmp>');
  for (let i = 0; i + 8 <= body.length; i++) {
    const piece = body.slice(i, i + 8);
    // `ant-oat0` of a new-style `sk-ant-oat02-…` token is also a piece of the public `sk-ant-oat01-`.
    if (isPublicPrefixPiece(piece)) continue;
    if (scanned.includes(piece)) throw new Error(`secret piece "${piece}" leaked into output:\n${output}`);
  }
}

/** The holder record our lock directory points at (its access time names `<lock>.owner-<marker>`). */
export async function lockHolderRecord(lockPath: string): Promise<{ pid: number; host: string; nonce: string }> {
  const marker = Math.round(fs.statSync(lockPath).atimeMs / 1000);
  return readJson(`${lockPath}.owner-${marker}`);
}

/** Every holder record file next to a lock (none should be left once the lock is released). */
export function lockRecords(lockPath: string): string[] {
  const base = `${path.basename(lockPath)}.owner`;
  return fs.readdirSync(path.dirname(lockPath)).filter((n) => n.startsWith(base));
}
