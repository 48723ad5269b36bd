import { describe, expect, it } from 'vitest';
import { DEFAULT_WARN_MS, credentialHealth, isHealthAlarm, reauthRequired, refreshTokenFingerprint } from '../../src/auth/health.js';
import type { AnyCredential } from '../../src/store/auth-profiles.js';

const NOW = 1_760_000_000_000;
const H = 3_600_000;

describe('credentialHealth', () => {
  const cases: Array<[string, AnyCredential, { status: string; canRefresh: boolean; remainingMs?: number }]> = [
    ['api key', { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-xxxxxxxxxxxxxxxxxxxx' }, { status: 'static', canRefresh: false }],
    ['empty api key', { type: 'api_key', provider: 'anthropic', key: '  ' }, { status: 'missing', canRefresh: false }],
    ['token without expiry', { type: 'token', provider: 'anthropic', token: 'sk-ant-oat01-abc' }, { status: 'static', canRefresh: false }],
    ['empty token', { type: 'token', provider: 'anthropic', token: '' }, { status: 'missing', canRefresh: false }],
    ['token far off', { type: 'token', provider: 'anthropic', token: 't', expires: NOW + 48 * H }, { status: 'ok', canRefresh: false, remainingMs: 48 * H }],
    ['token in window', { type: 'token', provider: 'anthropic', token: 't', expires: NOW + 2 * H }, { status: 'expiring', canRefresh: false, remainingMs: 2 * H }],
    ['token exactly at window edge', { type: 'token', provider: 'anthropic', token: 't', expires: NOW + DEFAULT_WARN_MS }, { status: 'expiring', canRefresh: false }],
    ['token expired', { type: 'token', provider: 'anthropic', token: 't', expires: NOW - 5 * 60_000 }, { status: 'expired', canRefresh: false, remainingMs: -5 * 60_000 }],
    ['oauth ok', { type: 'oauth', provider: 'openai-codex', access: 'a', refresh: 'r', expires: NOW + 30 * H }, { status: 'ok', canRefresh: true }],
    ['oauth expiring', { type: 'oauth', provider: 'openai-codex', access: 'a', refresh: 'r', expires: NOW + H }, { status: 'expiring', canRefresh: true }],
    ['oauth expired but refreshable', { type: 'oauth', provider: 'openai-codex', access: 'a', refresh: 'r', expires: NOW - H }, { status: 'expired', canRefresh: true }],
    ['oauth expired, no refresh', { type: 'oauth', provider: 'openai-codex', access: 'a', refresh: '', expires: NOW - H }, { status: 'expired', canRefresh: false }],
    ['oauth nothing', { type: 'oauth', provider: 'openai-codex', access: '', refresh: '', expires: NOW }, { status: 'missing', canRefresh: false }],
    ['oauth refresh only', { type: 'oauth', provider: 'openai-codex', access: '', refresh: 'r', expires: 0 }, { status: 'expired', canRefresh: true }],
    ['future credential type', { type: 'passkey', provider: 'x' }, { status: 'static', canRefresh: false }],
  ];
  it.each(cases)('%s', (_name, cred, want) => {
    const h = credentialHealth(cred, NOW, DEFAULT_WARN_MS);
    expect(h.status).toBe(want.status);
    expect(h.canRefresh).toBe(want.canRefresh);
    if (want.remainingMs !== undefined) expect(h.remainingMs).toBe(want.remainingMs);
  });

  it('uses the warn window it is given', () => {
    const cred: AnyCredential = { type: 'token', provider: 'p', token: 't', expires: NOW + 2 * H };
    expect(credentialHealth(cred, NOW, H).status).toBe('ok');
    expect(credentialHealth(cred, NOW, 3 * H).status).toBe('expiring');
  });

  it('an expired but refreshable access token is not an alarm; an expired static one is', () => {
    expect(isHealthAlarm(credentialHealth({ type: 'oauth', provider: 'p', access: 'a', refresh: 'r', expires: NOW - 1 }, NOW, DEFAULT_WARN_MS))).toBe(false);
    expect(isHealthAlarm(credentialHealth({ type: 'token', provider: 'p', token: 't', expires: NOW - 1 }, NOW, DEFAULT_WARN_MS))).toBe(true);
  });
});

describe('reauthRequired', () => {
  const cred: AnyCredential = { type: 'oauth', provider: 'p', access: 'a', refresh: 'refresh-1', expires: NOW };
  it('applies while the rejected refresh token is still stored', () => {
    const stats = { reauthRequired: { at: NOW, reason: 'invalid_grant', refreshFingerprint: refreshTokenFingerprint('refresh-1') } };
    expect(reauthRequired(cred, stats)?.reason).toBe('invalid_grant');
  });
  it('no longer applies after a new login stored another refresh token', () => {
    const stats = { reauthRequired: { at: NOW, reason: 'invalid_grant', refreshFingerprint: refreshTokenFingerprint('old') } };
    expect(reauthRequired(cred, stats)).toBeUndefined();
  });
});
