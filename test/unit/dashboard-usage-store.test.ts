// The dashboard's usage store: each profile is asked at most once a minute however often a report
// reloads or `u` is pressed; an answer that needed no request (an expired token) does not count;
// quitting aborts what is in flight; the cell and detail texts.
import { describe, expect, it } from 'vitest';
import { USAGE_MIN_INTERVAL_MS, createUsageStore, usageCell, usageDetail, usageKey } from '../../src/state/usage-store.js';
import type { ProfileUsage } from '../../src/usage/types.js';
import { waitFor } from '../helpers/store-cli.js';

const T0 = Date.UTC(2026, 11, 2, 12, 0, 0);

function ok(profileId: string, used: number[]): ProfileUsage {
  return {
    profileId,
    provider: 'anthropic',
    displayName: 'Claude',
    status: 'ok',
    windows: used.map((u, i) => ({ label: i === 0 ? '5h' : 'Week', usedPercent: u, resetAt: T0 + (i + 1) * 3_600_000 })),
    updatedAt: T0,
  };
}

function setup(answer: (id: string) => ProfileUsage) {
  let now = T0;
  const calls: string[][] = [];
  let signal: AbortSignal | undefined;
  const store = createUsageStore({
    now: () => now,
    async fetchUsage(_agent, ids, s) {
      calls.push([...ids]);
      signal = s;
      return ids.map(answer);
    },
  });
  return { store, calls, advance: (ms: number) => (now += ms), signal: () => signal };
}

describe('dashboard usage store', () => {
  it('asks each profile at most once a minute, however often it is asked', async () => {
    const { store, calls, advance } = setup((id) => ok(id, [42, 12]));
    expect(store.getState().refresh('main', ['anthropic:a', 'anthropic:b'])).toEqual({ asked: 2, waitMs: 0 });
    // While the first answer is on its way, and right after it: nothing more is sent.
    expect(store.getState().refresh('main', ['anthropic:a', 'anthropic:b']).asked).toBe(0);
    await waitFor(() => !store.getState().entries[usageKey('main', 'anthropic:a')]!.pending, 'the answer');
    advance(20_000);
    expect(store.getState().refresh('main', ['anthropic:a', 'anthropic:b'])).toEqual({ asked: 0, waitMs: USAGE_MIN_INTERVAL_MS - 20_000 });
    // A profile that was never asked is asked at once.
    expect(store.getState().refresh('main', ['anthropic:a', 'anthropic:c']).asked).toBe(1);
    expect(calls).toEqual([['anthropic:a', 'anthropic:b'], ['anthropic:c']]);
    advance(40_000);
    expect(store.getState().refresh('main', ['anthropic:a', 'anthropic:b', 'anthropic:c']).asked).toBe(2);
    expect(calls.at(-1)).toEqual(['anthropic:a', 'anthropic:b']);
    // The same profile id of another agent is another profile.
    expect(store.getState().refresh('ops', ['anthropic:a']).asked).toBe(1);
  });

  it('an expired token (no request made) is looked at again on the next reload', async () => {
    let expired = true;
    const { store, calls } = setup((id) => (expired ? { profileId: id, provider: 'anthropic', status: 'expired', windows: [], error: 'usage: token expired', updatedAt: T0 } : ok(id, [10])));
    store.getState().refresh('main', ['anthropic:a']);
    await waitFor(() => store.getState().entries[usageKey('main', 'anthropic:a')]?.usage, 'the answer');
    expired = false; // the token was refreshed by another process
    expect(store.getState().refresh('main', ['anthropic:a']).asked).toBe(1);
    await waitFor(() => store.getState().entries[usageKey('main', 'anthropic:a')]?.usage?.status === 'ok', 'the new answer');
    expect(calls).toHaveLength(2);
  });

  it('stop() aborts the request in flight and asks nothing more', () => {
    const { store, signal } = setup((id) => ok(id, [1]));
    store.getState().refresh('main', ['anthropic:a']);
    store.getState().stop();
    expect(signal()!.aborted).toBe(true);
    expect(store.getState().refresh('main', ['anthropic:b']).asked).toBe(0);
  });

  it('cell: percent left of the tightest window, coloured by how low it runs; detail: each window and its reset', () => {
    expect(usageCell({ pending: false, usage: ok('a', [42, 12]) })).toEqual({ text: '58% left', level: 'ok' });
    expect(usageCell({ pending: false, usage: ok('a', [10, 75]) })).toEqual({ text: '25% left', level: 'low' });
    expect(usageCell({ pending: false, usage: ok('a', [95, 70]) })).toEqual({ text: '5% left', level: 'critical' });
    expect(usageCell({ pending: true })).toEqual({ text: '…', level: 'quiet' });
    expect(usageCell(undefined).text).toBe('');
    expect(usageCell({ pending: false, usage: { ...ok('a', []), status: 'no_scope', error: 'usage not available for this token' } }).text).toBe('n/a');
    expect(usageDetail({ pending: false, usage: ok('a', [42, 12]) }, T0 + 30 * 60_000)).toBe('usage: 5h 58% left (resets in 30m 00s) · Week 88% left (resets in 1h 30m)');
    expect(usageDetail({ pending: false, usage: { ...ok('a', []), status: 'offline', error: 'usage unavailable (offline)' } }, T0)).toBe('usage unavailable (offline)');
    expect(usageDetail({ pending: false, usage: { ...ok('a', []), status: 'unsupported', error: 'no usage endpoint' } }, T0)).toBe('');
  });
});
