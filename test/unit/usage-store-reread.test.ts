// The live dashboard asks for usage each time scrolling or the filter brings rows into view. The
// store is read once for as long as the file stays the same one; a save by anyone (an atomic
// rename, an in-place rewrite) is seen by the next request, with the credential it wrote.
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildStatusReport } from '../../src/auth/report.js';
import { fetchStoreUsage, rememberStoreRead } from '../../src/usage/store-usage.js';
import { type FakeUsageApi, anthropicUsageBody, startFakeUsageApi } from '../helpers/fake-usage-api.js';
import { makeTempState, writeStore, type TempState } from '../helpers/store-cli.js';

let api: FakeUsageApi;
let t: TempState;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  api = await startFakeUsageApi();
});
afterAll(async () => api.close());
beforeEach(async () => {
  t = await makeTempState('cb-u-reread-');
  env = { ...t.env, ANTHROPIC_BASE_URL: api.url, CLAWDBOT_USAGE_TIMEOUT_MS: '2000' };
  api.requests.length = 0;
});
afterEach(async () => t.cleanup());

const token = (n: number) => `sk-ant-oat01-Reread${n}${'R'.repeat(60)}`;
const store = (n: number) => ({
  version: 1,
  profiles: {
    'anthropic:work': { type: 'oauth', provider: 'anthropic', access: token(n), refresh: `sk-ant-ort01-${'F'.repeat(60)}`, expires: Date.now() + 3_600_000 },
    'openai:default': { type: 'api_key', provider: 'openai', key: `sk-proj-${'K'.repeat(60)}` },
  },
});
const asked = () => api.requests.map((r) => r.token);
/** The store written in place with the credential of token `n`, its modification time set back to `at`: same inode, size and time. */
const rewriteKeepingVersion = (n: number, at: Date) => {
  fs.writeFileSync(t.storePath, JSON.stringify(store(1), null, 2).replace(token(1), token(n)));
  fs.utimesSync(t.storePath, at, at);
};
/** The store with token 1, in place (the gateway's plain writeFile), its time rounded to a second. */
async function storeAtWholeSecond(): Promise<Date> {
  await writeStore(t.storePath, store(1));
  const at = new Date(Math.floor(Date.now() / 1000) * 1000);
  rewriteKeepingVersion(1, at);
  return at;
}

describe('usage of a store read again only when the file changed', () => {
  it('a save (atomic or in place) is seen by the next request; a profile without a usage endpoint stays unsupported', async () => {
    for (const n of [1, 2, 3]) api.replies.set(token(n), { status: 200, body: anthropicUsageBody(10 * n, 20) });
    await writeStore(t.storePath, store(1));
    const first = await fetchStoreUsage({ storePath: t.storePath, env });
    expect(first.get('anthropic:work')).toMatchObject({ status: 'ok' });
    expect(first.get('openai:default')).toMatchObject({ status: 'unsupported' });
    await fetchStoreUsage({ storePath: t.storePath, env, profileIds: ['anthropic:work'] });
    expect(asked()).toEqual([token(1), token(1)]);

    await writeStore(t.storePath, store(2)); // write-file-atomic: a new file renamed over the old one
    await fetchStoreUsage({ storePath: t.storePath, env, profileIds: ['anthropic:work'] });
    fs.writeFileSync(t.storePath, JSON.stringify(store(3), null, 2)); // the gateway's plain writeFile: same inode
    const last = await fetchStoreUsage({ storePath: t.storePath, env });
    expect(asked()).toEqual([token(1), token(1), token(2), token(3)]);
    expect(last.get('openai:default')).toMatchObject({ status: 'unsupported' });
  });

  it('while the file is the same one (inode, size, modification time), it is not read again', async () => {
    api.replies.set(token(1), { status: 200, body: anthropicUsageBody(10, 20) });
    api.replies.set(token(2), { status: 200, body: anthropicUsageBody(20, 20) });
    const at = await storeAtWholeSecond();
    await fetchStoreUsage({ storePath: t.storePath, env, profileIds: ['anthropic:work'] });
    // Rewritten in place to the same size and given back its time: taken as unchanged, so the
    // credential read before is used (no second read and validation of the whole store).
    rewriteKeepingVersion(2, at);
    await fetchStoreUsage({ storePath: t.storePath, env, profileIds: ['anthropic:work'] });
    expect(asked()).toEqual([token(1), token(1)]);
  });

  it('usage after a status report uses the store the report read, until the file changes', async () => {
    api.replies.set(token(1), { status: 200, body: anthropicUsageBody(10, 20) });
    api.replies.set(token(2), { status: 200, body: anthropicUsageBody(20, 20) });
    api.replies.set(token(3), { status: 200, body: anthropicUsageBody(30, 20) });
    const at = await storeAtWholeSecond();
    const report = await buildStatusReport({ env, externalSync: false, onStoreRead: rememberStoreRead });
    expect(report.agents[0]!.providers.flatMap((p) => p.profiles.map((x) => x.profileId))).toContain('anthropic:work');
    // The same size and time, other bytes: only a usage request that reads the file again sees token 2.
    rewriteKeepingVersion(2, at);
    await fetchStoreUsage({ storePath: t.storePath, env, profileIds: ['anthropic:work'] });
    expect(asked()).toEqual([token(1)]);
    // A save after the report (another size) is read: the report's copy is not used any more.
    fs.writeFileSync(t.storePath, JSON.stringify(store(3), null, 2) + '\n');
    await fetchStoreUsage({ storePath: t.storePath, env, profileIds: ['anthropic:work'] });
    expect(asked()).toEqual([token(1), token(3)]);
  });
});
