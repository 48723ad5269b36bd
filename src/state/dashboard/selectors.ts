// Memoised selectors of the dashboard store. Components call them from zustand selectors, which
// run on every store change (each countdown tick too), so each answers from a memo keyed by what
// it depends on and costs nothing per profile when nothing it depends on changed.
import { type DashboardRow, type StateCounts, noCounts } from './view-model.js';
import { EMPTY_VIEW, RowCache, TableDeriver, type TableView, linesIn, locate } from './table-view.js';
import { LiveCounts } from './live-counts.js';
import type { AgentReport } from '../../auth/report-types.js';
import type { DashboardSelectors, Get, Picked } from './types.js';

const NO_COUNTS: Readonly<StateCounts> = noCounts();

export function createSelectors(get: Get): DashboardSelectors & { rows: RowCache } {
  const deriver = new TableDeriver();
  const rows = new RowCache();
  let viewMemo: { agent: AgentReport; filter: string; override: Record<string, string[]>; picked: Picked | null; value: TableView } | null = null;
  let selMemo: { view: TableView; id: string | null; row: DashboardRow | undefined } | null = null;
  let countsMemo: { agent: AgentReport; warn: number; counts: LiveCounts } | null = null;

  const view = (): TableView => {
    const s = get();
    if (!s.agent) return EMPTY_VIEW;
    const m = viewMemo;
    if (m && m.agent === s.agent && m.filter === s.filter && m.override === s.orderOverride && m.picked === s.picked) return m.value;
    const override = s.picked ? { ...s.orderOverride, [s.picked.provider]: s.picked.ids } : s.orderOverride;
    const value = deriver.view(s.agent, s.filter, override);
    viewMemo = { agent: s.agent, filter: s.filter, override: s.orderOverride, picked: s.picked, value };
    return value;
  };

  return {
    rows,
    view,
    lines(top, height) {
      return linesIn(view(), top, height, rows);
    },
    selectedRow() {
      const v = view();
      const id = get().cursor;
      if (selMemo && selMemo.view === v && selMemo.id === id) return selMemo.row;
      const at = locate(v, id);
      const row = at ? rows.row(at.section, at.k) : undefined;
      selMemo = { view: v, id, row };
      return row;
    },
    counts() {
      const s = get();
      if (!s.agent) return NO_COUNTS;
      if (!countsMemo || countsMemo.agent !== s.agent || countsMemo.warn !== s.warnAfterMs) {
        countsMemo = { agent: s.agent, warn: s.warnAfterMs, counts: new LiveCounts(s.agent, s.warnAfterMs) };
      }
      return countsMemo.counts.countsAt(s.now);
    },
  };
}
