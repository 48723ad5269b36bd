// doctor on real fixture trees, run as the built CLI (dist/cli.js) in a child process: every
// store-level finding and repair, and --repair never losing a byte of a corrupt file.
// Build first: `node scripts/build.mjs`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, lockRecords, makeTempState, readJson, requireBuild, runCli, type TempState } from '../helpers/store-cli.js';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'doctor', 'clawdbot-format');

interface JsonFinding {
  id: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  fix?: string;
  fixed?: boolean;
  subject?: string;
}
interface DoctorJson {
  ok: boolean;
  findings: JsonFinding[];
}

let t: TempState;
beforeAll(() => requireBuild());
afterEach(async () => {
  await t?.cleanup();
});

/** Copy the fixture tree into the temp state dir with private modes. */
async function installFixture(state: TempState): Promise<void> {
  await fsp.cp(FIXTURE, state.stateDir, { recursive: true });
  const walk = async (dir: string) => {
    await fsp.chmod(dir, 0o700);
    for (const e of await fsp.readdir(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else await fsp.chmod(p, 0o600);
    }
  };
  await walk(state.stateDir);
}

async function doctor(args: string[] = []): Promise<{ code: number | null; json: DoctorJson; stderr: string }> {
  const r = await runCli(['doctor', '--json', ...args], { env: t.env });
  let json: DoctorJson;
  try {
    json = JSON.parse(r.stdout) as DoctorJson;
  } catch {
    throw new Error(`doctor printed no JSON (exit ${r.code}): ${r.stdout} ${r.stderr}`);
  }
  return { code: r.code, json, stderr: r.stderr };
}

const problems = (j: DoctorJson) => j.findings.filter((f) => f.severity !== 'info' && f.fixed !== true);
const byId = (j: DoctorJson, id: string) => j.findings.filter((f) => f.id === id);
const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe('doctor on a store written in Clawdbot format', () => {
  it('is healthy, exits 0, and changes nothing on disk (unknown fields and types kept)', async () => {
    t = await makeTempState('cb-e-doc-');
    await installFixture(t);
    const before = await fsp.readFile(t.storePath);
    const cfgBefore = await fsp.readFile(t.configPath);
    const { code, json } = await doctor();
    expect(problems(json)).toEqual([]);
    expect(json.ok).toBe(true);
    // The credential type from a newer program is kept and mentioned, not an error.
    expect(byId(json, 'credential.unsupported').map((f) => f.subject)).toEqual(['future:thing']);
    expect(code).toBe(0);
    expect((await fsp.readFile(t.storePath)).equals(before)).toBe(true);
    expect((await fsp.readFile(t.configPath)).equals(cfgBefore)).toBe(true);
  });

  it('text output never shows a secret from the store', async () => {
    t = await makeTempState('cb-e-doc-');
    await installFixture(t);
    await fsp.chmod(t.storePath, 0o644);
    const r = await runCli(['doctor'], { env: t.env });
    const out = r.stdout + r.stderr;
    expect(out).toContain('Doctor: agent main');
    for (const secret of ['FIXTUREfixtureFIXTURE', 'FIXTUREtokenFIXTURE', 'CCCCCCCCCCCC', 'DDDDDDDDDDDD']) {
      expect(out).not.toContain(secret);
    }
  });

  it('a repair that rewrites the store keeps every other byte of meaning (extras, order, lastGood, usageStats)', async () => {
    t = await makeTempState('cb-e-doc-');
    await installFixture(t);
    const doc = await readJson(t.storePath);
    doc.order.anthropic.push('anthropic:deleted-long-ago');
    await fsp.writeFile(t.storePath, JSON.stringify(doc, null, 2) + '\n', { mode: 0o600 });
    const check = await doctor();
    expect(check.code).toBe(1);
    const f = byId(check.json, 'order.missing-profile');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('anthropic:deleted-long-ago');
    expect(f[0]!.fix).toContain('clawdbot models auth order set --provider anthropic anthropic:manual anthropic:default');

    const fixed = await doctor(['--repair']);
    expect(fixed.code).toBe(0);
    expect(byId(fixed.json, 'order.missing-profile')[0]!.fixed).toBe(true);
    expect(byId(fixed.json, 'order.missing-profile')[0]!.message).toMatch(/; dropped it from the order$/);
    const after = await readJson(t.storePath);
    const original = await readJson(path.join(FIXTURE, 'agents/main/agent/auth-profiles.json'));
    expect(after).toEqual(original);
  });
});

describe('permissions', () => {
  it('reports files and dirs others can read; --repair makes them 0600/0700', async () => {
    t = await makeTempState('cb-e-doc-');
    await installFixture(t);
    await fsp.chmod(t.agentDir, 0o755);
    await fsp.chmod(t.configPath, 0o644);
    await fsp.writeFile(path.join(t.stateDir, '.env'), 'ANTHROPIC_API_KEY=sk-ant-api03-envenvenvenvenvenvenvenv-EEEE\n', { mode: 0o640 });
    await fsp.chmod(path.join(t.stateDir, '.env'), 0o640);

    const check = await doctor();
    expect(check.code).toBe(1);
    const perms = check.json.findings.filter((f) => f.id.startsWith('permissions.'));
    expect(perms.map((f) => f.subject).sort()).toEqual([t.agentDir, path.join(t.stateDir, '.env'), t.configPath].sort());
    expect(perms.every((f) => f.severity === 'warning' && !f.fixed && f.fix?.includes('chmod'))).toBe(true);
    expect(perms.find((f) => f.subject === t.configPath)!.message).toContain('0644');
    // Without --repair nothing is changed.
    expect(mode(t.agentDir)).toBe(0o755);
    expect(mode(t.configPath)).toBe(0o644);

    const fixed = await doctor(['--repair']);
    expect(fixed.code).toBe(0);
    expect(mode(t.agentDir)).toBe(0o700);
    expect(mode(t.configPath)).toBe(0o600);
    expect(mode(path.join(t.stateDir, '.env'))).toBe(0o600);
    expect(fixed.json.findings.filter((f) => f.id.startsWith('permissions.')).every((f) => f.fixed === true)).toBe(true);

    const again = await doctor();
    expect(again.code).toBe(0);
    expect(again.json.findings.filter((f) => f.id.startsWith('permissions.'))).toEqual([]);
  });
});

describe('the home directory', () => {
  it('is never tightened, even when the agent dir is set to it', async () => {
    t = await makeTempState('cb-e-doc-');
    await fsp.chmod(t.home, 0o755);
    await fsp.mkdir(t.stateDir, { recursive: true, mode: 0o700 });
    const r = await runCli(['doctor', '--repair', '--json'], { env: { ...t.env, CLAWDBOT_AGENT_DIR: t.home } });
    expect(JSON.parse(r.stdout).findings.filter((f: JsonFinding) => f.subject === t.home)).toEqual([]);
    expect(mode(t.home)).toBe(0o755);
  });
});

describe('orphaned temp files', () => {
  it('reports temp files from a crashed writer and --repair removes them (young ones are left alone)', async () => {
    t = await makeTempState('cb-e-doc-');
    await installFixture(t);
    const old = `${t.configPath}.123456789`;
    const young = `${t.configPath}.987654321`;
    await fsp.writeFile(old, '{"half":', { mode: 0o600 });
    const hourAgo = new Date(Date.now() - 3_600_000);
    await fsp.utimes(old, hourAgo, hourAgo);
    await fsp.writeFile(young, '{"half":', { mode: 0o600 });

    const check = await doctor();
    expect(check.code).toBe(1);
    const f = byId(check.json, 'store.temp-files');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('1 orphaned temp file');
    expect(fs.existsSync(old)).toBe(true);

    const fixed = await doctor(['--repair']);
    expect(fixed.code).toBe(0);
    expect(byId(fixed.json, 'store.temp-files')[0]!.fixed).toBe(true);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(young)).toBe(true);
  });
});

