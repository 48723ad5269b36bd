// The dashboard's pure row view-model and store actions with fake dependencies: states at a
// moment, the order shown, scrolling, and what happens when a save fails.
import { describe, expect, it } from 'vitest';
import {
  countdownText,
  createDashboardStore,
  lastUsedText,
  liveStatus,
  rowDetail,
  scrollWindow,
  unusableText,
} from '../../src/state/dashboard/index.js';
import { ClawdbotError } from '../../src/util/errors.js';
import { DAY, HOUR, agentReport, fakeDeps, profile, shownIds, statusReport } from '../helpers/dashboard-fixtures.js';
import { derivedSections as buildSections } from '../helpers/dashboard-reference.js';

const T = Date.UTC(2026, 10, 23, 12);

describe('row view-model', () => {
  it('re-derives the state from expiresAt with the report thresholds', () => {
    const row = { reportStatus: 'ok' as const, expiresAt: T + 25 * HOUR };
    expect(liveStatus(row, T, DAY)).toBe('ok');
    expect(liveStatus(row, T + HOUR, DAY)).toBe('expiring'); // exactly 24 h left
    expect(liveStatus(row, T + 25 * HOUR - 1, DAY)).toBe('expiring');
    expect(liveStatus(row, T + 25 * HOUR, DAY)).toBe('expired');
    // Missing and static never change with time; a refresh-token-only OAuth record stays expired.
    expect(liveStatus({ reportStatus: 'static' }, T + 100 * DAY, DAY)).toBe('static');
    expect(liveStatus({ reportStatus: 'missing', expiresAt: T + DAY * 9 }, T, DAY)).toBe('missing');
    expect(liveStatus({ reportStatus: 'expired', expiresAt: T + 9 * DAY }, T, DAY)).toBe('expired');
  });

  it('formats countdowns, cooldowns and last use', () => {
    expect(countdownText({ expiresAt: T + 65_000 }, T)).toBe('in 1m 05s');
    expect(countdownText({ expiresAt: T - 3 * HOUR }, T)).toBe('3h 00m ago');
    expect(countdownText({}, T)).toBe('');
    expect(unusableText({ unusable: { kind: 'disabled', until: T + 5 * HOUR } }, T)).toBe('disabled 5h 00m');
    expect(unusableText({ unusable: { kind: 'cooldown', until: T } }, T)).toBe('');
    expect(lastUsedText(T - 30_000, T)).toBe('just now');
    expect(lastUsedText(T - 3 * DAY, T)).toBe('3d ago');
    expect(lastUsedText(undefined, T)).toBe('');
  });

  it('describes the selected row: email, source, why it is skipped, the fix', () => {
    const agent = agentReport([
      profile({ profileId: 'a:1', email: 'me@example.com', skipReason: 'expired 2h ago', fix: 'clawdbot models auth login --provider a' }),
    ]);
    const row = buildSections(agent)[0]!.rows[0]!;
    expect(rowDetail(row)).toBe('a:1 · me@example.com · skipped: expired 2h ago · fix: clawdbot models auth login --provider a');
  });

  it("lists each provider's profiles in the order they are tried, then the rest", () => {
    const agent = agentReport([
      profile({ profileId: 'a:1', orderPosition: 2 }),
      profile({ profileId: 'a:2', orderPosition: null, skipReason: 'token expired' }),
      profile({ profileId: 'a:3', orderPosition: 1 }),
      profile({ profileId: 'b:1', orderPosition: 1 }),
    ]);
    agent.providers[0]!.order = ['a:3', 'a:1'];
    const [a, b] = buildSections(agent);
    // Positions count what a request tries now; a skipped profile has none (shown as "-").
    expect(a!.rows.map((r) => [r.position, r.profileId])).toEqual([[1, 'a:3'], [2, 'a:1'], [0, 'a:2']]);
    // Moving a profile renumbers as it goes.
    expect(buildSections(agent, { orderOverride: { a: ['a:2', 'a:1', 'a:3'] } })[0]!.rows.map((r) => [r.position, r.profileId])).toEqual([[0, 'a:2'], [1, 'a:1'], [2, 'a:3']]);
    expect(b!.rows.map((r) => r.profileId)).toEqual(['b:1']);
    expect(buildSections(agent, { orderOverride: { a: ['a:2', 'a:3', 'a:1'] } })[0]!.rows.map((r) => r.profileId)).toEqual(['a:2', 'a:3', 'a:1']);
    // The filter hides non-matching rows and empty providers.
    expect(buildSections(agent, { filter: 'B:' }).map((s) => s.provider)).toEqual(['b']);
  });

  it('scrolls as little as possible and keeps the selection inside the window', () => {
    expect(scrollWindow(0, 5, 10, 100)).toBe(0);
    expect(scrollWindow(0, 10, 10, 100)).toBe(1);
    expect(scrollWindow(50, 40, 10, 100)).toBe(39); // one above, for the provider title
    expect(scrollWindow(95, 99, 10, 100)).toBe(90);
    for (let cursor = 0; cursor < 100; cursor += 7) {
      const top = scrollWindow(37, cursor, 10, 100);
      expect(cursor).toBeGreaterThanOrEqual(top);
      expect(cursor).toBeLessThan(top + 10);
    }
  });
});

describe('dashboard store actions', () => {
  function build() {
    const report = statusReport([agentReport([profile({ profileId: 'a:1' }), profile({ profileId: 'a:2' }), profile({ profileId: 'a:3' })])], T);
    const deps = fakeDeps(report);
    return { deps, store: createDashboardStore(deps, { agentId: 'main' }) };
  }

  it('a failed save shows one clear line and puts the order back', async () => {
    const { deps, store } = build();
    deps.mutations.saveOrder = async () => {
      throw new ClawdbotError('Could not lock auth-profiles.json within 10s; nothing was written.');
    };
    await store.getState().start();
    const s = () => store.getState();
    s().pick();
    s().movePicked(2);
    expect(shownIds(store)).toEqual(['a:2', 'a:3', 'a:1']);
    await s().drop();
    expect(s().message).toEqual({ kind: 'error', text: 'Could not lock auth-profiles.json within 10s; nothing was written.' });
    expect(shownIds(store)).toEqual(['a:1', 'a:2', 'a:3']);
    expect(s().busy).toBe(false);
    s().stop();
  });

  it('dropping without moving saves nothing; the filter blocks reordering', async () => {
    const { deps, store } = build();
    await store.getState().start();
    const s = () => store.getState();
    s().pick();
    await s().drop();
    expect(deps.calls.some((c) => c[0] === 'saveOrder')).toBe(false);
    expect(s().message?.text).toMatch(/unchanged/);
    s().setFilter('a:');
    s().pick();
    expect(s().picked).toBeNull();
    expect(s().message?.text).toMatch(/Clear the filter/);
    s().stop();
  });

  it('a change seen while a load runs causes exactly one more load', async () => {
    const { deps, store } = build();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const orig = deps.loadReport;
    let loads = 0;
    deps.loadReport = async (id) => {
      loads++;
      if (loads === 1) await gate;
      return orig(id);
    };
    const started = store.getState().start();
    for (let i = 0; i < 5; i++) deps.fireChange();
    release();
    await started;
    await new Promise((r) => setTimeout(r, 10));
    expect(loads).toBe(2);
    store.getState().stop();
  });
});
