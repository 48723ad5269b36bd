import { describe, expect, it } from 'vitest';
import { nextAutoPin, parseModelDirective, renderModelStatus, resolveModelRef, resolveSessionOverride } from '../../src/auth/session-override.js';
import type { AuthProfileStore } from '../../src/store/auth-profiles.js';
import type { ClawdbotConfig } from '../../src/store/config.js';

const NOW = 1_760_000_000_000;
const H = 3_600_000;

const config: ClawdbotConfig = {
  agents: { defaults: { models: { 'anthropic/claude-opus-4-5': { alias: 'opus' }, 'openai-codex/gpt-5.2': { alias: 'codex' } } } },
};

function store(): AuthProfileStore {
  return {
    version: 1,
    profiles: {
      'anthropic:work': { type: 'token', provider: 'anthropic', token: 'sk-ant-oat01-wwwwwwwwwwwwwwwwwwwwwwww1234', expires: NOW + 5 * H },
      'anthropic:key': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-kkkkkkkkkkkkkkkkkkkkkkkk9876' },
      'openai-codex:me@example.com': { type: 'oauth', provider: 'openai-codex', access: 'a', refresh: 'r', expires: NOW + H },
    },
    lastGood: { anthropic: 'anthropic:key' },
  };
}

describe('parseModelDirective', () => {
  it.each([
    ['/model opus@anthropic:work', { kind: 'set', model: 'opus', profileId: 'anthropic:work' }],
    ['/model codex@openai-codex:me@example.com', { kind: 'set', model: 'codex', profileId: 'openai-codex:me@example.com' }],
    ['/model anthropic/claude-opus-4-5', { kind: 'set', model: 'anthropic/claude-opus-4-5' }],
    ['  /model   status ', { kind: 'status' }],
    ['/model', { kind: 'show' }],
    ['hello /model opus', undefined],
    ['/models', undefined],
  ])('%j', (text, want) => expect(parseModelDirective(text)).toEqual(want));

  it.each([
    ['/model @anthropic:work', /Give a model before the @/],
    ['/model opus@', /Give a profile id after the @/],
  ])('%j is a clear usage error', (text, re) => expect(() => parseModelDirective(text)).toThrow(re));
});

describe('resolveSessionOverride', () => {
  it('resolves an alias and pins the profile', () => {
    expect(resolveSessionOverride({ directive: '/model opus@anthropic:work', store: store(), config })).toEqual({
      provider: 'anthropic',
      model: 'claude-opus-4-5',
      profileId: 'anthropic:work',
      source: 'user',
    });
  });
  it('accepts provider/model ids and e-mail profile ids', () => {
    expect(resolveSessionOverride({ directive: '/model openai-codex/gpt-5.2@openai-codex:me@example.com', store: store(), config }).profileId).toBe('openai-codex:me@example.com');
  });
  it.each([
    ['/model opus@anthropic:nope', 'Auth profile "anthropic:nope" not found.'],
    ['/model opus@openai-codex:me@example.com', 'Auth profile "openai-codex:me@example.com" is for openai-codex, not anthropic.'],
    ['/model sonnet@anthropic:work', /Unknown model "sonnet"/],
  ])('%s -> %s', (directive, want) => {
    expect(() => resolveSessionOverride({ directive, store: store(), config })).toThrow(want);
  });
  it('resolveModelRef is case-insensitive for aliases', () => {
    expect(resolveModelRef('OPUS', config)).toMatchObject({ provider: 'anthropic', alias: 'opus' });
  });
});

describe('renderModelStatus', () => {
  it('lists candidates in order with next and lastGood flags and masked secrets', () => {
    const text = renderModelStatus({ provider: 'anthropic', store: store(), config, now: NOW, model: 'anthropic/claude-opus-4-5' });
    expect(text).toContain('Model: anthropic/claude-opus-4-5');
    expect(text).toContain('Auth profiles for anthropic (order: round-robin):');
    expect(text).toMatch(/1\. anthropic:work {2}token sk-ant-oat01-…1234 exp 5h 00m \(soon\) {2}\[next\]/);
    expect(text).toMatch(/2\. anthropic:key {2}api_key sk-ant-api03-…9876 static {2}\[lastGood\]/);
    expect(text).toContain('Next request uses: anthropic:work');
    expect(text).not.toContain('wwwwwwwwwwww');
  });

  it('shows cooldowns and moves next past them', () => {
    const s = store();
    s.usageStats = { 'anthropic:work': { cooldownUntil: NOW + 5 * 60_000, lastFailureReason: 'rate_limit' } };
    const text = renderModelStatus({ provider: 'anthropic', store: s, config, now: NOW });
    expect(text).toMatch(/anthropic:work .*\[cooldown 5m 00s\]/);
    expect(text).toContain('Next request uses: anthropic:key');
  });

  it('a user pin is the next profile even in cooldown, and says so', () => {
    const s = store();
    s.usageStats = { 'anthropic:key': { disabledUntil: NOW + 9 * H, disabledReason: 'billing' } };
    const text = renderModelStatus({ provider: 'anthropic', store: s, config, now: NOW, override: { profileId: 'anthropic:key', source: 'user' } });
    expect(text).toMatch(/anthropic:key .*\[next, lastGood, pinned, disabled:billing 9h 00m\]/);
    expect(text).toContain('Next request uses: anthropic:key');
    expect(text).toMatch(/Pinned for this session: anthropic:key \(disabled for billing until/);
  });

  it('skipped profiles are listed with the reason', () => {
    const s = store();
    s.profiles['anthropic:old'] = { type: 'token', provider: 'anthropic', token: 'sk-ant-oat01-x', expires: NOW - 1 };
    const text = renderModelStatus({ provider: 'anthropic', store: s, config, now: NOW });
    expect(text).toMatch(/- anthropic:old {2}token .* {2}skipped: token expired/);
  });

  it('no candidates at all', () => {
    const text = renderModelStatus({ provider: 'openrouter', store: store(), config, now: NOW });
    expect(text).toContain('No available auth profile for openrouter (all in cooldown or unavailable).');
  });
});

describe('nextAutoPin', () => {
  const base = { provider: 'anthropic', config, now: NOW };
  it.each([
    ['no pin yet -> first in order', undefined, true, undefined, 'anthropic:work'],
    ['new session advances round-robin', 'anthropic:work', true, undefined, 'anthropic:key'],
    ['wraps around', 'anthropic:key', true, undefined, 'anthropic:work'],
    ['same session keeps a usable pin', 'anthropic:key', false, undefined, 'anthropic:key'],
    ['pin in cooldown is re-picked even mid-session', 'anthropic:work', false, 'anthropic:work', 'anthropic:key'],
    ['all cooling down -> none', 'anthropic:work', true, 'all', undefined],
  ] as const)('%s', (_n, current, advance, cooling, want) => {
    const s = store();
    if (cooling === 'anthropic:work') s.usageStats = { 'anthropic:work': { cooldownUntil: NOW + 60_000 } };
    if (cooling === 'all') s.usageStats = { 'anthropic:work': { cooldownUntil: NOW + 60_000 }, 'anthropic:key': { cooldownUntil: NOW + 60_000 } };
    expect(nextAutoPin({ ...base, store: s, current, advance })).toBe(want);
  });
});
