// Claude Code and Codex CLI sign-in reuse, with real files in a temp HOME.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CLAUDE_CLI_PROFILE_ID,
  CODEX_CLI_PROFILE_ID,
  readClaudeCliCredential,
  readCodexCliCredential,
  syncExternalCliProfiles,
  writeBackExternalCli,
} from '../../src/auth/external-cli.js';
import { AgentStore } from '../../src/store/agent-store.js';
import { withFileLock } from '../../src/store/lock.js';
import { makeAccessJwt } from '../helpers/refresh-token-server.js';

let home: string;
let env: Record<string, string | undefined>;
const NOW = Date.now();
const H = 3_600_000;
const noKeychain = { keychain: false };

beforeEach(async () => {
  home = await fsp.mkdtemp(path.join(os.tmpdir(), 'engine-extcli-'));
  env = { HOME: home, CLAWDBOT_STATE_DIR: path.join(home, '.clawdbot') };
});
afterEach(async () => {
  await fsp.rm(home, { recursive: true, force: true });
});

async function writeClaude(text: string): Promise<string> {
  const p = path.join(home, '.claude', '.credentials.json');
  await fsp.mkdir(path.dirname(p), { recursive: true });
  await fsp.writeFile(p, text, { mode: 0o600 });
  return p;
}
async function writeCodex(text: string, dir = path.join(home, '.codex')): Promise<string> {
  const p = path.join(dir, 'auth.json');
  await fsp.mkdir(dir, { recursive: true });
  await fsp.writeFile(p, text, { mode: 0o600 });
  return p;
}
const claudeJson = (o: Record<string, unknown>) => JSON.stringify({ claudeAiOauth: o, mcpOAuth: { keep: 1 } }, null, 2);

describe('readClaudeCliCredential', () => {
  it('no file -> not found, one line naming the path', async () => {
    const r = await readClaudeCliCredential(env, noKeychain);
    expect(r).toEqual({ found: false, reason: 'no ~/.claude/.credentials.json' });
  });

  it('with a refresh token -> oauth', async () => {
    await writeClaude(claudeJson({ accessToken: 'sk-ant-oat01-aaa', refreshToken: 'sk-ant-ort01-bbb', expiresAt: NOW + H, scopes: ['user:inference'] }));
    const r = await readClaudeCliCredential(env, noKeychain);
    expect(r).toMatchObject({ found: true, path: '~/.claude/.credentials.json', expiresAt: NOW + H });
    if (!r.found) throw new Error('unreachable');
    expect(r.credential).toEqual({ type: 'oauth', provider: 'anthropic', access: 'sk-ant-oat01-aaa', refresh: 'sk-ant-ort01-bbb', expires: NOW + H });
  });

  it('without a refresh token -> token', async () => {
    await writeClaude(claudeJson({ accessToken: 'sk-ant-oat01-aaa', expiresAt: NOW + H }));
    const r = await readClaudeCliCredential(env, noKeychain);
    if (!r.found) throw new Error(r.reason);
    expect(r.credential).toEqual({ type: 'token', provider: 'anthropic', token: 'sk-ant-oat01-aaa', expires: NOW + H });
  });

  it('respects CLAUDE_CONFIG_DIR', async () => {
    const dir = path.join(home, 'elsewhere');
    await fsp.mkdir(dir);
    await fsp.writeFile(path.join(dir, '.credentials.json'), claudeJson({ accessToken: 'sk-ant-oat01-x' }));
    const r = await readClaudeCliCredential({ ...env, CLAUDE_CONFIG_DIR: dir }, noKeychain);
    expect(r.found).toBe(true);
  });

  it.each([
    ['{\n  "claudeAiOauth": {\n  "accessToken": x\n}', /^~\/\.claude\/\.credentials\.json is not valid JSON \(line 3, column \d+\)$/],
    ['', /^~\/\.claude\/\.credentials\.json: the file is empty$/],
    ['{"claudeAiOauth": {"accessToken": "sk-ant-oat01-', /is not valid JSON \(line 1, column \d+( \(end of file\))?\)$/],
    ['[1,2]', /is not a JSON object$/],
    ['{"other": 1}', /has no claudeAiOauth\.accessToken/],
  ])('malformed %j -> one clear line', async (text, re) => {
    await writeClaude(text);
    const r = await readClaudeCliCredential(env, noKeychain);
    expect(r.found).toBe(false);
    if (r.found) return;
    expect(r.reason).toMatch(re);
    expect(r.reason).not.toContain('\n');
  });
});

