// G8: 8 processes x 10 concurrent callers on one expired OAuth profile, against a token server
// that rotates refresh tokens and rejects reuse -> exactly one token request, every caller gets the
// new access token, and the store holds the rotated refresh token.
// Children import the built library (dist/index.js): run `node scripts/build.mjs` first.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RefreshTokenServer, startRefreshTokenServer } from '../helpers/refresh-token-server.js';
import { AgentStore } from '../../src/store/agent-store.js';
import { ensureFreshCredential } from '../../src/auth/refresh.js';
import { pollUntil } from '../helpers/store-cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist/index.js');
const child = path.join(root, 'test/helpers/engine-refresh-child.mjs');

let tmp: string;
let server: RefreshTokenServer;
let env: Record<string, string | undefined>;

beforeEach(async () => {
  tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'engine-g8-'));
  server = await startRefreshTokenServer();
  env = {
    PATH: process.env.PATH,
    HOME: tmp,
    CLAWDBOT_STATE_DIR: path.join(tmp, 'state'),
    CLAWDBOT_OPENAI_OAUTH_BASE_URL: server.url,
    CLAWDBOT_ANTHROPIC_OAUTH_BASE_URL: server.url,
  };
});

afterEach(async () => {
  await server.close();
  await fsp.rm(tmp, { recursive: true, force: true });
});

async function seedExpired(agentId = 'main', refresh = 'rt-codex-0-initial-yyyyyyyyyyyyyyyy'): Promise<AgentStore> {
  const store = new AgentStore(agentId, env, () => {});
  await store.update((doc) => {
    doc.profiles['openai-codex:default'] = {
      type: 'oauth',
      provider: 'openai-codex',
      access: 'expired-access-token-0000000000',
      refresh,
      expires: Date.now() - 60_000,
    };
    return true;
  });
  server.accept(refresh);
  return store;
}

interface ChildResult {
  ok: boolean;
  access?: string;
  error?: string;
}

/**
 * n child processes, each running `callers` concurrent callers per round; before each round
 * `beforeRound` runs, then all children are released at once. Returns [round][child][caller].
 */
async function runRounds(n: number, callers: number, rounds: number, beforeRound: (r: number) => Promise<void> = async () => {}): Promise<ChildResult[][][]> {
  const procs = Array.from({ length: n }, () =>
    spawn(process.execPath, [child, dist, 'openai-codex:default', String(callers), String(rounds)], { env, stdio: ['pipe', 'pipe', 'pipe'] }),
  );
  const lines: string[][] = procs.map(() => []);
  const errs = procs.map(() => '');
  const exits: Array<number | null | undefined> = procs.map(() => undefined);
  procs.forEach((p, i) => {
    let buf = '';
    p.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let k;
      while ((k = buf.indexOf('\n')) >= 0) {
        lines[i]!.push(buf.slice(0, k));
        buf = buf.slice(k + 1);
      }
    });
    p.stderr.on('data', (d: Buffer) => (errs[i] += d.toString()));
    p.on('exit', (code) => (exits[i] = code));
  });
  // A child that died makes the wait fail at once with its stderr, instead of timing out.
  const noneFailed = () => {
    if (exits.some((e) => e !== undefined && e !== 0)) throw new Error(`a child failed: ${errs.join('\n')}`);
    return true;
  };
  await pollUntil(() => noneFailed() && lines.every((l) => l[0] === 'ready'), 30_000, 'children to start', 5);
  const out: ChildResult[][][] = [];
  for (let r = 0; r < rounds; r++) {
    await beforeRound(r);
    for (const p of procs) p.stdin.write('go\n');
    await pollUntil(() => noneFailed() && lines.every((l) => l.length >= r + 2), 30_000, `round ${r}`, 5);
    out.push(lines.map((l) => JSON.parse(l[r + 1]!) as ChildResult[]));
  }
  await pollUntil(() => exits.every((e) => e !== undefined), 30_000, 'children to exit', 5);
  expect(exits).toEqual(procs.map(() => 0));
  return out;
}

describe('single-flight refresh across processes (G8)', () => {
  it('8 processes x 10 callers -> exactly 1 token request, all 80 get the new token, store holds the rotated refresh token', async () => {
    expect(fs.existsSync(dist), 'run `node scripts/build.mjs` first').toBe(true);
    const store = await seedExpired();
    const results = (await runRounds(8, 10, 1))[0]!.flat();

    expect(results).toHaveLength(80);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(server.requests).toHaveLength(1);
    expect(server.invalidGrants).toBe(0);
    const issued = server.lastAccess!;
    expect(new Set(results.map((r) => r.access))).toEqual(new Set([issued]));

    const { store: doc } = await store.load();
    const cred = doc.profiles['openai-codex:default'] as { access: string; refresh: string; expires: number };
    expect(cred.refresh).toBe(server.currentRefresh);
    expect(cred.refresh).not.toBe('rt-codex-0-initial-yyyyyyyyyyyyyyyy');
    expect(cred.access).toBe(issued);
    expect(cred.expires).toBeGreaterThan(Date.now());
    // The request was a proper refresh grant.
    expect(server.requests[0]!.body).toMatchObject({ grant_type: 'refresh_token', client_id: 'app_EMoamEEZ73f0CkXaXp7hrann' });
  }, 60_000);

  it('50 rounds x 8 processes x 10 callers: exactly 50 token requests, 0 invalid_grant', async () => {
    const store = await seedExpired();
    const rounds = 50;
    const all = await runRounds(8, 10, rounds, async (r) => {
      if (r === 0) return;
      await store.update((doc) => {
        (doc.profiles['openai-codex:default'] as { expires: number }).expires = Date.now() - 1;
        return true;
      });
    });
    expect(server.requests).toHaveLength(rounds);
    expect(server.invalidGrants).toBe(0);
    for (const round of all) {
      const flat = round.flat();
      expect(flat.filter((x) => !x.ok)).toEqual([]);
      expect(new Set(flat.map((x) => x.access)).size).toBe(1);
    }
    const cred = (await store.load()).store.profiles['openai-codex:default'] as { refresh: string };
    expect(cred.refresh).toBe(server.currentRefresh);
  }, 120_000);

  it('repeated rounds: exactly one request per expiry, in-process callers share it', async () => {
    const store = await seedExpired();
    const rounds = 10;
    for (let r = 0; r < rounds; r++) {
      const got = await Promise.all(Array.from({ length: 10 }, () => ensureFreshCredential(store, 'openai-codex:default', { env })));
      expect(new Set(got.map((c) => (c as { access: string }).access)).size).toBe(1);
      // expire it again for the next round
      await store.update((doc) => {
        (doc.profiles['openai-codex:default'] as { expires: number }).expires = Date.now() - 1;
        return true;
      });
    }
    expect(server.requests).toHaveLength(rounds);
    expect(server.invalidGrants).toBe(0);
  });

  it('two agents holding a copy of the same token serialise: 1 request, and the other agent gets the rotated token', async () => {
    const a = await seedExpired('main');
    const b = await seedExpired('work');
    const [ca, cb] = await Promise.all([
      ensureFreshCredential(a, 'openai-codex:default', { env }),
      ensureFreshCredential(b, 'openai-codex:default', { env }),
    ]);
    expect(server.requests).toHaveLength(1);
    expect((ca as { access: string }).access).toBe(server.lastAccess);
    expect((cb as { access: string }).access).toBe(server.lastAccess);
    const other = (await b.load()).store.profiles['openai-codex:default'] as { refresh: string };
    expect(other.refresh).toBe(server.currentRefresh);
    expect(server.invalidGrants).toBe(0);
  });
});
