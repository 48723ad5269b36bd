// One expired OAuth token, four refreshers at once, round after round: a gateway-style refresher
// (proper-lockfile with the gateway's options on the agent's auth-profiles.json, re-read, refresh,
// plain writeFile), `models auth refresh` (the built CLI, a forced refresh), the dashboard's `f`
// (its real refresh mutation, in this process) and the library (ensureFreshCredential in another
// process, several callers). The token server rotates refresh
// tokens and answers a reused one with invalid_grant, as the real ones do. Each expiry must cost
// exactly one token request, nobody may get invalid_grant, and the store must end every round
// holding the provider's current refresh token.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeAccessJwt } from '../helpers/refresh-token-server.js';
import { GATEWAY_REFRESHER, useRefreshFixture } from '../helpers/refresh-fixture.js';
import { DIST_INDEX, ROOT, type WorkerHandle, pollUntil, readJson, runCli, startWorker } from '../helpers/store-cli.js';
import { AgentStore } from '../../src/store/agent-store.js';
import { realDashboardDeps } from '../../src/commands/models-status-dashboard.js';

const LIBRARY_CHILD = path.join(ROOT, 'test', 'helpers', 'engine-refresh-child.mjs');
const ID = 'openai-codex:default';
const ROUNDS = 6;
const LIB_CALLERS = 3;

const f = useRefreshFixture('cb-f-gwrace-');

/** The access token ran out (its JWT and the stored expiry agree); the refresh token is kept. */
async function expire(store: AgentStore, n: number): Promise<void> {
  const past = Math.floor(Date.now() / 1000) - 3600;
  await store.update((doc) => {
    const p = doc.profiles[ID] as { access: string; expires: number } | undefined;
    doc.profiles[ID] = {
      type: 'oauth',
      provider: 'openai-codex',
      refresh: 'rt-codex-0-initial-yyyyyyyyyyyyyyyy',
      ...(p ?? {}),
      access: makeAccessJwt(900 + n, past + 60, undefined, past - 3600),
      expires: Date.now() - 60_000,
    } as never;
    return true;
  });
}

const jsonLines = (w: WorkerHandle) => w.lines.filter((l) => l.startsWith('{') || l.startsWith('['));

describe('refresh coordinated with the gateway (issue 14)', () => {
  it(`gateway-style refresher vs \`models auth refresh\` vs the dashboard vs the library, ${ROUNDS} rounds: one token request per expiry, no invalid_grant, the store keeps the current refresh token`, async () => {
    const { t, server, env, workers } = f;
    const store = new AgentStore('main', env, () => undefined);
    const dashboard = realDashboardDeps({ env });
    await expire(store, 0);
    server.accept('rt-codex-0-initial-yyyyyyyyyyyyyyyy');

    const gateway = startWorker([t.storePath, ID, `${server.url}/oauth/token`], env, GATEWAY_REFRESHER);
    const library = startWorker([DIST_INDEX, ID, String(LIB_CALLERS), String(ROUNDS)], env, LIBRARY_CHILD);
    workers.push(gateway, library);
    await gateway.waitLine('ready');
    await library.waitLine('ready');

    for (let r = 0; r < ROUNDS; r++) {
      if (r > 0) await expire(store, r);
      const before = server.requests.length;
      // Who starts first changes from round to round (the CLI needs a moment to start).
      const stagger = r * 150;
      const cli = runCli(['models', 'auth', 'refresh', '--profile', ID], { env, timeoutMs: 60_000 });
      await new Promise((resolve) => setTimeout(resolve, stagger));
      gateway.send('go');
      library.send('go');
      const dash = new Promise((resolve) => setTimeout(resolve, 450 - stagger / 2)).then(() => dashboard.mutations.refreshProfile('main', ID));
      const [cliResult, dashExpiry] = await Promise.all([
        cli,
        dash,
        pollUntil(() => jsonLines(gateway).length > r, 60_000, `gateway round ${r}`),
        pollUntil(() => jsonLines(library).length > r, 60_000, `library round ${r}`),
      ]);
      const gw = JSON.parse(jsonLines(gateway)[r]!) as { ok: boolean; refreshed: boolean; access?: string; error?: string };
      const lib = JSON.parse(jsonLines(library)[r]!) as Array<{ ok: boolean; access?: string; error?: string }>;

      expect(cliResult.stderr, `round ${r}: CLI`).toBe('');
      expect(cliResult.code, `round ${r}: CLI exit`).toBe(0);
      expect(gw, `round ${r}: gateway`).toMatchObject({ ok: true });
      expect(lib.filter((x) => !x.ok), `round ${r}: library`).toEqual([]);
      expect(dashExpiry, `round ${r}: dashboard`).toBeGreaterThan(Date.now());
      expect(server.requests.length - before, `round ${r}: token requests`).toBe(1);
      expect(server.invalidGrants, `round ${r}: invalid_grant answers`).toBe(0);
      const issued = server.lastAccess!;
      expect(gw.access).toBe(issued);
      expect(new Set(lib.map((x) => x.access))).toEqual(new Set([issued]));
      const doc = await readJson(t.storePath);
      expect(doc.profiles[ID].refresh, `round ${r}: stored refresh token`).toBe(server.currentRefresh);
      expect(doc.profiles[ID].access).toBe(issued);
    }
    expect(server.requests).toHaveLength(ROUNDS);
  }, 180_000);
});