describe('readCodexCliCredential', () => {
  it('expiry from the access JWT exp, account id from tokens.account_id', async () => {
    const exp = Math.floor(NOW / 1000) + 7200;
    const access = makeAccessJwt(1, exp, 'acct-claim');
    await writeCodex(JSON.stringify({ tokens: { access_token: access, refresh_token: 'rt-1', account_id: 'acct-file', id_token: 'x' }, last_refresh: new Date(NOW).toISOString() }, null, 2));
    const r = await readCodexCliCredential(env, noKeychain);
    if (!r.found) throw new Error(r.reason);
    expect(r.credential).toEqual({ type: 'oauth', provider: 'openai-codex', access, refresh: 'rt-1', expires: exp * 1000, accountId: 'acct-file' });
    expect(r.path).toBe('~/.codex/auth.json');
  });

  it('decodes base64url JWT payloads (with - and _) and falls back to the claim for the account', async () => {
    // A payload whose base64url form contains "-" or "_" (atob would throw on it).
    let access = '';
    for (let i = 0; i < 500; i++) {
      access = makeAccessJwt(i, 2_000_000_000 + i, `acct-${'?'.repeat(i % 7)}>>`);
      if (/[-_]/.test(access.split('.')[1]!)) break;
    }
    expect(access.split('.')[1]).toMatch(/[-_]/);
    await writeCodex(JSON.stringify({ tokens: { access_token: access, refresh_token: 'rt' } }));
    const r = await readCodexCliCredential(env, noKeychain);
    if (!r.found) throw new Error(r.reason);
    expect(r.expiresAt).toBeGreaterThanOrEqual(2_000_000_000_000);
    expect((r.credential as { accountId?: string }).accountId).toMatch(/^acct-/);
  });

  it('respects CODEX_HOME; without a JWT exp uses last_refresh + 1h', async () => {
    const dir = path.join(home, 'codexhome');
    const last = NOW - 10 * 60_000;
    await writeCodex(JSON.stringify({ tokens: { access_token: 'opaque-token', refresh_token: 'rt' }, last_refresh: new Date(last).toISOString() }), dir);
    const r = await readCodexCliCredential({ ...env, CODEX_HOME: dir }, noKeychain);
    if (!r.found) throw new Error(r.reason);
    expect(r.expiresAt).toBe(last + H);
  });

  it.each([
    ['{"tokens": {"access_token": ', /^~\/\.codex\/auth\.json is not valid JSON/],
    ['{"OPENAI_API_KEY": "sk-proj-abc", "tokens": null}', /holds an OpenAI API key, not a ChatGPT sign-in/],
    ['{"tokens": {}}', /has no tokens\.access_token \(sign in with `codex login` first\)/],
  ])('malformed %j -> one clear line', async (text, re) => {
    await writeCodex(text);
    const r = await readCodexCliCredential(env, noKeychain);
    expect(r.found).toBe(false);
    if (!r.found) expect(r.reason).toMatch(re);
  });
});

