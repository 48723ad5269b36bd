// saveCredential, the one write path, on real files: the id and "same account / different
// credential" are decided under the lock on the fresh document, and the config gets one mode rule.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProfileExistsError, openAgentStore, removeCredential, saveCredential, type OAuthCredential } from '../../src/store/index.js';
import { makeTempState, readJson, type TempState } from '../helpers/store-cli.js';

let state: TempState;
beforeEach(async () => {
  state = await makeTempState('cb-save-cred-');
});
afterEach(() => state.cleanup());

const codex = (accountId: string, refresh: string): OAuthCredential => ({ type: 'oauth', provider: 'openai-codex', access: `acc-${refresh}`, refresh, expires: Date.now() + 3_600_000, accountId });

describe('saveCredential', () => {
  it('the same ChatGPT account signing in again updates its profile in place, whatever it is called; no question', async () => {
    const store = openAgentStore('main', state.env);
    await saveCredential(store, { credential: codex('acct-A', 'rt-1'), profileId: 'openai-codex:work', defaultProfileId: 'openai-codex:default', email: 'ada@example.com' });
    const again = await saveCredential(store, { credential: codex('acct-A', 'rt-2'), defaultProfileId: 'openai-codex:ada@example.com' });
    expect(again).toMatchObject({ profileId: 'openai-codex:work', relation: 'same-account' });
    const doc = await readJson(state.storePath);
    expect(Object.keys(doc.profiles)).toEqual(['openai-codex:work']);
    expect(doc.profiles['openai-codex:work'].refresh).toBe('rt-2');
    expect((await readJson(state.configPath)).auth.profiles['openai-codex:work']).toEqual({ provider: 'openai-codex', mode: 'oauth', email: 'ada@example.com' });
  });

  it('another account under a named id is refused unless replace is true or names what is held; the refused save writes nothing', async () => {
    const store = openAgentStore('main', state.env);
    await saveCredential(store, { credential: { ...codex('acct-A', 'rt-1'), email: 'ada@example.com' }, profileId: 'openai-codex:work', defaultProfileId: 'x' });
    const before = await readJson(state.storePath);
    const err = await saveCredential(store, { credential: codex('acct-B', 'rt-9'), profileId: 'openai-codex:work', defaultProfileId: 'x' }).catch((e) => e);
    expect(err).toBeInstanceOf(ProfileExistsError);
    expect(err.held).toBe('oauth ada@example.com');
    expect(await readJson(state.storePath)).toEqual(before);
    // What the user agreed to replace must still be what is there.
    await expect(saveCredential(store, { credential: codex('acct-B', 'rt-9'), profileId: 'openai-codex:work', defaultProfileId: 'x', replace: 'api_key' })).rejects.toBeInstanceOf(ProfileExistsError);
    const ok = await saveCredential(store, { credential: codex('acct-B', 'rt-9'), profileId: 'openai-codex:work', defaultProfileId: 'x', replace: err.held });
    expect(ok.relation).toBe('different');
    // Without a named id, another account on the default id gets its own per-account id instead.
    const other = await saveCredential(store, { credential: codex('acct-C', 'rt-5'), defaultProfileId: 'openai-codex:work' });
    expect(other.profileId).toBe('openai-codex:account-acct-c');
  });

  it('a token under an existing oauth config mode keeps it; a replaced account does not keep the old email; remove drops both', async () => {
    const store = openAgentStore('main', state.env);
    await saveCredential(store, { credential: { type: 'token', provider: 'anthropic', token: 'tok-1' }, profileId: 'anthropic:claude-cli', defaultProfileId: 'x', fromExternalCli: true });
    await saveCredential(store, { credential: { type: 'token', provider: 'anthropic', token: 'tok-2' }, profileId: 'anthropic:claude-cli', defaultProfileId: 'x', replace: true });
    expect((await readJson(state.configPath)).auth.profiles['anthropic:claude-cli'].mode).toBe('oauth');
    await saveCredential(store, { credential: { ...codex('acct-A', 'rt-1'), email: 'a@x.io' }, profileId: 'openai-codex:w', defaultProfileId: 'x' });
    await saveCredential(store, { credential: codex('acct-B', 'rt-2'), profileId: 'openai-codex:w', defaultProfileId: 'x', replace: true });
    expect((await readJson(state.configPath)).auth.profiles['openai-codex:w']).toEqual({ provider: 'openai-codex', mode: 'oauth' });
    expect(await removeCredential(store, 'openai-codex:w')).toBe(true);
    expect((await readJson(state.storePath)).profiles['openai-codex:w']).toBeUndefined();
    expect((await readJson(state.configPath)).auth.profiles['openai-codex:w']).toBeUndefined();
  });
});
