// G6: edits by other programs survive. A gateway records usage on profile A in a tight loop
// (500 locked writes) while the real CLI, as separate processes, replaces B's token, sets the
// order, adds D and removes E. Every one of those lands, none undoes another, C is untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempState, readJson, requireBuild, runCli, startWorker, writeStore, type TempState } from '../helpers/store-cli.js';

const USES = 500;
let state: TempState;
beforeAll(async () => {
  requireBuild();
  state = await makeTempState('cb-f-foreign-');
});
afterAll(() => state?.cleanup());

describe('store: foreign edits survive a busy gateway', () => {
  it('CLI edits made while a gateway writes usage stats all land, and the gateway loses none of its writes', async () => {
    const C = { type: 'api_key', provider: 'openrouter', key: 'sk-or-v1-EditorOwnedKeyCCCCCCCCCCCCCCCCCCCC', note: { by: 'hand' } };
    await writeStore(state.storePath, {
      version: 1,
      profiles: {
        'anthropic:gateway': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-GatewayKeyAAAAAAAAAAAAAAAAAAAA' },
        'openai:cli': { type: 'token', provider: 'openai', token: 'old-token-BBBBBBBBBBBBBBBBBBBB' },
        'openai:spare': { type: 'api_key', provider: 'openai', key: 'sk-proj-SpareKeyDDDDDDDDDDDDDDDDDDDDDD' },
        'openrouter:editor': C,
        'mistral:old': { type: 'api_key', provider: 'mistral', key: 'mistral-OldKeyEEEEEEEEEEEEEEEEEEEE' },
      },
    });
    const gateway = startWorker(['usage', state.storePath, 'anthropic:gateway', String(USES)], state.env);
    await gateway.waitLine('ready', 30_000);
    gateway.send('go');
    const env = state.env;
    const steps: Array<[string[], string | undefined]> = [
      [['models', 'auth', 'paste-token', '--provider', 'openai', '--profile-id', 'openai:cli', '--force'], 'new-token-FFFFFFFFFFFFFFFFFFFFFFFF'],
      [['models', 'auth', 'order', 'set', '--provider', 'openai', 'openai:spare', 'openai:cli'], undefined],
      [['models', 'auth', 'paste-token', '--provider', 'xai', '--profile-id', 'xai:login'], 'xai-LoginTokenGGGGGGGGGGGGGGGGGGGG'],
      [['models', 'auth', 'remove', 'mistral:old', '--yes'], undefined],
    ];
    let during = 0;
    for (const [args, stdin] of steps) {
      const r = await runCli(args, { env, stdin, timeoutMs: 60_000 });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      if (!gateway.lines.some((l) => l.startsWith('done'))) during++;
    }
    await gateway.waitLine(/^done \d+$/, 120_000);
    expect((await gateway.exited).code, gateway.stderr()).toBe(0);
    // The CLI really ran while the gateway was writing (at least the first command).
    expect(during).toBeGreaterThan(0);

    const doc = await readJson(state.storePath);
    expect(doc.usageStats['anthropic:gateway'].uses).toBe(USES);
    expect(doc.profiles['openai:cli'].token).toBe('new-token-FFFFFFFFFFFFFFFFFFFFFFFF');
    expect(doc.order).toEqual({ openai: ['openai:spare', 'openai:cli'] });
    expect(doc.profiles['xai:login']).toEqual({ type: 'token', provider: 'xai', token: 'xai-LoginTokenGGGGGGGGGGGGGGGGGGGG' });
    expect(doc.profiles['mistral:old']).toBeUndefined();
    expect(doc.profiles['openrouter:editor']).toEqual(C);
    expect(Object.keys(doc.profiles).sort()).toEqual(['anthropic:gateway', 'openai:cli', 'openai:spare', 'openrouter:editor', 'xai:login']);
  }, 180_000);
});
