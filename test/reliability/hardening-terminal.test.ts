// Terminal edge cases for the dashboard and the wizard in a real pseudo-terminal (issue 8): 40 and
// 200 columns, resizing while running, a 20-row terminal with 500 profiles (the frame never grows
// taller than the terminal: its title and key hints stay on screen), NO_COLOR, TERM=dumb, and the
// terminal going away mid-flow (stdin closed / hangup) without anything half-written; and stdin
// closed in a pipe for the commands scripts run.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { CLI_PATH, type PtyRun, spawnCli, uiEnv } from '../helpers/pty.js';
import { pollUntil, requireBuild, runCli } from '../helpers/store-cli.js';

requireBuild();
const runs: PtyRun[] = [];
const dirs: string[] = [];
afterEach(async () => {
  while (runs.length) {
    const r = runs.pop()!;
    r.kill('SIGKILL');
  }
  while (dirs.length) await fsp.rm(dirs.pop()!, { recursive: true, force: true });
});

const TITLE = 'clawdbot models status';
const HINTS = /↑\/↓ move/;
/** SGR sequences that set a colour (foreground/background, 16/256/true colour). */
const COLOR_SGR = /\x1b\[(?:[0-9;]*;)?(?:3[0-79]|4[0-79]|9[0-7]|10[0-7]|38;|48;)[0-9;]*m/;

function world(profiles: number, extra: NodeJS.ProcessEnv = {}): { env: NodeJS.ProcessEnv; storePath: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-g-term-'));
  dirs.push(dir);
  const stateDir = path.join(dir, 'state');
  const agentDir = path.join(stateDir, 'agents', 'main', 'agent');
  fs.mkdirSync(agentDir, { recursive: true, mode: 0o700 });
  const storePath = path.join(agentDir, 'auth-profiles.json');
  const now = Date.now();
  const doc: Record<string, unknown> = { version: 1, profiles: {} as Record<string, unknown> };
  const providers = ['anthropic', 'openrouter', 'openai', 'groq', 'mistral'];
  for (let i = 0; i < profiles; i++) {
    const provider = providers[i % providers.length]!;
    (doc.profiles as Record<string, unknown>)[`${provider}:p${String(i).padStart(3, '0')}`] = {
      type: 'token',
      provider,
      token: `tok-${provider}-${i}-${'x'.repeat(30)}`,
      expires: now + (i % 7) * 3_600_000 + 86_400_000,
    };
  }
  fs.writeFileSync(storePath, JSON.stringify(doc, null, 2) + '\n', { mode: 0o600 });
  // uiEnv drops NO_COLOR/FORCE_COLOR, so the case's own variables go on after it.
  const env: NodeJS.ProcessEnv = { ...uiEnv({ HOME: dir, CLAWDBOT_STATE_DIR: stateDir }), ...extra };
  for (const k of Object.keys(env)) if (/_API_KEY$|_TOKEN$|^CLAWDBOT_AGENT_DIR$|^CODEX_HOME$|^CLAUDE_CONFIG_DIR$/.test(k)) delete env[k];
  return { env, storePath, dir };
}

/**
 * node-pty sets TERM from the terminal name, so TERM=dumb reaches the program through a tiny
 * launcher that sets it and then runs the built CLI.
 */
function dumbLauncher(dir: string): string {
  const file = path.join(dir, 'term-dumb.mjs');
  fs.writeFileSync(file, `process.env.TERM = 'dumb';\nawait import(${JSON.stringify(pathToFileURL(CLI_PATH).href)});\n`);
  return file;
}

function start(args: string[], env: NodeJS.ProcessEnv, cols: number, rows: number): PtyRun {
  const script = env.TERM === 'dumb' ? dumbLauncher(path.dirname(env.CLAWDBOT_STATE_DIR!)) : undefined;
  const r = spawnCli(args, { env, cols, rows, ...(script ? { script } : {}) });
  runs.push(r);
  return r;
}

/** The whole frame is on screen: title once, key hints visible, nothing wider than the terminal. */
function fitsScreen(screen: string, rows: number): boolean {
  const lines = screen.split('\n');
  return lines.length <= rows && screen.split(TITLE).length - 1 === 1 && HINTS.test(screen);
}

async function quit(r: PtyRun): Promise<number> {
  r.press('q');
  const { exitCode } = await r.exited;
  return exitCode;
}

describe('hardening: dashboard terminal edge cases', () => {
  for (const cols of [40, 200]) {
    it(`${cols} columns: the frame fits, profiles are listed, q exits 0`, async () => {
      const { env } = world(6);
      const r = start(['models', 'status'], env, cols, 24);
      const screen = await r.waitFor((s) => fitsScreen(s, 24) && /anthropic/.test(s), 20_000);
      expect(screen).toMatch(/p000|anthropic/);
      expect(await quit(r)).toBe(0);
    });
  }

  it('resize while running (120x30 -> 40x15 -> 200x50 -> 80x20): re-lays out each time, no leftover frame', async () => {
    const { env } = world(12);
    const r = start(['models', 'status'], env, 120, 30);
    await r.waitFor((s) => fitsScreen(s, 30), 20_000);
    for (const [c, h] of [
      [40, 15],
      [200, 50],
      [80, 20],
    ] as const) {
      r.resize(c, h);
      await r.waitFor((s) => fitsScreen(s, h) && /anthropic/.test(s), 10_000);
    }
    expect(await quit(r)).toBe(0);
  });

  it('a 20-row terminal with 500 profiles: never taller than the terminal, scrolling keeps the title', async () => {
    const { env } = world(500);
    const r = start(['models', 'status'], env, 100, 20);
    await r.waitFor((s) => fitsScreen(s, 20) && /p000/.test(s), 30_000);
    // Move far down the list: the view scrolls inside the frame.
    for (let i = 0; i < 60; i++) r.press('down');
    await r.waitFor((s) => fitsScreen(s, 20) && !/p000\b/.test(s), 10_000);
    expect(await quit(r)).toBe(0);
  });

  it('a tiny terminal (20x5) and back: no crash, the frame recovers and q still exits 0', async () => {
    const { env } = world(40);
    const r = start(['models', 'status'], env, 100, 20);
    await r.waitFor((s) => fitsScreen(s, 20), 20_000);
    r.resize(20, 5);
    await r.waitFor((s) => s.split('\n').length <= 5 && s.trim().length > 0, 10_000);
    for (let i = 0; i < 5; i++) r.press('down');
    r.resize(100, 20);
    await r.waitFor((s) => fitsScreen(s, 20), 10_000);
    expect(await quit(r)).toBe(0);
  });

  it('NO_COLOR: no colour escape codes at all', async () => {
    const { env } = world(6, { NO_COLOR: '1' });
    const r = start(['models', 'status'], env, 100, 24);
    await r.waitFor((s) => fitsScreen(s, 24), 20_000);
    expect(r.output()).not.toMatch(COLOR_SGR);
    expect(await quit(r)).toBe(0);
  });

  it('TERM=dumb: the one-shot text, no colour, no cursor movement, and it ends by itself', async () => {
    const { env } = world(6, { TERM: 'dumb' });
    const r = start(['models', 'status'], env, 100, 24);
    await r.waitFor((s) => /anthropic/.test(s), 20_000);
    const ended = await Promise.race([r.exited, new Promise<'running'>((res) => setTimeout(() => res('running'), 5000))]);
    expect(ended, 'the dashboard was started on TERM=dumb').not.toBe('running');
    expect((ended as { exitCode: number }).exitCode).toBe(0);
    expect(r.output()).not.toMatch(COLOR_SGR);
    // No cursor movement, line erasing or synchronized-output codes: a dumb terminal prints them raw.
    expect(r.output()).not.toMatch(/\x1b\[(\d*[ABGKJH]|\?2026[hl]|\?25[lh])/);
  });

  it('TERM=dumb: onboard says in one line why the wizard cannot run here, exit 1', async () => {
    const { env } = world(0, { TERM: 'dumb' });
    const r = start(['onboard'], env, 100, 30);
    const { exitCode } = await r.exited;
    expect(exitCode).toBe(1);
    expect(r.screen().trim()).toMatch(/^clawdbot: This terminal \(TERM=dumb\) cannot show the wizard: .*--non-interactive/s);
    expect(r.output()).not.toMatch(/\x1b\[/);
  });

  it('the terminal goes away (SIGHUP) while running: it exits, leaves no lock and the store intact', async () => {
    const { env, storePath } = world(6);
    const before = fs.readFileSync(storePath);
    const r = start(['models', 'status'], env, 100, 24);
    await r.waitFor((s) => fitsScreen(s, 24), 20_000);
    r.kill('SIGHUP');
    await r.exited;
    expect(fs.readFileSync(storePath).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(storePath))).toEqual(['auth-profiles.json']);
  });
});

describe('hardening: wizard terminal edge cases', () => {
  async function toKeyStep(r: PtyRun): Promise<void> {
    await r.waitFor('Provider', 20_000);
    r.press('enter');
    await r.waitFor('How to sign in', 10_000);
    r.press('enter');
    await r.waitFor('Credential: API key', 10_000);
  }

  for (const cols of [40, 200]) {
    it(`${cols} columns: the step header and the key hints are on screen`, async () => {
      const { env } = world(0);
      const r = start(['onboard'], env, cols, 30);
      const s = await r.waitFor((x) => /Step 1 of \d+/.test(x) && /Ctrl-C/.test(x) && /Anthropic/.test(x), 20_000);
      expect(s.split('\n').length).toBeLessThanOrEqual(30);
      r.press('ctrl-c');
      await r.exited;
    });
  }

  it('resize while typing a key: the typed length survives, still masked', async () => {
    const { env } = world(0);
    const r = start(['onboard'], env, 100, 30);
    await toKeyStep(r);
    const key = 'sk-ant-api03-' + 'R'.repeat(40);
    r.write(key);
    await r.waitFor(`(${key.length} characters, hidden)`);
    r.resize(40, 20);
    await r.waitFor((s) => s.replace(/\s+/g, ' ').includes(`${key.length} characters, hidden`), 10_000);
    r.resize(200, 40);
    await r.waitFor(`(${key.length} characters, hidden)`, 10_000);
    expect(r.output()).not.toContain('RRRRRRRR');
    r.press('ctrl-c');
    await r.exited;
  });

  it('NO_COLOR: no colour escape codes', async () => {
    for (const extra of [{ NO_COLOR: '1' }]) {
      const { env } = world(0, extra);
      const r = start(['onboard'], env, 100, 30);
      await r.waitFor('Provider', 20_000);
      expect(r.output(), JSON.stringify(extra)).not.toMatch(COLOR_SGR);
      r.press('ctrl-c');
      await r.exited;
    }
  });

  for (const how of ['ctrl-d', 'SIGHUP'] as const) {
    it(`stdin closed mid-flow (${how}) with a key typed but not saved: exits, nothing written`, async () => {
      const { env, storePath } = world(0);
      fs.rmSync(storePath);
      const stateDir = env.CLAWDBOT_STATE_DIR!;
      const r = start(['onboard'], env, 100, 30);
      await toKeyStep(r);
      r.write('sk-ant-api03-' + 'Z'.repeat(40));
      await r.waitFor('characters, hidden');
      if (how === 'ctrl-d') {
        r.press('ctrl-d');
        // Ctrl-D is not a confirmation: either it is ignored or it cancels; it never saves.
        const exited = await Promise.race([r.exited.then(() => true), new Promise<boolean>((res) => setTimeout(() => res(false), 1500))]);
        if (!exited) r.kill('SIGHUP');
      } else {
        r.kill('SIGHUP');
      }
      await r.exited;
      await pollUntil(() => !fs.existsSync(`${storePath}.lock`), 5000, 'no lock left');
      expect(fs.existsSync(storePath)).toBe(false);
      const written = fs.existsSync(stateDir) ? fs.readdirSync(stateDir, { recursive: true }).map(String) : [];
      expect(written.filter((f) => /auth-profiles|\.tmp|\.lock/.test(f))).toEqual([]);
    });
  }
});

describe('hardening: stdin closed in a pipe (no terminal)', () => {
  it('paste-token with stdin closed before anything arrived: one line, nothing written', async () => {
    const { env, storePath } = world(0);
    fs.rmSync(storePath);
    const r = await runCli(['models', 'auth', 'paste-token', '--provider', 'openrouter'], { env, stdin: '' });
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim()).toMatch(/^clawdbot: No token on stdin \(it was empty\): pipe the token into this command/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.existsSync(storePath)).toBe(false);
  });

  it('remove without --yes and stdin closed: refuses, the profile stays', async () => {
    const { env, storePath } = world(3);
    const before = fs.readFileSync(storePath);
    const r = await runCli(['models', 'auth', 'remove', 'anthropic:p000'], { env, stdin: '' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--yes/);
    expect(fs.readFileSync(storePath).equals(before)).toBe(true);
  });

  it('login with stdin closed at once: waits for the callback, times out cleanly, frees the port, writes nothing', async () => {
    const { env, storePath } = world(0);
    fs.rmSync(storePath);
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const r = await runCli(['models', 'auth', 'login', '--provider', 'openai-codex', '--no-browser'], {
      env: { ...env, CI: 'true', CLAWDBOT_OAUTH_CALLBACK_PORT: String(port), CLAWDBOT_OAUTH_TIMEOUT_MS: '1500', CLAWDBOT_OPENAI_OAUTH_BASE_URL: 'http://127.0.0.1:9' },
      stdin: '',
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/nothing was saved/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(storePath)).toBe(false);
    // The callback port is free again.
    await new Promise<void>((resolve, reject) => {
      const s = net.createServer().once('error', reject).listen(port, '127.0.0.1', () => s.close(() => resolve()));
    });
  });
});

describe('hardening: values from files and servers never drive the terminal', () => {
  it('an email claim and an unknown credential type carrying escape codes are printed escaped', async () => {
    const { env, storePath } = world(0);
    const evil = '\x1b]0;pwned\x07\x1b[2J';
    fs.writeFileSync(
      storePath,
      JSON.stringify({
        version: 1,
        profiles: {
          'openai-codex:default': { type: 'oauth', provider: 'openai-codex', access: 'a'.repeat(40), refresh: 'r'.repeat(40), expires: Date.now() + 3_600_000, email: `me${evil}@example.com` },
          'future:x': { type: `passkey${evil}`, provider: 'future' },
        },
      }),
      { mode: 0o600 },
    );
    for (const args of [['models', 'status', '--plain'], ['models', 'status', '--json'], ['models', 'status', '--check']]) {
      const r = await runCli(args, { env: { ...env, NO_COLOR: '1' } });
      expect(r.stdout + r.stderr, args.join(' ')).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
      if (args.includes('--plain')) expect(r.stdout).toContain('passkey\\x1b]0;pwned\\x07\\x1b[2J');
      if (args.includes('--json')) expect(r.stdout).toContain('me\\\\x1b]0;pwned\\\\x07\\\\x1b[2J@example.com');
    }
    const r = start(['models', 'status'], env, 120, 30);
    await r.waitFor('openai-codex', 20_000);
    expect(r.output()).not.toMatch(/\x07|\x1b\]0;|\x1b\[2J/);
    expect(await quit(r)).toBe(0);
  });

  it('a hand-edited profile id and provider carrying escape codes are printed escaped by every command and the dashboard', async () => {
    const { env, storePath } = world(0);
    const evil = '\x1b]0;pwned\x07\x1b[2J\x1b[8m';
    const id = `anthropic:x${evil}`;
    fs.writeFileSync(
      storePath,
      JSON.stringify({
        version: 1,
        profiles: {
          [id]: { type: 'token', provider: 'anthropic', token: `sk-ant-oat01-${'t'.repeat(40)}` },
          [`odd${evil}:k`]: { type: 'api_key', provider: `odd${evil}`, key: `sk-${'k'.repeat(40)}` },
        },
        order: { anthropic: [id] },
        usageStats: { [id]: { cooldownUntil: Date.now() + 600_000, errorCount: 1 } },
      }),
      { mode: 0o600 },
    );
    const commands = [
      ['models', 'status', '--plain'],
      ['models', 'status', '--check'],
      ['models', 'auth', 'list'],
      ['models', 'auth', 'order', 'get', '--provider', 'anthropic'],
      ['models', 'auth', 'cooldown', 'list'],
      ['doctor'],
      // An id given on the command line is echoed in the error: escaped too.
      ['models', 'auth', 'remove', `anthropic:nope${evil}`, '--yes'],
    ];
    for (const args of commands) {
      const r = await runCli(args, { env: { ...env, FORCE_COLOR: '1' } });
      const out = r.stdout + r.stderr;
      // Colours stay (FORCE_COLOR); nothing else that a terminal would act on gets through.
      expect(out.replace(/\x1b\[(?:0|1|2|3[1-6])m/g, ''), args.join(' ')).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    }
    const removed = await runCli(['models', 'auth', 'remove', `anthropic:nope${evil}`, '--yes'], { env });
    expect(removed.code).toBe(1);
    expect(removed.stderr).toContain('No profile "anthropic:nope\\x1b]0;pwned');
    const listed = await runCli(['models', 'auth', 'list'], { env });
    expect(listed.stdout).toContain('anthropic:x\\x1b]0;pwned\\x07\\x1b[2J\\x1b[8m');
    const r = start(['models', 'status'], env, 120, 30);
    await r.waitFor('anthropic:x', 20_000);
    await r.waitFor('pwned', 5_000);
    expect(r.output()).not.toMatch(/\x07|\x1b\]0;|\x1b\[2J|\x1b\[8m/);
    expect(await quit(r)).toBe(0);
  });
});
