// Two agents each hold a *copy* of one OAuth sign-in (`agents add work --copy-from main`: two
// files, not one store shared through a symlink). The gateway refreshes the work agent's copy
// under the lock on work's auth-profiles.json; `models auth refresh` refreshes main's. The token
// server rotates refresh tokens and answers a reused one with invalid_grant, as the real ones do.
// Whoever goes first, each expiry must cost one token request, nobody may get invalid_grant, and
// both stores must end holding the provider's current refresh token.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeAccessJwt } from '../helpers/refresh-token-server.js';
import { GATEWAY_REFRESHER, useRefreshFixture } from '../helpers/refresh-fixture.js';
import { type WorkerHandle, pollUntil, readJson, runCli, startWorker } from '../helpers/store-cli.js';
import { AgentStore } from '../../src/store/agent-store.js';

const ID = 'openai-codex:default';
const ROUNDS = 6;
const FIRST_REFRESH = 'rt-codex-0-initial-yyyyyyyyyyyyyyyy';

const f = useRefreshFixture('cb-f-copied-');

/** Both copies ran out (JWT and stored expiry agree); each keeps the refresh token it holds. */
async function expire(stores: AgentStore[], n: number): Promise<void> {
  const past = Math.floor(Date.now() / 1000) - 3600;
  for (const store of stores) {
    await store.update((doc) => {
      const p = doc.profiles[ID] as { refresh?: string } | undefined;
      doc.profiles[ID] = {
        type: 'oauth',
        provider: 'openai-codex',
        refresh: p?.refresh ?? FIRST_REFRESH,
        accountId: 'acct-copied',
        access: makeAccessJwt(700 + n, past + 60, 'acct-copied', past - 3600),
        expires: Date.now() - 60_000,
      } as never;
      return true;
    });
  }
}

const jsonLines = (w: WorkerHandle) => w.lines.filter((l) => l.startsWith('{'));

describe('a credential copied to another agent, refreshed by the gateway there and by us here', () => {
  it(`${ROUNDS} rounds, in three orders: one token request per expiry, no invalid_grant, both copies end current`, async () => {
    const { t, server, env, workers } = f;
    const main = new AgentStore('main', env, () => undefined);
    await expire([main], 0);
    const added = await runCli(['agents', 'add', 'work', '--copy-from', 'main', '--profile', ID], { env });
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const work = new AgentStore('work', env, () => undefined);
    expect((await work.load()).store.profiles[ID]).toMatchObject({ refresh: FIRST_REFRESH });
    server.accept(FIRST_REFRESH);
    server.accountId = 'acct-copied';

    const gateway = startWorker([t.agentStorePath('work'), ID, `${server.url}/oauth/token`], env, GATEWAY_REFRESHER);
    workers.push(gateway);
    await gateway.waitLine('ready');

    for (let r = 0; r < ROUNDS; r++) {
      if (r > 0) await expire([main, work], r);
      const before = server.requests.length;
      // Three orders, twice each: our request is in flight when the gateway starts on the work
      // copy; the gateway holds the work store's lock and is mid-request when we start; the
      // gateway finished before we started. (The answer to the first request comes 400 ms late; the
      // token it spent is spent on arrival, as a real server's is.)
      const refreshHere = () => runCli(['models', 'auth', 'refresh', '--profile', ID], { env, timeoutMs: 60_000 });
      let cli: ReturnType<typeof runCli>;
      server.delayNext(400);
      if (r % 3 === 0) {
        cli = refreshHere();
        await pollUntil(() => server.requests.length > before, 30_000, `round ${r}: our request`);
        gateway.send('go');
      } else if (r % 3 === 1) {
        gateway.send('go');
        await pollUntil(() => server.requests.length > before, 30_000, `round ${r}: the gateway's request`);
        cli = refreshHere();
      } else {
        gateway.send('go');
        await pollUntil(() => jsonLines(gateway).length > r, 30_000, `round ${r}: the gateway's refresh`);
        cli = refreshHere();
      }
      const [cliResult] = await Promise.all([cli, pollUntil(() => jsonLines(gateway).length > r, 60_000, `gateway round ${r}`)]);
      const gw = JSON.parse(jsonLines(gateway)[r]!) as { ok: boolean; refreshed: boolean; access?: string; error?: string };

      expect(gw, `round ${r}: gateway`).toMatchObject({ ok: true });
      expect(cliResult.stderr, `round ${r}: CLI`).toBe('');
      expect(cliResult.code, `round ${r}: CLI exit`).toBe(0);
      expect(server.invalidGrants, `round ${r}: invalid_grant answers`).toBe(0);
      expect(server.requests.length - before, `round ${r}: token requests`).toBe(1);
      for (const [name, file] of [['main', t.storePath], ['work', t.agentStorePath('work')]] as const) {
        const doc = await readJson(file);
        expect(doc.profiles[ID].refresh, `round ${r}: ${name}'s refresh token`).toBe(server.currentRefresh);
        expect(doc.profiles[ID].access, `round ${r}: ${name}'s access token`).toBe(server.lastAccess);
      }
    }
  }, 180_000);

  it('an agent whose store links to the same file is that store, not a copy: refreshing through the link takes its lock once and updates the real copy elsewhere', async () => {
    const { t, server, env } = f;
    const main = new AgentStore('main', env, () => undefined);
    await expire([main], 0);
    for (const args of [['agents', 'add', 'work', '--copy-from', 'main', '--profile', ID], ['agents', 'add', 'linked']]) {
      const res = await runCli(args, { env });
      expect(res.stderr).toBe('');
    }
    const link = t.agentStorePath('linked');
    await fsp.rm(link, { force: true });
    await fsp.symlink(path.relative(path.dirname(link), t.storePath), link);
    server.accept(FIRST_REFRESH);
    server.accountId = 'acct-copied';

    // The lock is not re-entrant: taking the linked file's lock as a second store would wait for
    // ourselves until the lock wait ran out.
    const res = await runCli(['models', 'auth', 'refresh', '--agent', 'linked', '--profile', ID], { env, timeoutMs: 30_000 });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect((await fsp.lstat(link)).isSymbolicLink()).toBe(true);
    for (const file of [t.storePath, t.agentStorePath('work')]) {
      expect((await readJson(file)).profiles[ID].refresh).toBe(server.currentRefresh);
    }
  }, 60_000);
});
