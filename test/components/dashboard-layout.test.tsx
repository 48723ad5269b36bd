// The dashboard never grows taller than the terminal: 500 profiles in a 20-row terminal scroll
// with the selection; narrow terminals drop the least important columns; resizes re-layout.
import { renderInk } from '../helpers/ink-ui.js'; // first: CI must be gone before Ink loads
import React from 'react';
import { describe, expect, it } from 'vitest';
import { Dashboard } from '../../components/dashboard/Dashboard.js';
import { computeColumns, visibleColumns } from '../../components/dashboard/layout.js';
import { createDashboardStore } from '../../src/state/dashboard/index.js';
import { agentReport, fakeDeps, manyProfiles, shownIds, statusReport } from '../helpers/dashboard-fixtures.js';
import { waitFor } from '../helpers/store-cli.js';


function selectedLine(frame: string): string | undefined {
  return frame.split('\n').find((l) => l.startsWith('›'));
}

describe('dashboard layout', () => {
  it('keeps 500 profiles inside a 20-row terminal and scrolls with the selection', async () => {
    const now = Date.now();
    const deps = fakeDeps(statusReport([agentReport(manyProfiles(500, now))], now));
    const store = createDashboardStore(deps, { agentId: 'main' });
    await store.getState().start();
    const ui = renderInk(<Dashboard store={store} color={false} size={{ cols: 120, rows: 20 }} />);
    try {
      const frame = ui.frame;
      await waitFor(() => frame().includes('anthropic:p0000'), 'first rows');
      expect(frame().split('\n').length).toBeLessThan(20);
      expect(selectedLine(frame())).toContain('anthropic:p0000');

      // Walk down 150 rows: the selected row is always on screen and the frame never grows.
      const ids = shownIds(store);
      for (let i = 1; i <= 150; i++) {
        ui.press('down');
        const want = ids[i]!;
        await waitFor(() => selectedLine(frame())?.includes(want), `selection on ${want}`);
        expect(frame().split('\n').length).toBeLessThan(20);
      }
      // The first rows scrolled away.
      expect(frame()).not.toContain('anthropic:p0000');

      // Page down jumps a page and the table follows; the last profile can be reached.
      ui.press('pageDown');
      await waitFor(() => store.getState().cursor === ids[150 + 13], 'page down');
      await waitFor(() => selectedLine(frame())?.includes(ids[163]!), 'page down on screen');
      store.getState().moveCursor(10_000);
      const last = ids[ids.length - 1]!;
      await waitFor(() => selectedLine(frame())?.includes(last), 'last row on screen');
      expect(frame().split('\n').length).toBeLessThan(20);
      // Back to the top: the first provider's title shows above the first row.
      store.getState().moveCursor(-10_000);
      await waitFor(() => selectedLine(frame())?.includes(ids[0]!), 'first row again');
      expect(frame()).toMatch(/^anthropic\s+100 profiles/m);
    } finally {
      store.getState().stop();
      ui.unmount();
    }
  });

  it('drops last used, usage, source, type and credential columns as the terminal narrows', () => {
    expect(visibleColumns(computeColumns(160))).toEqual(['marker', 'pos', 'id', 'type', 'source', 'masked', 'usage', 'state', 'countdown', 'unusable', 'lastUsed']);
    // A common 120-column terminal keeps the usage column; last used goes first.
    expect(visibleColumns(computeColumns(120))).toEqual(['marker', 'pos', 'id', 'type', 'source', 'masked', 'usage', 'state', 'countdown', 'unusable']);
    const at100 = visibleColumns(computeColumns(100));
    expect(at100).not.toContain('lastUsed');
    expect(at100).not.toContain('usage');
    expect(at100).toContain('id');
    const at60 = visibleColumns(computeColumns(60));
    expect(at60).toEqual(expect.arrayContaining(['id', 'state', 'countdown', 'unusable']));
    expect(at60).not.toContain('masked');
    for (const w of [30, 40, 60, 80, 100, 120, 200]) {
      const c = computeColumns(w);
      const total = visibleColumns(c).reduce((n, k) => n + c[k], 0);
      expect(total).toBeLessThanOrEqual(Math.max(20, w - 1));
    }
  });

  it('re-lays out on resize: no line wider than the terminal, columns come back when it widens', async () => {
    const now = Date.now();
    const deps = fakeDeps(statusReport([agentReport(manyProfiles(30, now))], now));
    const store = createDashboardStore(deps, { agentId: 'main' });
    await store.getState().start();
    const ui = renderInk(<Dashboard store={store} color={false} size={{ cols: 150, rows: 24 }} />);
    try {
      const frame = ui.frame;
      await waitFor(() => frame().includes('LAST USED'), 'wide layout');
      ui.rerender(<Dashboard store={store} color={false} size={{ cols: 60, rows: 12 }} />);
      await waitFor(() => !frame().includes('LAST USED') && !frame().includes('SOURCE'), 'narrow layout');
      for (const line of frame().split('\n')) expect(line.length).toBeLessThanOrEqual(60);
      expect(frame().split('\n').length).toBeLessThan(12);
      expect(frame()).toContain('STATE');
      ui.rerender(<Dashboard store={store} color={false} size={{ cols: 150, rows: 24 }} />);
      await waitFor(() => frame().includes('LAST USED'), 'wide again');
    } finally {
      store.getState().stop();
      ui.unmount();
    }
  });
});

describe('key hints', () => {
  it('always keep help and quit, dropping the least important hints on narrow terminals', async () => {
    const { fitHints } = await import('../../components/dashboard/Dashboard.js');
    const hints: Array<[number, string]> = [
      [5, '↑/↓ move'],
      [1, 'c clear cooldown'],
      [0, 'a agent'],
      [9, '? help'],
      [9, 'q quit'],
    ];
    expect(fitHints(hints, 200)).toBe('↑/↓ move · c clear cooldown · a agent · ? help · q quit');
    expect(fitHints(hints, 40)).toBe('↑/↓ move · ? help · q quit');
    expect(fitHints(hints, 16)).toBe('? help · q quit');
  });
});
