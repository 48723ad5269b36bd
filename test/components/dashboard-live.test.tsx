// The dashboard's clock: countdowns tick every second, an expiring token turns expired on time,
// a cooldown ends on time. Fake timers drive the injected clock (Date.now) and the 1 s ticker.
import { renderInk } from '../helpers/ink-ui.js'; // first: CI must be gone before Ink loads
import React from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Dashboard } from '../../components/dashboard/Dashboard.js';
import { createDashboardStore } from '../../src/state/dashboard/index.js';
import { HOUR, agentReport, fakeDeps, profile, statusReport } from '../helpers/dashboard-fixtures.js';

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);

function lineOf(frame: string, id: string): string {
  return frame.split('\n').find((l) => l.includes(id)) ?? '';
}

async function advance(ms: number) {
  await vi.advanceTimersByTimeAsync(ms);
}

describe('dashboard countdowns (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup() {
    const report = statusReport(
      [
        agentReport([
          profile({ profileId: 'anthropic:soon', status: 'expiring', expiresAt: T0 + 5_000, remainingMs: 5_000, orderPosition: 1 }),
          profile({ profileId: 'anthropic:cool', status: 'ok', expiresAt: T0 + 30 * HOUR, orderPosition: null, unusable: { kind: 'cooldown', reason: 'rate_limit', until: T0 + 3_000, remainingMs: 3_000 } }),
          profile({ profileId: 'anthropic:key', type: 'api_key', status: 'static', orderPosition: 2 }),
          profile({ profileId: 'openai:off', status: 'ok', expiresAt: T0 + 48 * HOUR, unusable: { kind: 'disabled', reason: 'billing', until: T0 + 2 * HOUR, remainingMs: 2 * HOUR } }),
        ]),
      ],
      T0,
    );
    const deps = fakeDeps(report);
    const store = createDashboardStore(deps, { agentId: 'main' });
    const ui = renderInk(<Dashboard store={store} color={false} size={{ cols: 140, rows: 24 }} />);
    return { store, deps, ui };
  }

  it('counts down every second and turns expiring into expired exactly when the token expires', async () => {
    const { store, ui } = setup();
    await store.getState().start();
    await advance(0);
    let f = ui.frame();
    expect(lineOf(f, 'anthropic:soon')).toMatch(/expiring\s+in 5s/);

    await advance(1000);
    f = ui.frame();
    expect(lineOf(f, 'anthropic:soon')).toMatch(/expiring\s+in 4s/);

    await advance(3000); // T0 + 4 s: still one second left
    f = ui.frame();
    expect(lineOf(f, 'anthropic:soon')).toMatch(/expiring\s+in 1s/);

    await advance(1000); // T0 + 5 s: expired
    f = ui.frame();
    expect(lineOf(f, 'anthropic:soon')).toMatch(/expired\s+0s ago/);
    expect(lineOf(f, 'anthropic:soon')).not.toContain('expiring');

    await advance(65_000);
    f = ui.frame();
    expect(lineOf(f, 'anthropic:soon')).toMatch(/expired\s+1m 05s ago/);
    // Static rows never tick.
    expect(lineOf(f, 'anthropic:key')).toMatch(/static\s*$/);
    store.getState().stop();
    ui.unmount();
  });

  it('shows the cooldown with its own countdown and drops it the second it ends', async () => {
    const { store, ui } = setup();
    await store.getState().start();
    await advance(0);
    let f = ui.frame();
    expect(lineOf(f, 'anthropic:cool')).toContain('cooldown 3s');
    expect(lineOf(f, 'openai:off')).toContain('disabled 2h 00m');
    expect(f).toMatch(/1 cooldown/);

    await advance(2000);
    f = ui.frame();
    expect(lineOf(f, 'anthropic:cool')).toContain('cooldown 1s');

    await advance(1000); // until reached
    f = ui.frame();
    expect(lineOf(f, 'anthropic:cool')).not.toContain('cooldown');
    expect(f).not.toMatch(/\d cooldown/);
    // The disable keeps counting on its own clock.
    expect(lineOf(f, 'openai:off')).toContain('disabled 1h 59m');
    store.getState().stop();
    ui.unmount();
  });

  it('rebuilds the report when a watched file changes or a credential changes state by itself, never on every tick', async () => {
    const { store, deps, ui } = setup();
    await store.getState().start();
    await advance(0);
    const loads = () => deps.calls.filter((c) => c[0] === 'loadReport').length;
    const l0 = loads();
    await advance(2000);
    expect(loads()).toBe(l0);
    await advance(1000); // T0 + 3 s: the cooldown ends, the order changes
    expect(loads()).toBe(l0 + 1);
    await advance(5000); // the token expired at T0 + 5 s; rebuilt at most every 5 s: at T0 + 8 s
    expect(loads()).toBe(l0 + 2);
    await advance(60_000); // nothing changes by itself for hours now
    expect(loads()).toBe(l0 + 2);

    deps.setReport(
      statusReport([agentReport([profile({ profileId: 'anthropic:new', status: 'ok', expiresAt: T0 + 30 * HOUR })])], T0 + 10_000),
    );
    deps.fireChange();
    await advance(0);
    const f = ui.frame();
    expect(f).toContain('anthropic:new');
    expect(lineOf(f, 'anthropic:new')).toMatch(/ok\s+in 1d 5h/);
    expect(f).not.toContain('anthropic:soon');
    store.getState().stop();
    ui.unmount();
  });
});
