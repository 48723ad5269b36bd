// A symlinked store (G15): kept in a dotfiles repo, the store is a link. Writes go through to the
// link's target, also when the target does not exist yet, and the link itself is never replaced
// by a regular file. A target owned by another user, a link into a missing directory and a link
// loop are refused with nothing written.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClawdbotError, openAgentStore, setProfile, updateConfig } from '../../src/store/index.js';

let root: string;
let env: Record<string, string>;
let agentDir: string;
let storePath: string;
let dotDir: string;

beforeEach(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'cb-g-link-'));
  env = { HOME: path.join(root, 'home'), CLAWDBOT_STATE_DIR: path.join(root, 'state') };
  agentDir = path.join(env.CLAWDBOT_STATE_DIR!, 'agents', 'main', 'agent');
  storePath = path.join(agentDir, 'auth-profiles.json');
  dotDir = path.join(root, 'dotfiles');
  await fsp.mkdir(agentDir, { recursive: true, mode: 0o700 });
  await fsp.mkdir(dotDir, { recursive: true });
});
afterEach(async () => {
  await fsp.rm(root, { recursive: true, force: true });
});

async function addProfile(id: string): Promise<void> {
  await openAgentStore('main', env, () => undefined).update((doc) => {
    setProfile(doc, id, { type: 'api_key', provider: id.split(':')[0]!, key: `sk-or-v1-${'k'.repeat(32)}` });
    return true;
  });
}

const isLink = (p: string) => fs.lstatSync(p).isSymbolicLink();
const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe('hardening: symlinked credential files', () => {
  it('a link to an existing store: written through, the link stays, the target is 0600', async () => {
    const target = path.join(dotDir, 'auth.json');
    await fsp.writeFile(target, JSON.stringify({ version: 1, profiles: {}, mine: true }), { mode: 0o644 });
    await fsp.symlink(target, storePath);
    await addProfile('openrouter:a');
    expect(isLink(storePath)).toBe(true);
    expect(fs.readlinkSync(storePath)).toBe(target);
    const doc = JSON.parse(fs.readFileSync(target, 'utf8'));
    expect(Object.keys(doc.profiles)).toEqual(['openrouter:a']);
    expect(doc.mine).toBe(true);
    expect(mode(target)).toBe(0o600);
    expect(fs.readdirSync(dotDir)).toEqual(['auth.json']);
  });

  it('a dangling link (relative, two hops): the target is created, the links stay links', async () => {
    const final = path.join(dotDir, 'store.json');
    await fsp.symlink('store.json', path.join(dotDir, 'hop.json'));
    await fsp.symlink(path.relative(agentDir, path.join(dotDir, 'hop.json')), storePath);
    await addProfile('openrouter:b');
    expect(isLink(storePath)).toBe(true);
    expect(isLink(path.join(dotDir, 'hop.json'))).toBe(true);
    expect(JSON.parse(fs.readFileSync(final, 'utf8')).profiles['openrouter:b']).toBeDefined();
    expect(mode(final)).toBe(0o600);
    expect(fs.readdirSync(agentDir).filter((f) => !f.endsWith('.lock'))).toEqual(['auth-profiles.json']);
  });

  it('a link into a directory that does not exist: refused, the link untouched', async () => {
    await fsp.symlink(path.join(root, 'nowhere', 'auth.json'), storePath);
    await expect(addProfile('openrouter:c')).rejects.toThrow(/does not exist; nothing was written/);
    expect(isLink(storePath)).toBe(true);
    expect(fs.existsSync(path.join(root, 'nowhere'))).toBe(false);
  });

  it('a link loop: refused, nothing written', async () => {
    await fsp.symlink(path.join(dotDir, 'b.json'), path.join(dotDir, 'a.json'));
    await fsp.symlink(path.join(dotDir, 'a.json'), path.join(dotDir, 'b.json'));
    await fsp.symlink(path.join(dotDir, 'a.json'), storePath);
    await expect(addProfile('openrouter:d')).rejects.toThrow();
    expect(isLink(storePath)).toBe(true);
    expect(fs.readdirSync(dotDir).sort()).toEqual(['a.json', 'b.json']);
  });

  it.runIf(process.geteuid?.() === 0)('a link to a file another user owns: refused (ssh-style), the file unchanged', async () => {
    const target = path.join(dotDir, 'theirs.json');
    const bytes = JSON.stringify({ version: 1, profiles: {} });
    await fsp.writeFile(target, bytes, { mode: 0o600 });
    fs.chownSync(target, 65534, 65534);
    await fsp.symlink(target, storePath);
    const err = await addProfile('openrouter:e').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClawdbotError);
    expect((err as Error).message).toMatch(/belongs to another user \(uid 65534\)/);
    expect(fs.readFileSync(target, 'utf8')).toBe(bytes);
    expect(fs.statSync(target).uid).toBe(65534);
  });

  it('the config behind a link is written through too', async () => {
    const target = path.join(dotDir, 'clawdbot.json');
    const configPath = path.join(env.CLAWDBOT_STATE_DIR!, 'clawdbot.json');
    await fsp.symlink(target, configPath);
    await updateConfig(configPath, (cfg) => {
      cfg.auth ??= {};
      cfg.auth.profiles = { 'openrouter:a': { provider: 'openrouter', mode: 'api_key' } };
    });
    expect(isLink(configPath)).toBe(true);
    expect(JSON.parse(fs.readFileSync(target, 'utf8')).auth.profiles['openrouter:a'].mode).toBe('api_key');
  });
});
