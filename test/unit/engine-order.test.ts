import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeUnusable, formatClock, nextProfile, resolveProfileOrder } from '../../src/auth/order.js';
import { refreshTokenFingerprint } from '../../src/auth/health.js';
import type { AuthProfileStore } from '../../src/store/auth-profiles.js';
import type { ClawdbotConfig } from '../../src/store/config.js';

const NOW = 1_760_000_000_000;
const MIN = 60_000;
const H = 60 * MIN;

function baseStore(): AuthProfileStore {
  return {
    version: 1,
    profiles: {
      'anthropic:key': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-aaaaaaaaaaaaaaaaaaaa' },
      'anthropic:manual': { type: 'token', provider: 'anthropic', token: 'sk-ant-oat01-bbbbbbbbbbbbbbbbbbbbb' },
      'anthropic:oauth': { type: 'oauth', provider: 'anthropic', access: 'acc', refresh: 'ref', expires: NOW + H },
      'openai:default': { type: 'api_key', provider: 'openai', key: 'sk-proj-cccccccccccccccccccc' },
    },
  };
}

type Case = {
  name: string;
  store?: (s: AuthProfileStore) => void;
  config?: ClawdbotConfig;
  preferred?: string;
  order: string[];
  source: 'store' | 'config' | 'round-robin';
  skipped?: Record<string, string>;
};

