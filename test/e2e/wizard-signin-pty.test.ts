// Issue 20 items 1 and 11. Switching sign-in methods in the wizard never grows memory or a frame past the
// terminal, a URL from an earlier step does not stay on screen, and every long wait (sign-in,
// device code, live check) ends on Esc, Ctrl-C, SIGHUP and SIGTERM with nothing written.
// Real pty, the built CLI, a fake auth.openai.com and a provider that never answers, on 127.0.0.1.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enterAnthropicApiKey } from '../helpers/wizard-walks.js';
import { spawnCli, uiEnv, urlFromScreen, type PtyRun } from '../helpers/pty.js';
import { makeTempState, pollUntil, requireBuild, type TempState } from '../helpers/store-cli.js';
import { freePort, makeJwt, startFakeOpenAiAuth, type FakeOpenAiAuth } from '../helpers/fake-openai-auth.js';

const COLS = 100;
const ROWS = 30;
const KEY = 'sk-ant-api03-' + 'Wm4Tz8Qp'.repeat(5);
/** Ink clears the whole terminal only when a frame is as tall as the terminal or taller. */
const CLEAR_SCREEN = '\x1b[2J';

let t: TempState;
let auth: FakeOpenAiAuth;
let port: number;
let silent: http.Server;
let silentUrl: string;
const runs: PtyRun[] = [];

beforeAll(() => requireBuild());
beforeEach(async () => {
  t = await makeTempState('cb-runaway-');
  auth = await startFakeOpenAiAuth();
  port = await freePort();
  // A provider API that accepts the connection and never answers: the live check waits.
  silent = http.createServer(() => {});
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
});
afterEach(async () => {
  for (const r of runs.splice(0)) r.kill('SIGKILL');
  silent.closeAllConnections();
  await new Promise((r) => silent.close(r));
  await auth.close();
  await t.cleanup();
});

function start(o: { cols?: number; rows?: number; env?: NodeJS.ProcessEnv } = {}): PtyRun {
  const e = uiEnv({
    HOME: t.home,
    CLAWDBOT_STATE_DIR: t.stateDir,
    CLAWDBOT_OPENAI_OAUTH_BASE_URL: auth.url,
    CLAWDBOT_OAUTH_CALLBACK_PORT: String(port),
    ANTHROPIC_BASE_URL: silentUrl,
    OPENAI_BASE_URL: `${silentUrl}/v1`,
  });
  for (const k of ['SSH_CONNECTION', 'SSH_TTY', 'SSH_CLIENT', 'DISPLAY', 'WAYLAND_DISPLAY', 'ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'CODEX_HOME']) delete e[k];
  const r = spawnCli(['onboard'], { env: { ...e, ...o.env }, cols: o.cols ?? COLS, rows: o.rows ?? ROWS });
  runs.push(r);
  return r;
}

/** Resident memory of the child in MiB (Linux /proc). */
function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

/** The highest RSS seen while the child runs on for `ms`. */
async function peakRssOver(r: PtyRun, ms: number): Promise<number> {
  let peak = 0;
  const until = Date.now() + ms;
  while (Date.now() < until) {
    peak = Math.max(peak, rssMiB(r.pid));
    await new Promise((res) => setTimeout(res, 100));
  }
  return peak;
}

const METHOD_LABELS = ['Sign in with ChatGPT', 'Device code', 'Reuse Codex CLI login', 'API key'] as const;
type Method = (typeof METHOD_LABELS)[number];

async function toOpenAiMethods(r: PtyRun): Promise<void> {
  await r.waitFor('Provider');
  r.press('down');
  await r.waitFor('❯ OpenAI');
  r.press('enter');
  await r.waitFor('❯ Sign in with ChatGPT');
}

async function chooseMethod(r: PtyRun, label: Method): Promise<void> {
  await r.waitFor((s) => METHOD_LABELS.some((l) => s.includes(`❯ ${l}`)));
  const current = METHOD_LABELS.findIndex((l) => r.screen().includes(`❯ ${l}`));
  const want = METHOD_LABELS.indexOf(label);
  for (let i = current; i < want; i++) r.press('down');
  for (let i = current; i > want; i--) r.press('up');
  await r.waitFor(`❯ ${label}`);
  r.press('enter');
}

/** What each method's step shows once it waits for the user. */
const WAITING: Record<Method, RegExp> = {
  'Sign in with ChatGPT': /\/oauth\/authorize\?[\s\S]*|Or paste the redirect URL/,
  'Device code': /Code: [0-9A-F]{4}-[0-9A-F]{4}/,
  'Reuse Codex CLI login': /Use this Codex CLI login/,
  'API key': /Paste your OpenAI API key/,
};

const STEP_DRAWN = /· (Sign in|Device code|Reuse login|Credential)/;
// The list of methods itself (its selection marker), not just the step's title: a method's own
// screen has the same title, so the title alone matched before Esc had been handled.
const METHOD_LIST = /Step \d+ of \d+ · How to sign in[\s\S]*❯ /;

const authorizeUrlOnScreen = (s: string) => s.includes('/oauth/authorize?');

/** Nothing accepts connections on the sign-in's loopback callback port any more. */
async function callbackClosed(): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    sock.once('connect', () => {
      sock.destroy();
      resolve(false);
    });
    sock.once('error', () => resolve(true));
  });
}

