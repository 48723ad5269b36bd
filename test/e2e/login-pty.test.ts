// The sign-in commands on a real terminal (node-pty): setup-token runs `claude setup-token` when
// the binary is on PATH and then takes the pasted token hidden; login takes a pasted redirect on
// the terminal and Ctrl-C cancels with nothing written. Build first: `node scripts/build.mjs`.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawnCli, uiEnv, type PtyRun } from '../helpers/pty.js';
import { makeTempState, requireBuild, type TempState } from '../helpers/store-cli.js';
import { freePort, startFakeOpenAiAuth, type FakeOpenAiAuth } from '../helpers/fake-openai-auth.js';

let tmp: TempState;
let fake: FakeOpenAiAuth;
let port: number;
const runs: PtyRun[] = [];
const TOKEN = `sk-ant-oat01-${'Q7w'.repeat(30)}`;

beforeAll(() => requireBuild());
beforeEach(async () => {
  tmp = await makeTempState('cb-b-pty-');
  fake = await startFakeOpenAiAuth();
  port = await freePort();
});
afterEach(async () => {
  for (const r of runs.splice(0)) r.kill('SIGKILL');
  await fake.close();
  await tmp.cleanup();
});

function start(args: string[], extra: NodeJS.ProcessEnv = {}): PtyRun {
  const env = uiEnv({
    HOME: tmp.home,
    CLAWDBOT_STATE_DIR: tmp.stateDir,
    CLAWDBOT_OPENAI_OAUTH_BASE_URL: fake.url,
    CLAWDBOT_OAUTH_CALLBACK_PORT: String(port),
    ...extra,
  });
  delete env.SSH_CONNECTION;
  delete env.SSH_TTY;
  delete env.SSH_CLIENT;
  const r = spawnCli(args, { env, cols: 120, rows: 40 });
  runs.push(r);
  return r;
}

describe('setup-token on a terminal', () => {
  it('runs `claude setup-token` from PATH, then takes the pasted token hidden and saves it', async () => {
    const bin = path.join(tmp.root, 'bin');
    await mkdir(bin, { recursive: true });
    const claude = path.join(bin, 'claude');
    await writeFile(claude, `#!/bin/sh\necho "fake claude called with: $*"\necho "Your token: ${TOKEN}"\n`);
    await chmod(claude, 0o755);
    const r = start(['models', 'auth', 'setup-token', '--provider', 'anthropic'], { PATH: `${bin}:${process.env.PATH}` });
    await r.waitFor(/Run `claude setup-token` now to create a token\? \[Y\/n\]/);
    r.press('enter');
    await r.waitFor('fake claude called with: setup-token');
    await r.waitFor('Paste the Anthropic setup-token (input is hidden):');
    r.write(TOKEN);
    await r.waitFor((s) => s.includes('*'.repeat(20)));
    r.press('enter');
    expect((await r.exited).exitCode).toBe(0);
    const screen = r.screen();
    expect(screen).toMatch(/Saved anthropic:manual \(setup-token sk-ant-oat01-…/);
    // The token appears once (printed by claude itself), never echoed by our prompt.
    expect(screen.split(TOKEN).length - 1).toBe(1);
    const doc = JSON.parse(readFileSync(tmp.storePath, 'utf8'));
    expect(doc.profiles['anthropic:manual']).toEqual({ type: 'token', provider: 'anthropic', token: TOKEN, expires: expect.any(Number) });
  });

  it('without claude on PATH says where to get a token; a bad paste is one clear line and nothing is saved', async () => {
    const r = start(['models', 'auth', 'setup-token'], { PATH: path.dirname(process.execPath) });
    await r.waitFor('Run `claude setup-token` on any machine');
    await r.waitFor('(input is hidden):');
    r.write('sk-ant-oat01-tooshort');
    r.press('enter');
    expect((await r.exited).exitCode).toBe(1);
    expect(r.screen()).toMatch(/clawdbot: That setup-token looks too short/);
    expect(r.screen()).not.toContain('sk-ant-oat01-tooshort');
    expect(existsSync(tmp.storePath)).toBe(false);
  });
});

describe('login on a terminal', () => {
  function authorizeUrl(r: PtyRun): string | undefined {
    return new RegExp(`${fake.url.replace(/[.]/g, '\\.')}/oauth/authorize\\?[^\\s\\x1b]+`).exec(r.output())?.[0];
  }

  it('takes a pasted redirect URL typed into the terminal', async () => {
    const r = start(['models', 'auth', 'login', '--provider', 'openai-codex', '--no-browser']);
    await r.waitFor('and press Enter.');
    const url = authorizeUrl(r)!;
    expect(url).toBeTruthy();
    r.write(await fake.authorize(url));
    r.press('enter');
    expect((await r.exited).exitCode).toBe(0);
    expect(r.screen()).toMatch(/Signed in as ada@example\.com; saved openai-codex:ada@example\.com/);
    const doc = JSON.parse(readFileSync(tmp.storePath, 'utf8'));
    expect(doc.profiles['openai-codex:ada@example.com'].access).toBe(fake.issued[0]!.access_token);
  });

  it('Ctrl-C cancels: exit 130, one line, nothing written', async () => {
    const r = start(['models', 'auth', 'login', '--provider', 'openai-codex', '--no-browser']);
    await r.waitFor('and press Enter.');
    r.press('ctrl-c');
    expect((await r.exited).exitCode).toBe(130);
    expect(r.screen()).toContain('clawdbot: Cancelled; nothing was written.');
    expect(existsSync(tmp.storePath)).toBe(false);
  });
});