const cases: Case[] = [
  {
    name: 'round-robin: oauth, token, api_key',
    order: ['anthropic:oauth', 'anthropic:manual', 'anthropic:key'],
    source: 'round-robin',
  },
  {
    name: 'round-robin: same type, least recently used first',
    store: (s) => {
      s.profiles['anthropic:key2'] = { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-dddddddddddddddddddd' };
      s.usageStats = { 'anthropic:key': { lastUsed: NOW - 10 }, 'anthropic:key2': { lastUsed: NOW - 1000 } };
    },
    order: ['anthropic:oauth', 'anthropic:manual', 'anthropic:key2', 'anthropic:key'],
    source: 'round-robin',
  },
  {
    name: 'store order wins over config auth.order; lastGood is not used',
    store: (s) => {
      s.order = { anthropic: ['anthropic:key', 'anthropic:manual'] };
      s.lastGood = { anthropic: 'anthropic:oauth' };
    },
    config: { auth: { order: { anthropic: ['anthropic:oauth'] } } },
    order: ['anthropic:key', 'anthropic:manual'],
    source: 'store',
    skipped: { 'anthropic:oauth': 'not in the stored order for anthropic' },
  },
  {
    name: 'config order when the store has none',
    config: { auth: { order: { anthropic: ['anthropic:manual', 'anthropic:key'] } } },
    order: ['anthropic:manual', 'anthropic:key'],
    source: 'config',
    skipped: { 'anthropic:oauth': 'not in config auth.order for anthropic' },
  },
  {
    name: 'config auth.profiles ids when no order anywhere',
    config: { auth: { profiles: { 'anthropic:key': { provider: 'anthropic', mode: 'api_key' } } } },
    order: ['anthropic:key'],
    source: 'round-robin',
    skipped: { 'anthropic:manual': 'not in config auth.profiles for anthropic', 'anthropic:oauth': 'not in config auth.profiles for anthropic' },
  },
  {
    name: 'explicit order keeps order but moves cooldown/disabled last, soonest first',
    store: (s) => {
      s.order = { anthropic: ['anthropic:key', 'anthropic:manual', 'anthropic:oauth'] };
      s.usageStats = {
        'anthropic:key': { disabledUntil: NOW + 5 * H, disabledReason: 'billing' },
        'anthropic:manual': { cooldownUntil: NOW + 5 * MIN, lastFailureReason: 'rate_limit' },
      };
    },
    order: ['anthropic:oauth', 'anthropic:manual', 'anthropic:key'],
    source: 'store',
    skipped: {
      'anthropic:manual': `cooldown until ${formatClock(NOW + 5 * MIN, NOW)} (rate_limit)`,
      'anthropic:key': `disabled for billing until ${formatClock(NOW + 5 * H, NOW)}`,
    },
  },
  {
    name: 'expired cooldowns do not count',
    store: (s) => {
      s.order = { anthropic: ['anthropic:key', 'anthropic:manual'] };
      s.usageStats = { 'anthropic:key': { cooldownUntil: NOW - 1 } };
    },
    order: ['anthropic:key', 'anthropic:manual'],
    source: 'store',
    skipped: { 'anthropic:oauth': 'not in the stored order for anthropic' },
  },
  {
    name: 'missing secret, expired token, missing profile, wrong provider',
    store: (s) => {
      s.profiles['anthropic:key'] = { type: 'api_key', provider: 'anthropic', key: '' };
      s.profiles['anthropic:manual'] = { type: 'token', provider: 'anthropic', token: 'sk-ant-oat01-x', expires: NOW - 1 };
      s.order = { anthropic: ['anthropic:gone', 'openai:default', 'anthropic:key', 'anthropic:manual', 'anthropic:oauth'] };
    },
    order: ['anthropic:oauth'],
    source: 'store',
    skipped: {
      'anthropic:gone': 'not in the store',
      'openai:default': 'profile is for openai, not anthropic',
      'anthropic:key': 'no secret stored',
      'anthropic:manual': 'token expired',
    },
  },
  {
    name: 'mode mismatch filtered, except config oauth accepts a token',
    config: {
      auth: {
        profiles: {
          'anthropic:manual': { provider: 'anthropic', mode: 'oauth' },
          'anthropic:key': { provider: 'anthropic', mode: 'token' },
          'anthropic:oauth': { provider: 'anthropic', mode: 'api_key' },
        },
      },
    },
    order: ['anthropic:manual'],
    source: 'round-robin',
    skipped: {
      'anthropic:key': 'config says mode token, store has api_key',
      'anthropic:oauth': 'config says mode api_key, store has oauth',
    },
  },
  {
    name: 'expired oauth that can refresh stays; one whose refresh was rejected is skipped',
    store: (s) => {
      s.profiles['anthropic:oauth'] = { type: 'oauth', provider: 'anthropic', access: 'a', refresh: 'r1', expires: NOW - 1 };
      s.profiles['anthropic:dead'] = { type: 'oauth', provider: 'anthropic', access: 'a', refresh: 'r2', expires: NOW - 1 };
      s.usageStats = { 'anthropic:dead': { reauthRequired: { at: NOW - 5, reason: 'invalid_grant', refreshFingerprint: refreshTokenFingerprint('r2') } } };
    },
    order: ['anthropic:oauth', 'anthropic:manual', 'anthropic:key'],
    source: 'round-robin',
    skipped: { 'anthropic:dead': 'sign-in required: refresh rejected (invalid_grant)' },
  },
  {
    name: 'preferred profile first',
    preferred: 'anthropic:key',
    order: ['anthropic:key', 'anthropic:oauth', 'anthropic:manual'],
    source: 'round-robin',
  },
  {
    name: 'preferred profile that is unusable is ignored',
    preferred: 'anthropic:nope',
    order: ['anthropic:oauth', 'anthropic:manual', 'anthropic:key'],
    source: 'round-robin',
  },
  {
    name: 'unknown future credential type is skipped with a reason',
    store: (s) => {
      s.profiles['anthropic:future'] = { type: 'passkey', provider: 'anthropic' };
    },
    order: ['anthropic:oauth', 'anthropic:manual', 'anthropic:key'],
    source: 'round-robin',
    skipped: { 'anthropic:future': 'unknown credential type "passkey" (written by a newer program)' },
  },
];

describe('resolveProfileOrder', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const store = baseStore();
    c.store?.(store);
    const r = resolveProfileOrder({ provider: 'anthropic', store, config: c.config ?? {}, now: NOW, preferredProfile: c.preferred });
    expect(r.order).toEqual(c.order);
    expect(r.source).toBe(c.source);
    expect(Object.fromEntries(r.skipped.map((s) => [s.profileId, s.reason]))).toEqual(c.skipped ?? {});
  });

  it('provider ids are compared case-insensitively', () => {
    const r = resolveProfileOrder({ provider: 'Anthropic', store: baseStore(), config: {}, now: NOW });
    expect(r.order).toHaveLength(3);
  });

  it('round-robin is one stable sort by (type, lastUsed): ties keep store order', () => {
    // Few distinct lastUsed values and missing stats, so most comparisons are ties; the sort runs
    // on positions and breaks ties by position, which must come out as a stable sort's order.
    const TYPES = ['oauth', 'token', 'api_key'] as const;
    const profile = fc.record({ type: fc.constantFrom(...TYPES), lastUsed: fc.option(fc.constantFrom(NOW - 3 * MIN, NOW - 2 * MIN, NOW - MIN), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(profile, { maxLength: 40 }), (list) => {
        const store: AuthProfileStore = { version: 1, profiles: {}, usageStats: {} };
        list.forEach((p, i) => {
          const id = `anthropic:p${i}`;
          store.profiles[id] =
            p.type === 'oauth'
              ? { type: 'oauth', provider: 'anthropic', access: 'acc', refresh: 'ref', expires: NOW + H }
              : p.type === 'token'
                ? { type: 'token', provider: 'anthropic', token: 'tok-aaaaaaaaaaaaaaaaaaaa' }
                : { type: 'api_key', provider: 'anthropic', key: 'sk-aaaaaaaaaaaaaaaaaaaa' };
          if (p.lastUsed !== undefined) store.usageStats![id] = { lastUsed: p.lastUsed };
        });
        const expected = list
          .map((p, i) => ({ id: `anthropic:p${i}`, rank: TYPES.indexOf(p.type), lastUsed: p.lastUsed ?? 0 }))
          .sort((a, b) => a.rank - b.rank || a.lastUsed - b.lastUsed)
          .map((e) => e.id);
        expect(resolveProfileOrder({ provider: 'anthropic', store, config: {}, now: NOW }).order).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('nextProfile is the first not cooling down', () => {
    const store = baseStore();
    store.usageStats = { 'anthropic:oauth': { cooldownUntil: NOW + MIN } };
    const r = resolveProfileOrder({ provider: 'anthropic', store, config: {}, now: NOW });
    expect(r.order.at(-1)).toBe('anthropic:oauth');
    expect(nextProfile(r, store, NOW)).toBe('anthropic:manual');
  });
});

describe('skip reason wording', () => {
  it('formats clock times as HH:MM, and with the date when far away', () => {
    const d = new Date(NOW + 5 * MIN);
    const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    expect(describeUnusable({ kind: 'cooldown', reason: 'rate_limit', until: NOW + 5 * MIN, remainingMs: 5 * MIN }, NOW)).toBe(`cooldown until ${hm} (rate_limit)`);
    expect(formatClock(NOW + 3 * 24 * H, NOW)).toMatch(/^[A-Z][a-z]{2} \d{1,2} \d\d:\d\d$/);
  });
});
