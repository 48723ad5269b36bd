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
});