describe('temp files next to the store', () => {
  it('are swept by the load every command does; doctor reports them as removed', async () => {
    t = await makeTempState('cb-e-doc-');
    await installFixture(t);
    const orphan = `${t.storePath}.4242424242`;
    await fsp.writeFile(orphan, '{"version":1,"profiles":{"x":', { mode: 0o600 });
    const hourAgo = new Date(Date.now() - 3_600_000);
    await fsp.utimes(orphan, hourAgo, hourAgo);
    const r = await doctor();
    const f = byId(r.json, 'store.temp-files')[0]!;
    expect(f.fixed).toBe(true);
    expect(f.message).toMatch(/^removed: /);
    expect(fs.existsSync(orphan)).toBe(false);
    expect(r.code).toBe(0);
  });
});

describe('locks', () => {
  it('a garbage lock file (no owner record) older than the grace time is stale and removed by --repair', async () => {
    t = await makeTempState('cb-e-doc-');
    await installFixture(t);
    const lock = `${t.configPath}.lock`;
    await fsp.writeFile(lock, '', { mode: 0o600 });
    const old = new Date(Date.now() - 60_000);
    await fsp.utimes(lock, old, old);
    const check = await doctor();
    expect(byId(check.json, 'lock.stale')[0]!.message).toContain('invalid lock file');
    expect(check.code).toBe(1);
    expect((await doctor(['--repair'])).code).toBe(0);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('reports a lock left by a dead process and --repair removes it', async () => {
    t = await makeTempState('cb-e-doc-');
    await installFixture(t);
    const lock = `${t.storePath}.lock`;
    // A pid that cannot be alive on this host.
    await fsp.writeFile(lock, JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), nonce: 'x', acquiredAt: Date.now() }), { mode: 0o600 });

    const check = await doctor();
    expect(check.code).toBe(1);
    const f = byId(check.json, 'lock.stale');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toMatch(/holder pid \d+ is gone/);
    expect(fs.existsSync(lock)).toBe(true);

    const fixed = await doctor(['--repair']);
    expect(fixed.code).toBe(0);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('a lock held by a live process is only noted, never removed', async () => {
    t = await makeTempState('cb-e-doc-');
    await installFixture(t);
    const lock = `${t.storePath}.lock`;
    await fsp.writeFile(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), nonce: 'live', acquiredAt: Date.now() }), { mode: 0o600 });
    const { code, json } = await doctor(['--repair']);
    expect(byId(json, 'lock.held')).toHaveLength(1);
    expect(byId(json, 'lock.stale')).toHaveLength(0);
    expect(fs.existsSync(lock)).toBe(true);
    expect(code).toBe(0);
  });

  it('a proper-lockfile directory (the gateway\'s): held while fresh, stale after 30 s and then removed by --repair', async () => {
    t = await makeTempState('cb-e-doc-');
    await installFixture(t);
    const lock = `${t.storePath}.lock`;
    await fsp.mkdir(lock);
    const held = await doctor(['--repair']);
    expect(byId(held.json, 'lock.held')[0]!.message).toMatch(/another program's lock directory, e\.g\. the Clawdbot gateway's/);
    expect(fs.statSync(lock).isDirectory()).toBe(true);
    const old = new Date(Date.now() - 31_000);
    await fsp.utimes(lock, old, old);
    const check = await doctor();
    expect(byId(check.json, 'lock.stale')[0]!.message).toMatch(/not refreshed for \d+ s \(stale after 30 s\)/);
    expect((await doctor(['--repair'])).code).toBe(0);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('a lock directory of ours whose holder was killed: stale at once (pid gone); --repair removes it and its holder record', async () => {
    t = await makeTempState('cb-e-doc-');
    await installFixture(t);
    const lock = `${t.storePath}.lock`;
    const holder = spawn(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(path.join(ROOT, 'dist', 'index.js'))}); await m.withFileLock(${JSON.stringify(t.storePath)}, async () => { console.log('locked'); await new Promise(() => {}); });`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve()));
    holder.kill('SIGKILL');
    await new Promise((r) => holder.on('exit', r));
    expect(fs.statSync(lock).isDirectory()).toBe(true);
    const check = await doctor();
    expect(byId(check.json, 'lock.stale')[0]!.message).toMatch(new RegExp(`holder pid ${holder.pid} is gone`));
    expect((await doctor(['--repair'])).code).toBe(0);
    expect(fs.existsSync(lock)).toBe(false);
    expect(lockRecords(lock)).toEqual([]);
  });

  it('an OpenClaw-style lock file of a live process is only noted, never removed', async () => {
    t = await makeTempState('cb-e-doc-');
    await installFixture(t);
    const lock = `${t.storePath}.lock`;
    await fsp.writeFile(lock, JSON.stringify({ pid: process.pid, createdAt: new Date().toISOString() }), { mode: 0o600 });
    const { json } = await doctor(['--repair']);
    expect(byId(json, 'lock.held')[0]!.message).toContain(`pid ${process.pid} through another program's lock file`);
    expect(fs.existsSync(lock)).toBe(true);
  });
});

