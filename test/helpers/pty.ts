// Drive the built CLI in a real pseudo-terminal and read the screen the way a person sees it:
// node-pty gives the program a real TTY (raw mode, resize, Ctrl-C as a byte), @xterm/headless
// interprets the escape codes into a screen buffer. Tests poll the screen; they never sleep.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as nodePty from '@lydell/node-pty';
import xterm from '@xterm/headless';

const { Terminal } = xterm;

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI_PATH = path.join(REPO_ROOT, 'dist/cli.js');

const KEYS: Record<string, string> = {
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  enter: '\r',
  escape: '\x1b',
  backspace: '\x7f',
  tab: '\t',
  space: ' ',
  'ctrl-c': '\x03',
  'ctrl-d': '\x04',
};

export interface PtyRun {
  /** Current screen as plain text lines joined with \n (trailing spaces trimmed). */
  screen(): string;
  /** Everything the program wrote, raw, with escape codes. */
  output(): string;
  /** Poll until the screen (or predicate) matches; throws with the last screen on timeout. */
  waitFor(match: string | RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
  write(data: string): void;
  press(key: keyof typeof KEYS | string): void;
  resize(cols: number, rows: number): void;
  exited: Promise<{ exitCode: number; signal?: number }>;
  kill(signal?: string): void;
  pid: number;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cols?: number;
  rows?: number;
  cwd?: string;
  /** Run this script instead of dist/cli.js (e.g. a fixture). */
  script?: string;
}

/** The environment UI tests need: no CI (Ink would render only the last frame), a real TERM. */
export function uiEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', ...extra };
  if (!('CI' in extra)) delete env.CI;
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return env;
}

/** Output quiet this long after a match counts as the end of a frame (Ink writes each in one go). */
const QUIET_MS = 15;

export function spawnCli(args: string[], opts: SpawnOptions = {}): PtyRun {
  const cols = opts.cols ?? 100;
  const rows = opts.rows ?? 30;
  const env = opts.env ? { ...opts.env } : uiEnv();
  if (!('CI' in (opts.env ?? {}))) delete env.CI;
  const term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000 });
  const proc = nodePty.spawn(process.execPath, [opts.script ?? CLI_PATH, ...args], {
    name: 'xterm-256color',
    cols,
    rows,
    cwd: opts.cwd ?? REPO_ROOT,
    env: env as Record<string, string>,
  });
  let raw = '';
  let pending = Promise.resolve();
  let lastDataAt = Date.now();
  proc.onData((data) => {
    raw += data;
    lastDataAt = Date.now();
    // xterm parses asynchronously; chain writes so screen() can wait for them to be applied.
    pending = pending.then(() => new Promise<void>((resolve) => term.write(data, resolve)));
  });
  // node-pty can deliver the last output after the exit event, and xterm parses asynchronously:
  // settle only once output has been quiet for a moment and everything received is on screen,
  // so a test that reads screen() after `await exited` sees the final frame.
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => {
    proc.onExit(({ exitCode, signal }) => {
      void (async () => {
        const until = Date.now() + 1000;
        while (Date.now() - lastDataAt < 60 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
        await pending;
        resolve({ exitCode, signal });
      })();
    });
  });
  let done = false;
  void exited.then(() => (done = true));

  const screen = (): string => {
    const buf = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < term.rows; i++) {
      lines.push(buf.getLine(buf.viewportY + i)?.translateToString(true) ?? '');
    }
    return lines.join('\n').replace(/\n+$/, '');
  };

  const run: PtyRun = {
    pid: proc.pid,
    screen,
    output: () => raw,
    async waitFor(match, timeoutMs = 10_000) {
      const test =
        typeof match === 'function'
          ? match
          : typeof match === 'string'
            ? (s: string) => s.includes(match)
            : (s: string) => match.test(s);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await pending;
        const s = screen();
        if (test(s)) {
          // A frame can reach the terminal in more than one chunk (a long one, a loaded machine):
          // output that came in just now may have more on its way. Let it go quiet for a moment,
          // so what the caller reads next, below what it waited for, is the whole frame.
          const settleUntil = Date.now() + 300;
          while (Date.now() - lastDataAt < QUIET_MS && Date.now() < settleUntil) await new Promise((r) => setTimeout(r, QUIET_MS));
          await pending;
          const settled = screen();
          // A passing state can be gone by now (a spinner's step): what was waited for was seen.
          return test(settled) ? settled : s;
        }
        if (Date.now() > deadline) {
          throw new Error(`Timed out after ${timeoutMs} ms waiting for ${String(match)}; screen was:\n${s}`);
        }
        if (done) {
          // One last look after the final output has been parsed.
          await new Promise((r) => setTimeout(r, 20));
          await pending;
          const last = screen();
          if (test(last)) return last;
          throw new Error(`Process exited while waiting for ${String(match)}; screen was:\n${last}`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    write(data) {
      proc.write(data);
    },
    press(key) {
      proc.write(KEYS[key] ?? key);
    },
    resize(c, r) {
      proc.resize(c, r);
      term.resize(c, r);
    },
    exited,
    kill(signal) {
      try {
        proc.kill(signal);
      } catch {
        /* already gone */
      }
    },
  };
  return run;
}

/**
 * A URL as the screen shows it: from the row where it starts (`marker` in it), joined with the
 * rows below while each row before was filled to the terminal's width (the terminal's wrap).
 */
export function urlFromScreen(screen: string, marker: string, cols: number): string | undefined {
  const rows = screen.split('\n');
  let i = rows.findIndex((l) => l.includes(marker));
  if (i < 0) return undefined;
  const start = rows[i]!.indexOf('http');
  let url = rows[i]!.slice(Math.max(0, start));
  while (rows[i]!.length === cols && i + 1 < rows.length) url += rows[++i]!;
  return url;
}

/** `models auth paste-token` as a separate process (the CLI as a script would run it), the token on stdin. */
export function pasteToken(env: NodeJS.ProcessEnv, provider: string, profileId: string, expiresIn?: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [CLI_PATH, 'models', 'auth', 'paste-token', '--provider', provider, '--profile-id', profileId, ...(expiresIn ? ['--expires-in', expiresIn] : [])],
      { env: { ...env, CI: 'true' } },
      (err) => (err ? reject(err) : resolve()),
    );
    child.stdin!.end(`sk-ant-oat01-${profileId.replace(/\W/g, '')}-${'q'.repeat(40)}\n`);
  });
}

/** Profile ids of the dashboard's table rows of one provider, in screen order. */
export function screenIds(screen: string, provider: string): string[] {
  const re = new RegExp(`^.\\s+\\d+\\s+(${provider}:[a-z0-9-]+)\\s+(token|oauth|api_key)`);
  return screen
    .split('\n')
    .map((l) => re.exec(l)?.[1])
    .filter((x): x is string => Boolean(x));
}
