// The dashboard's USAGE column and detail line with a slow usage endpoint: the table and the keys
// never wait for it; the answer fills the column and the selected profile's line when it comes.
import { renderInk } from '../helpers/ink-ui.js'; // first: CI must be gone before Ink loads
import React from 'react';
import { describe, expect, it } from 'vitest';
import { Dashboard } from '../../components/dashboard/Dashboard.js';
import { createDashboardStore } from '../../src/state/dashboard/index.js';
import { createUsageStore } from '../../src/state/usage-store.js';
import type { ProfileUsage } from '../../src/usage/types.js';
import { HOUR, agentReport, fakeDeps, profile, statusReport } from '../helpers/dashboard-fixtures.js';
import { waitFor } from '../helpers/store-cli.js';

const lineOf = (frame: string, id: string) => frame.split('\n').find((l) => l.includes(id)) ?? '';

describe('dashboard usage', () => {
  it('draws the table before usage answers, moves on a key meanwhile, then shows the column and the windows', async () => {
    const now = Date.now();
    const report = statusReport(
      [
        agentReport([
          profile({ profileId: 'anthropic:work', type: 'oauth', status: 'ok', expiresAt: now + 5 * HOUR, orderPosition: 1 }),
          profile({ profileId: 'anthropic:personal', type: 'oauth', status: 'ok', expiresAt: now + 5 * HOUR, orderPosition: 2 }),
          profile({ profileId: 'anthropic:key', type: 'api_key', status: 'static', orderPosition: 3 }),
        ]),
      ],
      now,
    );
    let release!: (list: ProfileUsage[]) => void;
    const asked: string[][] = [];
    const usage = createUsageStore({
      now: () => Date.now(),
      fetchUsage: (_agent, ids) => {
        asked.push([...ids]);
        return new Promise((resolve) => (release = resolve));
      },
    });
    const store = createDashboardStore(fakeDeps(report), { agentId: 'main' });
    const ui = renderInk(<Dashboard store={store} color={false} usage={usage} size={{ cols: 140, rows: 20 }} />);
    try {
      await store.getState().start();
      const frame = ui.frame;
      await waitFor(() => frame().includes('anthropic:personal') && frame().includes('USAGE'), 'the table');
      // Asked only after the table was drawn, and still unanswered: the rows say so.
      await waitFor(() => asked.length === 1, 'the usage request');
      expect(asked[0]).toEqual(['anthropic:work', 'anthropic:personal', 'anthropic:key']);
      await waitFor(() => lineOf(frame(), 'anthropic:work').includes('…'), 'the pending cell');
      // Keys work while usage is on its way.
      ui.press('down');
      await waitFor(() => lineOf(frame(), 'anthropic:personal').startsWith('›'), 'the selection moved');

      const w = (p: string, a: number, b: number): ProfileUsage => ({
        profileId: p,
        provider: 'anthropic',
        displayName: 'Claude',
        status: 'ok',
        windows: [
          { label: '5h', usedPercent: a, resetAt: now + 2 * HOUR + 10 * 60_000 + 30_000 },
          { label: 'Week', usedPercent: b },
        ],
        updatedAt: now,
      });
      release([w('anthropic:work', 42, 12), w('anthropic:personal', 95, 70), { profileId: 'anthropic:key', provider: 'anthropic', status: 'unsupported', windows: [], error: 'no usage endpoint', updatedAt: now }]);
      await waitFor(() => /anthropic:work .*58% left\s+expiring/.test(lineOf(frame(), 'anthropic:work')), 'the work account usage');
      expect(lineOf(frame(), 'anthropic:personal')).toMatch(/5% left\s+expiring/);
      expect(lineOf(frame(), 'anthropic:key')).toMatch(/…abcd\s+static/);
      // The selected profile's windows, with the time to each reset, on the line under the table.
      await waitFor(() => frame().includes('anthropic:personal · usage: 5h 5% left (resets in 2h 10m) · Week 30% left'), 'the detail line');

      // `u` within the minute: nothing is asked; the message says when it can be.
      ui.type('u');
      await waitFor(() => frame().includes('Usage was asked less than a minute ago; ask again in'), 'the limit message');
      expect(asked).toHaveLength(1);
    } finally {
      store.getState().stop();
      usage.getState().stop();
      ui.unmount();
    }
  });

  it('asks for the profiles on screen and a page around them, then for the rows PgDn and the filter bring into view', async () => {
    const now = Date.now();
    // 600 subscription profiles: far more than a screen.
    const ids = Array.from({ length: 600 }, (_, i) => `anthropic:s${String(i).padStart(3, '0')}`);
    const report = statusReport(
      [agentReport(ids.map((profileId, i) => profile({ profileId, type: 'oauth', status: 'ok', expiresAt: now + 5 * HOUR, orderPosition: i + 1 })))],
      now,
    );
    const asked: string[][] = [];
    let clock = now;
    const usage = createUsageStore({
      now: () => clock,
      fetchUsage: async (_agent, list) => {
        asked.push([...list]);
        return list.map((profileId) => ({ profileId, provider: 'anthropic', status: 'rejected' as const, windows: [], error: 'usage unavailable: the token was rejected (HTTP 401)', updatedAt: now }));
      },
    });
    const store = createDashboardStore(fakeDeps(report), { agentId: 'main' });
    const rows = 20;
    const ui = renderInk(<Dashboard store={store} color={false} usage={usage} size={{ cols: 140, rows }} />);
    const place = (id: string) => ids.indexOf(id);
    try {
      await store.getState().start();
      const frame = ui.frame;
      await waitFor(() => frame().includes('anthropic:s000') && asked.length === 1, 'the table and the first request');
      // The first screen and a page below it (nothing above the first line), never the whole store.
      expect(asked[0]![0]).toBe('anthropic:s000');
      expect(asked[0]!.length).toBeGreaterThan(rows / 2);
      expect(asked[0]!.length).toBeLessThan(2 * rows);
      expect(asked[0]).toEqual(ids.slice(0, asked[0]!.length));
      await waitFor(() => frame().includes('anthropic:s000 · usage unavailable: the token was rejected'), 'the answer on the detail line');

      // Four pages down: the rows now around the screen that were not asked yet, and only those.
      ui.press('pageDown', 'pageDown', 'pageDown', 'pageDown');
      await waitFor(() => asked.length === 2, 'the request for the rows scrolled into view');
      const first = new Set(asked[0]);
      expect(asked[1]!.some((id) => first.has(id))).toBe(false);
      const selected = store.getState().cursor!;
      expect(first.has(selected)).toBe(false);
      expect(asked[1]).toContain(selected);
      expect(Math.max(...asked[1]!.map(place)) - Math.min(...asked[1]!.map(place))).toBeLessThan(3 * rows);
      await waitFor(() => frame().includes(`${selected} · usage unavailable: the token was rejected`), 'the answer for the row scrolled to');

      // The filter brings a profile from far below into view: it is asked for.
      ui.type('/');
      ui.type('s577');
      await waitFor(() => asked.some((list) => list.includes('anthropic:s577')), 'the request for the profile the filter found');
      expect(asked.at(-1)).toEqual(['anthropic:s577']);
      const before = asked.length;
      ui.press('escape');
      // Esc brings every row back around the profile found: its neighbours are asked for.
      await waitFor(() => asked.length === before + 1, 'the request for the rows around the profile found');
      expect(asked.at(-1)).toEqual(expect.arrayContaining(['anthropic:s576', 'anthropic:s578']));
      expect(asked.at(-1)).not.toContain('anthropic:s577');

      // `u` within the minute: everything around the screen was asked; nothing is asked again.
      const total = asked.flat().length;
      ui.type('u');
      await waitFor(() => frame().includes('Usage was asked less than a minute ago'), 'the limit message');
      expect(asked.flat().length).toBe(total);
      expect(new Set(asked.flat()).size).toBe(total); // nobody asked twice within the minute
      expect(total).toBeLessThan(6 * rows);

      // A minute later `u` asks for the profiles around the screen, and the message counts them.
      clock += 61_000;
      ui.type('u');
      await waitFor(() => /Asking the usage endpoints for \d+ profiles…/.test(frame()), 'the asking message');
      const again = asked.at(-1)!;
      expect(frame()).toContain(`Asking the usage endpoints for ${again.length} profiles…`);
      expect(again).toContain(store.getState().cursor);
      expect(again.length).toBeLessThan(3 * rows);
    } finally {
      store.getState().stop();
      usage.getState().stop();
      ui.unmount();
    }
  });
});