const CORRUPT_CASES: Array<{ name: string; bytes: Buffer; reason: RegExp }> = [
  { name: 'empty', bytes: Buffer.alloc(0), reason: /the file is empty/ },
  { name: 'whitespace', bytes: Buffer.from('  \n\t\n'), reason: /only whitespace/ },
  { name: 'truncated', bytes: Buffer.from('{"version":1,"profiles":{"anthropic:default":{"type":"api_key","provider":"anthr'), reason: /not valid JSON.*\(at line 1, column \d+/ },
  { name: 'bom', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"version":1,"profiles":{}}')]), reason: /byte-order mark/ },
  { name: 'bad utf-8', bytes: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), reason: /not valid UTF-8 \(at byte 2\)/ },
  { name: 'wrong shape', bytes: Buffer.from('{"version":1,"profiles":{"anthropic:default":{"type":"api_key","provider":"anthropic","key":42}}}'), reason: /wrong shape.*profiles\["anthropic:default"\]\.key/ },
];

describe('corrupt store', () => {
  for (const c of CORRUPT_CASES) {
    it(`${c.name}: reported with the exact problem and left untouched; --repair keeps every byte in a 0600 copy`, async () => {
      t = await makeTempState('cb-e-doc-');
      await installFixture(t);
      await fsp.writeFile(t.storePath, c.bytes, { mode: 0o600 });

      const check = await doctor();
      expect(check.code).toBe(1);
      const f = byId(check.json, 'store.corrupt');
      expect(f).toHaveLength(1);
      expect(f[0]!.severity).toBe('error');
      expect(f[0]!.message).toContain(t.storePath);
      expect(f[0]!.message).toMatch(c.reason);
      expect(f[0]!.fix).toContain('clawdbot doctor --repair');
      expect((await fsp.readFile(t.storePath)).equals(c.bytes)).toBe(true);

      const fixed = await doctor(['--repair']);
      const g = byId(fixed.json, 'store.corrupt')[0]!;
      expect(g.fixed).toBe(true);
      const copies = (await fsp.readdir(t.agentDir)).filter((n) => /^auth-profiles\.json\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z/.test(n));
      expect(copies).toHaveLength(1);
      const copy = path.join(t.agentDir, copies[0]!);
      expect(g.message).toContain(copy);
      expect((await fsp.readFile(copy)).equals(c.bytes)).toBe(true);
      expect(mode(copy)).toBe(0o600);
      // A new, valid, empty store in its place; commands work again.
      expect(await readJson(t.storePath)).toEqual({ version: 1, profiles: {} });
      expect(mode(t.storePath)).toBe(0o600);
      const list = await runCli(['models', 'auth', 'order', 'get', '--provider', 'anthropic', '--json'], { env: t.env });
      expect(list.code).toBe(0);

      // A second repair does not touch the preserved copy.
      await doctor(['--repair']);
      expect((await fsp.readFile(copy)).equals(c.bytes)).toBe(true);
    });
  }
});

