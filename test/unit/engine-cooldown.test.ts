import { describe, expect, it } from 'vitest';
import {
  billingDisableMsForCount,
  clearProfileCooldown,
  cooldownMsForCount,
  markProfileFailure,
  markProfileUsed,
  profileUnusable,
} from '../../src/auth/cooldown.js';
import type { AuthProfileStore } from '../../src/store/auth-profiles.js';
import { recordProfileFailure, recordProfileSuccess } from '../../src/auth/cooldown.js';
import { AgentStore } from '../../src/store/agent-store.js';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const NOW = 1_760_000_000_000;
const MIN = 60_000;
const H = 60 * MIN;

function store(): AuthProfileStore {
  return {
    version: 1,
    profiles: {
      'anthropic:a': { type: 'api_key', provider: 'anthropic', key: 'k' },
      'openai:b': { type: 'api_key', provider: 'openai', key: 'k' },
    },
  };
}

describe('cooldown schedule', () => {
  it.each([
    [1, 1 * MIN],
    [2, 5 * MIN],
    [3, 25 * MIN],
    [4, 60 * MIN],
    [5, 60 * MIN],
    [50, 60 * MIN],
  ])('failure %i -> %i ms', (n, ms) => expect(cooldownMsForCount(n)).toBe(ms));

  it.each([
    [1, 5 * H],
    [2, 10 * H],
    [3, 20 * H],
    [4, 24 * H],
    [9, 24 * H],
  ])('billing failure %i -> disabled %i ms', (k, ms) => expect(billingDisableMsForCount(k)).toBe(ms));

  it('config overrides billing base, per-provider base and max', () => {
    expect(billingDisableMsForCount(1, { billingBackoffHours: 2 })).toBe(2 * H);
    expect(billingDisableMsForCount(3, { billingBackoffHours: 2, billingMaxHours: 6 })).toBe(6 * H);
    expect(billingDisableMsForCount(1, { billingBackoffHours: 2, billingBackoffHoursByProvider: { anthropic: 1 } }, 'anthropic')).toBe(1 * H);
  });
});