async function endsWithin(r: PtyRun, ms: number): Promise<{ exitCode: number } | 'still running'> {
  return Promise.race([r.exited, new Promise<'still running'>((res) => setTimeout(() => res('still running'), ms))]);
}

describe('wizard sign-in method switches (issue 20 item 1)', () => {
  it('offline, as reported: sign-in screen, Esc, Device code (unreachable): memory stays flat, the frame fits', async () => {
    const r = start();
    await toOpenAiMethods(r);
    await chooseMethod(r, 'Sign in with ChatGPT');
    await r.waitFor((s) => authorizeUrlOnScreen(s) && /\d+m \d+s left/.test(s));
    const base = rssMiB(r.pid);
    await auth.close(); // from here on auth.openai.com cannot be reached
    r.press('escape');
    await r.waitFor('❯ Sign in with ChatGPT');
    await chooseMethod(r, 'Device code');
    await r.waitFor('Requesting a device code failed');
    const peak = await peakRssOver(r, 2500);
    expect(peak - base, `RSS grew from ${base.toFixed(0)} to ${peak.toFixed(0)} MiB`).toBeLessThan(60);
    expect(authorizeUrlOnScreen(r.screen())).toBe(false);
    expect(r.output()).not.toContain(CLEAR_SCREEN);
    r.kill('SIGHUP');
    expect(await endsWithin(r, 5000)).toEqual({ exitCode: 129, signal: 0 });
  }, 40_000);

  it('sign-in screen, Esc, Device code: memory stays flat, frames fit the terminal, the old URL and the sign-in are gone; SIGTERM ends it', async () => {
    const r = start();
    await toOpenAiMethods(r);
    await chooseMethod(r, 'Sign in with ChatGPT');
    await r.waitFor((s) => authorizeUrlOnScreen(s) && s.includes('Or paste the redirect URL') && /\d+m \d+s left/.test(s));
    expect(await callbackClosed()).toBe(false);
    const base = rssMiB(r.pid);
    r.press('escape');
    await r.waitFor('❯ Sign in with ChatGPT');
    await chooseMethod(r, 'Device code');
    await r.waitFor(/Code: [0-9A-F]{4}-[0-9A-F]{4}/);
    const peak = await peakRssOver(r, 2500);
    expect(peak - base, `RSS grew from ${base.toFixed(0)} to ${peak.toFixed(0)} MiB`).toBeLessThan(60);
    expect(authorizeUrlOnScreen(r.screen())).toBe(false);
    expect(await callbackClosed()).toBe(true);
    expect(r.output()).not.toContain(CLEAR_SCREEN);
    r.kill('SIGTERM');
    const exit = await endsWithin(r, 5000);
    expect(exit, 'SIGTERM during the device-code wait').toEqual({ exitCode: 143, signal: 0 });
    expect(r.screen()).toContain('Cancelled; nothing was written.');
    expect(existsSync(t.storePath)).toBe(false);
  }, 40_000);

  it('many quick switches between sign-in, device code, Codex reuse and a pasted key stay bounded; device polling stops on Esc', async () => {
    const access = makeJwt({ exp: Math.floor(Date.now() / 1000) + 3600, 'https://api.openai.com/auth': { chatgpt_account_id: 'acct-1' } });
    await mkdir(path.join(t.home, '.codex'), { recursive: true });
    await writeFile(path.join(t.home, '.codex', 'auth.json'), JSON.stringify({ tokens: { access_token: access, refresh_token: 'rt_' + 'Zx'.repeat(20), account_id: 'acct-1' } }));
    const r = start();
    await toOpenAiMethods(r);
    const base = rssMiB(r.pid);
    const order: Method[] = ['Sign in with ChatGPT', 'Device code', 'Reuse Codex CLI login', 'API key', 'Device code', 'Sign in with ChatGPT'];
    for (let round = 0; round < 3; round++) {
      for (const m of order) {
        await chooseMethod(r, m);
        // Every other round, leave as soon as the step is drawn, before it has finished starting.
        await r.waitFor(round % 2 === 0 ? WAITING[m] : STEP_DRAWN);
        r.press('escape');
        await r.waitFor(METHOD_LIST);
      }
    }
    await chooseMethod(r, 'Device code');
    await r.waitFor(WAITING['Device code']);
    r.press('escape');
    await r.waitFor('❯ Device code');
    const polls = () => auth.requests.filter((q) => q.path === '/api/accounts/deviceauth/token').length;
    const pollsAtEsc = polls();
    const peak = await peakRssOver(r, 1500);
    expect(polls(), 'device polling went on after Esc').toBeLessThanOrEqual(pollsAtEsc + 1);
    expect(peak - base, `RSS grew from ${base.toFixed(0)} to ${peak.toFixed(0)} MiB`).toBeLessThan(60);
    expect(r.output()).not.toContain(CLEAR_SCREEN);
    expect(authorizeUrlOnScreen(r.screen())).toBe(false);
    expect(await callbackClosed()).toBe(true);
    // The defensive bound: on a terminal shorter than the step, the frame is cut, never taller.
    await chooseMethod(r, 'Sign in with ChatGPT');
    await r.waitFor('Or paste the redirect URL');
    r.resize(COLS, 12);
    // Ink redraws once from a clean screen when the previous frame no longer fits; from then on
    // every frame fits, so no further clearing while the countdown ticks.
    await r.waitFor((s) => s.startsWith('clawdbot onboard · agent main'));
    const settled = r.output().length;
    await peakRssOver(r, 1500);
    expect(r.output().slice(settled)).not.toContain(CLEAR_SCREEN);
    expect(r.screen()).toMatch(/^clawdbot onboard · agent main\n\nStep \d of \d · Sign in with ChatGPT/);
    r.kill('SIGHUP');
    expect(await endsWithin(r, 5000)).toEqual({ exitCode: 129, signal: 0 });
    expect(existsSync(t.storePath)).toBe(false);
  }, 90_000);

  describe('every long wait ends', () => {
    const waits: Array<[string, (r: PtyRun) => Promise<unknown>]> = [
      ['sign-in', async (r) => {
        await toOpenAiMethods(r);
        await chooseMethod(r, 'Sign in with ChatGPT');
        await r.waitFor('Or paste the redirect URL');
      }],
      ['device code', async (r) => {
        await toOpenAiMethods(r);
        await chooseMethod(r, 'Device code');
        await r.waitFor(WAITING['Device code']);
      }],
      ['live check', async (r) => {
        await enterAnthropicApiKey(r, KEY);
        await r.waitFor('Checking the credential with the provider');
      }],
    ];
    const ends: Array<[string, (r: PtyRun) => void, number, string]> = [
      ['Ctrl-C', (r) => r.press('ctrl-c'), 130, 'Cancelled; nothing was written.'],
      ['SIGHUP', (r) => r.kill('SIGHUP'), 129, 'Cancelled; nothing was written.'],
      ['SIGTERM', (r) => r.kill('SIGTERM'), 143, 'Cancelled; nothing was written.'],
    ];
    for (const [wait, drive] of waits) {
      it(`${wait}: Esc goes back and stops it`, async () => {
        const r = start();
        await drive(r);
        r.press('escape');
        await r.waitFor(wait === 'live check' ? /Profile name|Order/ : 'How to sign in');
        if (wait === 'sign-in') expect(await pollUntil(() => callbackClosed(), 3000, 'callback closed')).toBe(true);
        r.press('ctrl-c');
        expect(await endsWithin(r, 5000)).toEqual({ exitCode: 130, signal: 0 });
      }, 30_000);
      for (const [name, end, code, line] of ends) {
        it(`${wait}: ${name} exits promptly, terminal restored, nothing written`, async () => {
          const r = start();
          await drive(r);
          end(r);
          expect(await endsWithin(r, 5000)).toEqual({ exitCode: code, signal: 0 });
          expect(r.screen()).toContain(line);
          expect(r.output().lastIndexOf('\x1b[?25h')).toBeGreaterThan(r.output().lastIndexOf('\x1b[?25l'));
          expect(existsSync(t.storePath)).toBe(false);
          expect(r.output()).not.toContain(CLEAR_SCREEN);
        }, 30_000);
      }
    }
  });
});