describe('syncExternalCliProfiles', () => {
  const store = () => new AgentStore('main', env, () => {});

  it('imports both CLIs into the store under their profile ids', async () => {
    await writeClaude(claudeJson({ accessToken: 'sk-ant-oat01-aaa', refreshToken: 'sk-ant-ort01-bbb', expiresAt: NOW + H }));
    await writeCodex(JSON.stringify({ tokens: { access_token: makeAccessJwt(1, Math.floor(NOW / 1000) + 3600), refresh_token: 'rt-1' } }));
    const s = store();
    const notes = await syncExternalCliProfiles(s, env, NOW, noKeychain);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/^anthropic:claude-cli: imported from ~\/\.claude\/\.credentials\.json \(oauth, expires in/);
    const { store: doc } = await s.load();
    expect(doc.profiles[CLAUDE_CLI_PROFILE_ID]).toMatchObject({ type: 'oauth', refresh: 'sk-ant-ort01-bbb' });
    expect(doc.profiles[CODEX_CLI_PROFILE_ID]).toMatchObject({ type: 'oauth', refresh: 'rt-1' });
    expect((fs.statSync(s.storePath).mode & 0o777).toString(8)).toBe('600');
  });

  it('a second sync with nothing new writes nothing', async () => {
    await writeClaude(claudeJson({ accessToken: 'sk-ant-oat01-aaa', refreshToken: 'sk-ant-ort01-bbb', expiresAt: NOW + H }));
    const s = store();
    await syncExternalCliProfiles(s, env, NOW, noKeychain);
    const before = fs.statSync(s.storePath);
    const bytes = await fsp.readFile(s.storePath);
    expect(await syncExternalCliProfiles(s, env, NOW, noKeychain)).toEqual([]);
    expect(await fsp.readFile(s.storePath)).toEqual(bytes);
    expect(fs.statSync(s.storePath).ino).toBe(before.ino); // not even rewritten
  });

  it('never downgrades oauth to token', async () => {
    const s = store();
    await s.update((doc) => {
      doc.profiles[CLAUDE_CLI_PROFILE_ID] = { type: 'oauth', provider: 'anthropic', access: 'sk-ant-oat01-old', refresh: 'sk-ant-ort01-old', expires: NOW - H };
      return true;
    });
    await writeClaude(claudeJson({ accessToken: 'sk-ant-oat01-new', expiresAt: NOW + 5 * H }));
    expect(await syncExternalCliProfiles(s, env, NOW, noKeychain)).toEqual([]);
    expect((await s.load()).store.profiles[CLAUDE_CLI_PROFILE_ID]).toMatchObject({ type: 'oauth', access: 'sk-ant-oat01-old' });
  });

  it('only replaces when the CLI copy is newer; upgrades token to oauth', async () => {
    const s = store();
    await s.update((doc) => {
      doc.profiles[CLAUDE_CLI_PROFILE_ID] = { type: 'oauth', provider: 'anthropic', access: 'sk-ant-oat01-mine', refresh: 'sk-ant-ort01-mine', expires: NOW + 5 * H };
      doc.profiles[CODEX_CLI_PROFILE_ID] = { type: 'token', provider: 'openai-codex', token: 'tok', expires: NOW + 5 * H };
      return true;
    });
    await writeClaude(claudeJson({ accessToken: 'sk-ant-oat01-older', refreshToken: 'sk-ant-ort01-older', expiresAt: NOW + H }));
    await writeCodex(JSON.stringify({ tokens: { access_token: makeAccessJwt(1, Math.floor(NOW / 1000) + 600), refresh_token: 'rt-up' } }));
    const notes = await syncExternalCliProfiles(s, env, NOW, noKeychain);
    expect(notes).toEqual([expect.stringMatching(/^openai-codex:codex-cli: upgraded to oauth from ~\/\.codex\/auth\.json/)]);
    const { store: doc } = await s.load();
    expect(doc.profiles[CLAUDE_CLI_PROFILE_ID]).toMatchObject({ access: 'sk-ant-oat01-mine' });
    expect(doc.profiles[CODEX_CLI_PROFILE_ID]).toMatchObject({ type: 'oauth', refresh: 'rt-up' });
  });

  it('a malformed CLI file: a clear note and nothing written', async () => {
    await writeClaude('{\n  "claudeAiOauth": {\n  oops\n}');
    await writeCodex('not json at all');
    const s = store();
    const notes = await syncExternalCliProfiles(s, env, NOW, noKeychain);
    expect(notes).toEqual([
      expect.stringMatching(/^Claude Code sign-in not imported: ~\/\.claude\/\.credentials\.json is not valid JSON \(line 3, column \d+\)$/),
      expect.stringMatching(/^Codex CLI sign-in not imported: ~\/\.codex\/auth\.json is not valid JSON/),
    ]);
    expect(fs.existsSync(s.storePath)).toBe(false);
  });

  it("leaves a user's own api_key under the same id alone", async () => {
    const s = store();
    await s.update((doc) => {
      doc.profiles[CLAUDE_CLI_PROFILE_ID] = { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-mine' };
      return true;
    });
    await writeClaude(claudeJson({ accessToken: 'sk-ant-oat01-aaa', refreshToken: 'r', expiresAt: NOW + H }));
    expect(await syncExternalCliProfiles(s, env, NOW, noKeychain)).toEqual([]);
  });
});

describe('writeBackExternalCli', () => {
  it('merges refreshed tokens into claudeAiOauth, keeps other fields, mode 0600', async () => {
    const p = await writeClaude(claudeJson({ accessToken: 'a0', refreshToken: 'r0', expiresAt: 1, subscriptionType: 'max' }));
    await fsp.chmod(p, 0o644);
    const note = await writeBackExternalCli(CLAUDE_CLI_PROFILE_ID, 'r0', { access: 'a1', refresh: 'r1', expires: 42 }, env, NOW);
    expect(note).toMatch(/~\/\.claude\/\.credentials\.json/);
    const doc = JSON.parse(await fsp.readFile(p, 'utf8'));
    expect(doc).toEqual({ claudeAiOauth: { accessToken: 'a1', refreshToken: 'r1', expiresAt: 42, subscriptionType: 'max' }, mcpOAuth: { keep: 1 } });
    expect(fs.statSync(p).mode & 0o777).toBe(0o600);
  });

  it('does not touch the file when the CLI has already moved on to another refresh token', async () => {
    const p = await writeClaude(claudeJson({ accessToken: 'a5', refreshToken: 'r5', expiresAt: 1 }));
    const before = await fsp.readFile(p);
    expect(await writeBackExternalCli(CLAUDE_CLI_PROFILE_ID, 'r0', { access: 'a1', refresh: 'r1', expires: 42 }, env, NOW)).toBeUndefined();
    expect(await fsp.readFile(p)).toEqual(before);
  });

  it('codex: merges into tokens and stamps last_refresh', async () => {
    const p = await writeCodex(JSON.stringify({ auth_mode: 'chatgpt', tokens: { access_token: 'a0', refresh_token: 'r0', account_id: 'acct' }, last_refresh: 'old' }, null, 2));
    await writeBackExternalCli(CODEX_CLI_PROFILE_ID, 'r0', { access: 'a1', refresh: 'r1', expires: 42, idToken: 'id1' }, env, NOW);
    const doc = JSON.parse(await fsp.readFile(p, 'utf8'));
    expect(doc).toEqual({ auth_mode: 'chatgpt', tokens: { access_token: 'a1', refresh_token: 'r1', account_id: 'acct', id_token: 'id1' }, last_refresh: new Date(NOW).toISOString() });
  });

  it('codex: a symlinked auth.json is written through under a lock next to the real file; the link stays a link', async () => {
    const real = path.join(home, 'dotfiles', 'codex-auth.json');
    await fsp.mkdir(path.dirname(real), { recursive: true });
    await fsp.writeFile(real, JSON.stringify({ tokens: { access_token: 'a0', refresh_token: 'r0' } }));
    const link = await writeCodex('{}');
    await fsp.rm(link);
    await fsp.symlink(real, link);
    // Holding the lock on the real file keeps the write-back (through the link) waiting.
    let finished = false;
    let writing: Promise<string | undefined> | undefined;
    await withFileLock(real, async () => {
      writing = writeBackExternalCli(CODEX_CLI_PROFILE_ID, 'r0', { access: 'a1', refresh: 'r1', expires: 42 }, env, NOW).finally(() => (finished = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(finished).toBe(false);
    });
    expect(await writing).toBeDefined();
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(await fsp.readFile(real, 'utf8')).tokens.refresh_token).toBe('r1');
    expect(fs.readdirSync(path.dirname(real))).toEqual(['codex-auth.json']);
    expect(fs.readdirSync(path.dirname(link))).toEqual([path.basename(link)]);
  });
});

describe('macOS Keychain (a fake `security` on PATH)', () => {
  async function fakeSecurity(body: string): Promise<{ env: Record<string, string | undefined>; log: string }> {
    const bin = path.join(home, 'bin');
    await fsp.mkdir(bin, { recursive: true });
    const log = path.join(home, 'security.log');
    await fsp.writeFile(path.join(bin, 'security'), `#!/bin/sh\necho "$@" >> '${log}'\n${body}\n`, { mode: 0o755 });
    return { env: { ...env, PATH: `${bin}:${process.env.PATH}` }, log };
  }

  it('darwin: the Keychain item wins over the file', async () => {
    await writeClaude(claudeJson({ accessToken: 'sk-ant-oat01-from-file', refreshToken: 'r-file', expiresAt: NOW + H }));
    const item = JSON.stringify({ claudeAiOauth: { accessToken: 'sk-ant-oat01-from-keychain', refreshToken: 'r-kc', expiresAt: NOW + 2 * H } });
    const { env: e, log } = await fakeSecurity(`[ "$3" = "Claude Code-credentials" ] && echo '${item}' && exit 0\nexit 44`);
    const r = await readClaudeCliCredential(e, { platform: 'darwin' });
    if (!r.found) throw new Error(r.reason);
    expect(r.credential).toMatchObject({ type: 'oauth', access: 'sk-ant-oat01-from-keychain' });
    expect(r.path).toBe('Keychain item "Claude Code-credentials"');
    expect(await fsp.readFile(log, 'utf8')).toContain('find-generic-password -s Claude Code-credentials -w');
  });

  it('darwin: Codex item looked up with the cli|sha256(CODEX_HOME) account', async () => {
    const item = JSON.stringify({ tokens: { access_token: makeAccessJwt(1, 2_000_000_000), refresh_token: 'rt-kc' } });
    const { env: e, log } = await fakeSecurity(`[ "$3" = "Codex Auth" ] && echo '${item}' && exit 0\nexit 44`);
    const r = await readCodexCliCredential(e, { platform: 'darwin' });
    if (!r.found) throw new Error(r.reason);
    expect(r.credential).toMatchObject({ refresh: 'rt-kc' });
    expect(await fsp.readFile(log, 'utf8')).toMatch(/-s Codex Auth -a cli\|[0-9a-f]{16} -w/);
  });

  it('darwin: a missing item or a hung `security` falls back to the file within the timeout', async () => {
    await writeClaude(claudeJson({ accessToken: 'sk-ant-oat01-from-file', refreshToken: 'r-file', expiresAt: NOW + H }));
    const { env: e } = await fakeSecurity('sleep 20');
    const started = Date.now();
    const r = await readClaudeCliCredential(e, { platform: 'darwin', keychainTimeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5000);
    if (!r.found) throw new Error(r.reason);
    expect(r.credential).toMatchObject({ access: 'sk-ant-oat01-from-file' });
  });

  it('linux and keychain:false never run `security`', async () => {
    const { env: e, log } = await fakeSecurity('exit 0');
    await readClaudeCliCredential(e, { platform: 'linux' });
    await readClaudeCliCredential(e, { platform: 'darwin', keychain: false });
    expect(fs.existsSync(log)).toBe(false);
  });
});