describe('markProfileFailure / markProfileUsed / clearProfileCooldown', () => {
  it('successive failures back off 1, 5, 25, 60, 60 minutes', () => {
    const s = store();
    const got: number[] = [];
    let t = NOW;
    for (let i = 0; i < 5; i++) {
      const u = markProfileFailure(s, 'anthropic:a', 'rate_limit', t);
      got.push(u!.until - t);
      t += 1000;
    }
    expect(got).toEqual([1, 5, 25, 60, 60].map((m) => m * MIN));
    expect(s.usageStats!['anthropic:a']!.failureCounts).toEqual({ rate_limit: 5 });
    expect(profileUnusable(s.usageStats!['anthropic:a'], t)).toMatchObject({ kind: 'cooldown', reason: 'rate_limit' });
  });

  it('billing disables 5h, 10h, 20h, 24h and records the reason', () => {
    const s = store();
    const got: number[] = [];
    for (let i = 0; i < 4; i++) got.push(markProfileFailure(s, 'anthropic:a', 'billing', NOW)!.until - NOW);
    expect(got).toEqual([5, 10, 20, 24].map((h) => h * H));
    const st = s.usageStats!['anthropic:a']!;
    expect(st.disabledReason).toBe('billing');
    expect(profileUnusable(st, NOW)).toMatchObject({ kind: 'disabled', reason: 'billing', remainingMs: 24 * H });
  });

  it('per-provider billing override comes from the profile provider', () => {
    const s = store();
    const u = markProfileFailure(s, 'anthropic:a', 'billing', NOW, { billingBackoffHoursByProvider: { anthropic: 1 } });
    expect(u!.until - NOW).toBe(H);
  });

  it('counters restart after 24h without a failure', () => {
    const s = store();
    markProfileFailure(s, 'anthropic:a', 'auth', NOW);
    markProfileFailure(s, 'anthropic:a', 'auth', NOW + MIN);
    markProfileFailure(s, 'anthropic:a', 'auth', NOW + 2 * MIN);
    const later = NOW + 2 * MIN + 24 * H + 1;
    const u = markProfileFailure(s, 'anthropic:a', 'timeout', later);
    expect(u!.until - later).toBe(1 * MIN);
    expect(s.usageStats!['anthropic:a']!.failureCounts).toEqual({ timeout: 1 });
    expect(s.usageStats!['anthropic:a']!.errorCount).toBe(1);
  });

  it('a configured failure window is honoured', () => {
    const s = store();
    markProfileFailure(s, 'anthropic:a', 'auth', NOW);
    const u = markProfileFailure(s, 'anthropic:a', 'auth', NOW + 2 * H, { failureWindowHours: 1 });
    expect(u!.until - (NOW + 2 * H)).toBe(1 * MIN);
  });

  it('success resets everything and records lastUsed', () => {
    const s = store();
    markProfileFailure(s, 'anthropic:a', 'billing', NOW);
    markProfileFailure(s, 'anthropic:a', 'rate_limit', NOW);
    markProfileUsed(s, 'anthropic:a', NOW + 5);
    const st = s.usageStats!['anthropic:a']!;
    expect(profileUnusable(st, NOW + 6)).toBeUndefined();
    expect(st).toMatchObject({ lastUsed: NOW + 5, errorCount: 0, failureCounts: {} });
    // next failure starts from 1 minute again
    expect(markProfileFailure(s, 'anthropic:a', 'rate_limit', NOW + 10)!.until - (NOW + 10)).toBe(MIN);
  });

  it('clear lifts cooldown AND billing disable, and reports whether anything was there', () => {
    const s = store();
    expect(clearProfileCooldown(s, 'anthropic:a')).toBe(false);
    markProfileFailure(s, 'anthropic:a', 'billing', NOW);
    markProfileFailure(s, 'anthropic:a', 'rate_limit', NOW);
    expect(clearProfileCooldown(s, 'anthropic:a')).toBe(true);
    expect(profileUnusable(s.usageStats!['anthropic:a'], NOW)).toBeUndefined();
    expect(s.usageStats!['anthropic:a']!.disabledUntil).toBeUndefined();
  });

  it('profileUnusable picks the later of cooldown and disable, and ignores the past', () => {
    expect(profileUnusable({ cooldownUntil: NOW + 10, disabledUntil: NOW + 5, disabledReason: 'billing' }, NOW)).toMatchObject({ kind: 'cooldown', until: NOW + 10 });
    expect(profileUnusable({ cooldownUntil: NOW + 1, disabledUntil: NOW + 5, disabledReason: 'billing' }, NOW)).toMatchObject({ kind: 'disabled', until: NOW + 5 });
    expect(profileUnusable({ cooldownUntil: NOW - 1, disabledUntil: NOW - 1 }, NOW)).toBeUndefined();
    expect(profileUnusable(undefined, NOW)).toBeUndefined();
  });
});

describe('recordProfileFailure / recordProfileSuccess (on the real file, under the lock)', () => {
  it('classifies, applies config auth.cooldowns, and success resets and sets lastGood', async () => {
    const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'engine-cd-'));
    try {
      const env = { HOME: tmp, CLAWDBOT_STATE_DIR: tmp };
      await fsp.writeFile(path.join(tmp, 'clawdbot.json'), '{ auth: { cooldowns: { billingBackoffHours: 2 } } } // json5\n');
      const s = new AgentStore('main', env, () => {});
      await s.update((doc) => {
        doc.profiles['anthropic:a'] = { type: 'api_key', provider: 'anthropic', key: 'k' };
        return true;
      });
      const r1 = await recordProfileFailure(s, 'anthropic:a', new Error('Your credit balance is too low'), { now: NOW });
      expect(r1).toMatchObject({ reason: 'billing', unusable: { kind: 'disabled', until: NOW + 2 * H } });
      const r2 = await recordProfileFailure(s, 'anthropic:a', 'boom', { now: NOW, status: 429 });
      expect(r2.reason).toBe('rate_limit');
      await recordProfileSuccess(s, 'anthropic:a', NOW + 1);
      const { store: doc } = await s.load();
      expect(profileUnusable(doc.usageStats?.['anthropic:a'], NOW + 2)).toBeUndefined();
      expect(doc.lastGood).toEqual({ anthropic: 'anthropic:a' });
      // unknown profile: nothing written
      const before = await fsp.readFile(s.storePath);
      await recordProfileFailure(s, 'anthropic:nope', 'x', { now: NOW });
      expect(await fsp.readFile(s.storePath)).toEqual(before);
    } finally {
      await fsp.rm(tmp, { recursive: true, force: true });
    }
  });
});
