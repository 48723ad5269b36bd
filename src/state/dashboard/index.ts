// State of the live `models status` dashboard: a zustand vanilla store built from injected
// dependencies (report loader, store mutations, clock, file watcher), so tests build it with fakes
// in one line and no component reads a file, a clock or the network itself.
//
//   view-model.ts   pure: a profile's row, live states and texts at `now`, the full derivation
//   table-view.ts   the table derived incrementally, rows built only for the lines on screen
//   live-counts.ts  the header counts kept exact tick by tick without visiting every profile
//   selectors.ts    the store's memoised views
//   session.ts      load / follow files / tick
//   actions.ts      what the keys do
import { createStore } from 'zustand/vanilla';
import { createSelectors } from './selectors.js';
import { createSession } from './session.js';
import { createCommands } from './actions.js';
import type { DashboardActions, DashboardDeps, DashboardState, DashboardStore } from './types.js';

export type * from './types.js';
export * from './view-model.js';
export { type DashboardLine, type SectionView, type TableView, hasProfile, locate, maxPosition, profilesInLines, profilesInOrder, rowIdAt, rowIdAtIndex } from './table-view.js';

export function createDashboardStore(deps: DashboardDeps, init: { agentId: string; warnAfterMs?: number }): DashboardStore {
  return createStore<DashboardState & DashboardActions>()((set, get) => {
    const { rows, ...selectors } = createSelectors(get);
    const session = createSession(deps, set, get, rows);
    return {
      agentId: init.agentId,
      report: null,
      agent: null,
      loading: true,
      loadError: null,
      now: deps.now(),
      warnAfterMs: init.warnAfterMs ?? 24 * 3_600_000,
      cursor: null,
      picked: null,
      orderOverride: {},
      mode: 'list',
      filter: '',
      confirmId: null,
      agents: [],
      agentCursor: 0,
      message: null,
      busy: false,
      quitRequested: false,
      version: 0,
      start: session.start,
      stop: session.stop,
      reload: session.reload,
      tick: session.tick,
      ...selectors,
      ...createCommands(deps, set, get, session),
    };
  });
}