describe('a store written by a newer version', () => {
  it('is reported with "upgrade", and --repair leaves it exactly as it is', async () => {
    t = await makeTempState('cb-e-doc-');
    await installFixture(t);
    const bytes = Buffer.from('{"version":7,"profiles":{"anthropic:x":{"type":"passkey","provider":"anthropic"}}}\n');
    await fsp.writeFile(t.storePath, bytes, { mode: 0o600 });
    for (const args of [[], ['--repair', '--yes']]) {
      const r = await doctor(args);
      expect(r.code).toBe(1);
      const f = byId(r.json, 'store.corrupt')[0]!;
      expect(f.message).toMatch(/newer program \(version 7/);
      expect(f.fix).toMatch(/^upgrade clawdbot/);
      expect(f.fixed).toBeUndefined();
      expect((await fsp.readFile(t.storePath)).equals(bytes)).toBe(true);
      expect((await fsp.readdir(t.agentDir)).filter((n) => n.includes('.corrupt-'))).toEqual([]);
    }
  });
});

describe('a store or config path that is not a file', () => {
  it('is one clear error each, never a crash, and --repair touches nothing there', async () => {
    t = await makeTempState('cb-e-doc-');
    await installFixture(t);
    await fsp.rm(t.storePath);
    await fsp.mkdir(t.storePath);
    await fsp.rm(t.configPath);
    await fsp.mkdir(t.configPath);
    for (const args of [[], ['--repair']]) {
      const r = await doctor(args);
      expect(r.code).toBe(1);
      expect(r.stderr).not.toContain('unexpected error');
      expect(byId(r.json, 'store.unreadable')[0]!.message).toMatch(/auth-profiles\.json cannot be read: (EISDIR|this is a directory)/);
      expect(byId(r.json, 'config.unreadable')[0]!.message).toMatch(/clawdbot\.json cannot be read: (EISDIR|this is a directory)/);
      expect(fs.statSync(t.storePath).isDirectory()).toBe(true);
    }
  });
});

describe('corrupt config', () => {
  it('is reported; --repair keeps a copy and restores clawdbot.json.bak when it is valid', async () => {
    t = await makeTempState('cb-e-doc-');
    await installFixture(t);
    const good = await fsp.readFile(t.configPath);
    await fsp.writeFile(`${t.configPath}.bak`, good, { mode: 0o600 });
    const bad = Buffer.from('{ auth: { profiles: { "anthropic:manual": { provider: "anthropic", mode: "token" } }\n');
    await fsp.writeFile(t.configPath, bad, { mode: 0o600 });

    const check = await doctor();
    expect(check.code).toBe(1);
    const f = byId(check.json, 'config.corrupt')[0]!;
    expect(f.message).toContain(t.configPath);
    expect(f.message).toMatch(/not valid JSON5/);
    expect((await fsp.readFile(t.configPath)).equals(bad)).toBe(true);

    const fixed = await doctor(['--repair']);
    expect(byId(fixed.json, 'config.corrupt')[0]!.fixed).toBe(true);
    const copies = (await fsp.readdir(t.stateDir)).filter((n) => n.startsWith('clawdbot.json.corrupt-'));
    expect(copies).toHaveLength(1);
    expect((await fsp.readFile(path.join(t.stateDir, copies[0]!))).equals(bad)).toBe(true);
    expect((await fsp.readFile(t.configPath)).equals(good)).toBe(true);
  });
});

describe('corrupt config without a usable backup', () => {
  it('--repair keeps the bytes in a copy and removes the config (defaults apply)', async () => {
    t = await makeTempState('cb-e-doc-');
    await installFixture(t);
    const bad = Buffer.from('{ auth: { order: { anthropic: "anthropic:manual" } } }');
    await fsp.writeFile(t.configPath, bad, { mode: 0o600 });
    const check = await doctor();
    expect(byId(check.json, 'config.corrupt')[0]!.message).toContain('expected a list of profile ids (at auth.order["anthropic"])');
    const fixed = await doctor(['--repair']);
    const f = byId(fixed.json, 'config.corrupt')[0]!;
    expect(f.fixed).toBe(true);
    expect(f.message).toContain('removed it (defaults apply)');
    expect(fs.existsSync(t.configPath)).toBe(false);
    const copies = (await fsp.readdir(t.stateDir)).filter((n) => n.startsWith('clawdbot.json.corrupt-'));
    expect((await fsp.readFile(path.join(t.stateDir, copies[0]!))).equals(bad)).toBe(true);
  });
});

describe('config migrations, references and modes', () => {
  it('lastGood naming a removed profile is noted and --repair clears it', async () => {
    t = await makeTempState('cb-e-doc-');
    await installFixture(t);
    const doc = await readJson(t.storePath);
    doc.lastGood.anthropic = 'anthropic:removed';
    await fsp.writeFile(t.storePath, JSON.stringify(doc, null, 2), { mode: 0o600 });
    const check = await doctor();
    const f = byId(check.json, 'store.last-good-missing')[0]!;
    expect(f.severity).toBe('info');
    expect(f.message).toContain('anthropic:removed');
    expect(check.code).toBe(0);
    await doctor(['--repair']);
    const after = await readJson(t.storePath);
    expect(after.lastGood).toEqual({});
    expect(after.gatewayExtra).toEqual({ writtenBy: 'clawdbot 2026.1.27' });
  });

  it('a pending config migration is reported; --repair persists it and keeps a .bak', async () => {
    t = await makeTempState('cb-e-doc-');
    await installFixture(t);
    const cfgText = (await fsp.readFile(t.configPath, 'utf8')).replace(
      '"openai-codex:default": { provider: "openai-codex", mode: "oauth" },',
      '"openai-codex:default": { provider: "openai-codex", mode: "oauth" },\n      "anthropic:claude-cli": { provider: "anthropic", mode: "token" },',
    );
    await fsp.writeFile(t.configPath, cfgText, { mode: 0o600 });
    // The profile exists in the store, so only the migration is reported.
    const doc = await readJson(t.storePath);
    doc.profiles['anthropic:claude-cli'] = { type: 'token', provider: 'anthropic', token: 'sk-ant-oat01-' + 'x'.repeat(80) };
    await fsp.writeFile(t.storePath, JSON.stringify(doc, null, 2), { mode: 0o600 });

    const check = await doctor();
    expect(check.code).toBe(1);
    const f = byId(check.json, 'config.migration');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('anthropic:claude-cli');
    expect(await fsp.readFile(t.configPath, 'utf8')).toBe(cfgText);

    const fixed = await doctor(['--repair']);
    expect(fixed.code).toBe(0);
    const cfg = await readJson(t.configPath);
    expect(cfg.auth.profiles['anthropic:claude-cli'].mode).toBe('oauth');
    expect(cfg.auth.cooldowns).toEqual({ billingBackoffHours: 5 });
    expect(await fsp.readFile(`${t.configPath}.bak`, 'utf8')).toBe(cfgText);
  });

  it('config order naming a profile that does not exist: --repair drops it', async () => {
    t = await makeTempState('cb-e-doc-');
    await installFixture(t);
    const cfgText = (await fsp.readFile(t.configPath, 'utf8')).replace(
      'order: { anthropic: ["anthropic:manual", "anthropic:default"] }',
      'order: { anthropic: ["anthropic:manual", "anthropic:ghost", "anthropic:default"] }',
    );
    await fsp.writeFile(t.configPath, cfgText, { mode: 0o600 });
    const check = await doctor();
    expect(check.code).toBe(1);
    expect(byId(check.json, 'config.order-missing-profile')[0]!.message).toContain('anthropic:ghost');
    const fixed = await doctor(['--repair']);
    expect(fixed.code).toBe(0);
    expect((await readJson(t.configPath)).auth.order.anthropic).toEqual(['anthropic:manual', 'anthropic:default']);
  });

  it('config declares a profile with no stored credential: the fix is the sign-in command, and repair cannot fix it', async () => {
    t = await makeTempState('cb-e-doc-');
    await installFixture(t);
    const doc = await readJson(t.storePath);
    delete doc.profiles['openai-codex:default'];
    await fsp.writeFile(t.storePath, JSON.stringify(doc, null, 2), { mode: 0o600 });
    for (const args of [[], ['--repair']]) {
      const r = await doctor(args);
      expect(r.code).toBe(1);
      const f = byId(r.json, 'config.profile-missing');
      expect(f).toHaveLength(1);
      expect(f[0]!.fix).toBe('clawdbot models auth login --provider openai-codex --profile-id openai-codex:default');
      expect(f[0]!.fixed).toBeUndefined();
    }
    const text = await runCli(['doctor'], { env: t.env });
    expect(text.code).toBe(1);
    // One line per finding, with its fix on the same line.
    expect(text.stdout).toMatch(/^warning .*declares profile openai-codex:default.* \(fix: clawdbot models auth login --provider openai-codex --profile-id openai-codex:default\)$/m);
  });

  it('config mode that does not match the stored credential: --repair aligns the config', async () => {
    t = await makeTempState('cb-e-doc-');
    await installFixture(t);
    const cfgText = (await fsp.readFile(t.configPath, 'utf8')).replace(
      '"anthropic:default": { provider: "anthropic", mode: "api_key"',
      '"anthropic:default": { provider: "anthropic", mode: "oauth"',
    );
    await fsp.writeFile(t.configPath, cfgText, { mode: 0o600 });
    const check = await doctor();
    expect(check.code).toBe(1);
    const f = byId(check.json, 'config.mode-mismatch')[0]!;
    expect(f.message).toContain('mode "oauth" but the stored credential is "api_key"');
    const fixed = await doctor(['--repair']);
    expect(fixed.code).toBe(0);
    expect((await readJson(t.configPath)).auth.profiles['anthropic:default']).toEqual({
      provider: 'anthropic',
      mode: 'api_key',
      email: 'ops@example.com',
    });
  });

  it('a token under a config mode of oauth is compatible (no finding)', async () => {
    t = await makeTempState('cb-e-doc-');
    await installFixture(t);
    const cfgText = (await fsp.readFile(t.configPath, 'utf8')).replace(
      '"anthropic:manual": { provider: "anthropic", mode: "token" }',
      '"anthropic:manual": { provider: "anthropic", mode: "oauth" }',
    );
    await fsp.writeFile(t.configPath, cfgText, { mode: 0o600 });
    const r = await doctor();
    expect(byId(r.json, 'config.mode-mismatch')).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe('legacy imports', () => {
  it('imports <agentDir>/auth.json when no store exists, and keeps the legacy file', async () => {
    t = await makeTempState('cb-e-doc-');
    await fsp.mkdir(t.agentDir, { recursive: true, mode: 0o700 });
    const legacy = path.join(t.agentDir, 'auth.json');
    const legacyText = JSON.stringify({ openrouter: { type: 'api_key', key: 'sk-or-v1-' + 'a'.repeat(40) } });
    await fsp.writeFile(legacy, legacyText, { mode: 0o600 });
    await fsp.chmod(t.stateDir, 0o700);
    await fsp.writeFile(t.configPath, JSON.stringify({ agents: { defaults: { model: { primary: 'openrouter/some-model' } } } }), { mode: 0o600 });
    const r = await doctor();
    const f = byId(r.json, 'legacy.imported');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('openrouter:default');
    expect((await readJson(t.storePath)).profiles['openrouter:default'].type).toBe('api_key');
    expect(await fsp.readFile(legacy, 'utf8')).toBe(legacyText);
    expect(r.code).toBe(0);
  });

  it('a legacy file that is not JSON is reported instead of silently skipped', async () => {
    t = await makeTempState('cb-e-doc-');
    const legacy = path.join(t.stateDir, 'credentials', 'oauth.json');
    await fsp.mkdir(path.dirname(legacy), { recursive: true, mode: 0o700 });
    await fsp.chmod(t.stateDir, 0o700);
    await fsp.writeFile(legacy, '{"anthropic": {"access": ', { mode: 0o600 });
    const r = await doctor();
    expect(r.code).toBe(1);
    const f = byId(r.json, 'legacy.unreadable');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain(legacy);
  });
});