describe('sign-in over SSH at 80x24 (issue 20 item 11)', () => {
  const SSH = { SSH_CONNECTION: '203.0.113.7 50022 192.0.2.1 22', SSH_TTY: '/dev/pts/3' };

  it('a method whose hint is too long for 80 columns wraps it under its label, never back under the marker', async () => {
    const r = start({ cols: 80, rows: 24, env: SSH });
    await toOpenAiMethods(r);
    const rows = r.screen().split('\n');
    const first = rows.findIndex((l) => l.startsWith('❯ Sign in with ChatGPT'));
    const hints = rows.findIndex((l) => l.includes('Enter choose'));
    const list = rows.slice(first, hints).filter((l) => l.trim() !== '');
    expect(list.some((l) => l.length >= 78), 'a hint fills the row and wraps').toBe(true);
    expect(list.length, 'a row per method and its wrapped lines').toBeGreaterThan(5);
    for (const l of list) expect(l, list.join('\n')).toMatch(/^(❯ | {2})\S/);
    r.press('ctrl-c');
    expect(await endsWithin(r, 5000)).toEqual({ exitCode: 130, signal: 0 });
  }, 30_000);

  it('the whole URL is on screen, last; the tunnel command is one unbroken line naming this host; Esc takes the URL away', async () => {
    const r = start({ cols: 80, rows: 24, env: SSH });
    await toOpenAiMethods(r);
    await chooseMethod(r, 'Sign in with ChatGPT');
    const screen = await r.waitFor((s) => s.includes('originator=clawdbot') && /left\)/.test(s));
    expect(screen).not.toMatch(METHOD_LIST); // so waiting for the list below waits for Esc
    // Nothing scrolled off: the title is still the first row, the URL's end the last one.
    expect(screen.split('\n')[0]).toBe('clawdbot onboard · agent main');
    expect(screen.trimEnd().endsWith('originator=clawdbot')).toBe(true);
    const url = urlFromScreen(screen, '/oauth/authorize?', 80)!;
    expect(url.startsWith(`${auth.url}/oauth/authorize?`)).toBe(true);
    // The URL as copied from the screen is the one the wizard waits for: the provider accepts it.
    const location = await auth.authorize(url);
    expect(new URL(location).searchParams.get('code')).toBeTruthy();
    // Every row it wraps onto is a terminal hyperlink to the whole of it (clicked or "Copy link").
    const urlRows = screen.split('\n').filter((l) => url.includes(l) && l.length > 10).length;
    expect(urlRows).toBeGreaterThan(1);
    expect(r.output().split(`\x1b]8;;${url}`).length - 1).toBeGreaterThanOrEqual(urlRows);
    const rows = screen.split('\n');
    expect(rows).toContain(`  ssh -L ${port}:127.0.0.1:${port} ${os.hostname()}`);
    expect(screen).not.toMatch(/<(this-)?host>/);
    expect(r.output()).not.toContain(CLEAR_SCREEN);
    r.press('escape');
    await r.waitFor(METHOD_LIST);
    expect(authorizeUrlOnScreen(r.screen())).toBe(false);
    expect(r.screen()).not.toContain('ssh -L');
    r.press('ctrl-c');
    expect(await endsWithin(r, 5000)).toEqual({ exitCode: 130, signal: 0 });
  }, 30_000);

  it('FORCE_HYPERLINK=0: the URL is plain text, no hyperlink', async () => {
    const r = start({ cols: 80, rows: 24, env: { ...SSH, FORCE_HYPERLINK: '0' } });
    await toOpenAiMethods(r);
    await chooseMethod(r, 'Sign in with ChatGPT');
    const screen = await r.waitFor((s) => s.includes('originator=clawdbot') && /left\)/.test(s));
    expect(urlFromScreen(screen, '/oauth/authorize?', 80)!.startsWith(`${auth.url}/oauth/authorize?`)).toBe(true);
    expect(r.output()).not.toContain('\x1b]8;;');
    r.press('ctrl-c');
    expect(await endsWithin(r, 5000)).toEqual({ exitCode: 130, signal: 0 });
  }, 30_000);

  it('with the callback port taken, no tunnel to it is suggested: paste the redirect URL', async () => {
    const busy = net.createServer();
    await new Promise<void>((res) => busy.listen(port, '127.0.0.1', res));
    try {
      const r = start({ cols: 80, rows: 24, env: SSH });
      await toOpenAiMethods(r);
      await chooseMethod(r, 'Sign in with ChatGPT');
      const screen = await r.waitFor((s) => s.includes('originator=clawdbot') && /left\)/.test(s));
      expect(screen).toContain(`No automatic callback here (port ${port} is in use).`);
      expect(screen).toContain('paste the redirect URL here');
      expect(screen).not.toContain('ssh -L');
      expect(screen.split('\n')[0]).toBe('clawdbot onboard · agent main');
      r.press('ctrl-c');
      expect(await endsWithin(r, 5000)).toEqual({ exitCode: 130, signal: 0 });
    } finally {
      await new Promise((res) => busy.close(res));
    }
  }, 30_000);
});
