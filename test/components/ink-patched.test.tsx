// Component tests render through the same Ink that dist/ ships: node_modules/ink as patched by
// patches/ink+<version>.patch at `npm install`. Detected by the patched behaviour itself: the
// patched composer builds a row only when what is written on it changed, so a frame where one
// countdown moves composes that one row, not the whole dashboard.
import { renderInk } from '../helpers/ink-ui.js'; // first: CI must be gone before Ink loads
import React from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dashboard } from '../../components/dashboard/Dashboard.js';
import { createDashboardStore } from '../../src/state/dashboard/index.js';
import { agentReport, fakeDeps, manyProfiles, statusReport } from '../helpers/dashboard-fixtures.js';
import { importInkFile } from '../helpers/ink-patch.js';
import { waitFor } from '../helpers/store-cli.js';


// The module instance Ink's entry imports (same file URL), so a spy on it sees every frame.
const { default: Output } = await importInkFile<{ default: { prototype: Record<string, unknown> } }>('build/output.js');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the Ink component tests render with', () => {
  it('is the patched one: a tick recomposes only the rows that changed', async () => {
    expect(typeof Output.prototype.composeRow, 'node_modules/ink/build/output.js has no composeRow: run npm install (patch-package)').toBe('function');
    let now = Date.now();
    const deps = fakeDeps(statusReport([agentReport(manyProfiles(30, now))], now));
    deps.now = () => now;
    const store = createDashboardStore(deps, { agentId: 'main' });
    await store.getState().start();
    const ui = renderInk(<Dashboard store={store} color={false} size={{ cols: 120, rows: 40 }} />);
    try {
      await waitFor(() => (ui.lastFrame() ?? '').includes('anthropic:p0000'), 'first rows');
      const composeRow = vi.spyOn(Output.prototype as { composeRow(pieces: unknown): string }, 'composeRow');
      const frames = ui.frames.length;
      const before = ui.lastFrame() ?? '';
      now += 1000;
      store.getState().tick();
      await waitFor(() => ui.frames.length > frames && ui.lastFrame() !== before, 'the next frame');
      const rows = (ui.lastFrame() ?? '').split('\n').length;
      // Ink as published composes all rows of every frame; patched, only the changed ones.
      expect(composeRow).toHaveBeenCalled();
      expect(composeRow.mock.calls.length).toBeLessThan(rows / 2);
    } finally {
      ui.unmount();
      store.getState().stop();
    }
  });
});
