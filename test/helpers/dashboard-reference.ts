// The dashboard's table derived the straightforward way: every row of every provider built from
// scratch, the counts by visiting every row. The store derives the same thing incrementally and
// only for the rows on screen; test/unit/dashboard-view-property holds the two equal.
import type { AgentReport } from '../../src/auth/report-types.js';
import {
  type DashboardRow,
  type SectionInfo,
  type StateCounts,
  liveStatus,
  liveUnusable,
  noCounts,
  normalizeFilter,
  sectionInfo,
  toRow,
} from '../../src/state/dashboard/index.js';
import { RowCache, TableDeriver } from '../../src/state/dashboard/table-view.js';

export interface ProviderSection extends SectionInfo {
  rows: DashboardRow[];
}

type Options = { filter?: string; orderOverride?: Record<string, string[]> };

/** Profiles of each provider in the order they are tried, every row built. */
export function buildSections(agent: AgentReport, opts: Options = {}): ProviderSection[] {
  const needle = normalizeFilter(opts.filter);
  const sections: ProviderSection[] = [];
  for (const p of agent.providers) {
    const byId = new Map(p.profiles.map((x) => [x.profileId, x]));
    // Positions count the profiles a request would try now, in the order shown.
    // The order shown ahead of a save first, then the report's order, then the rest.
    const all = [...(opts.orderOverride?.[p.provider] ?? []), ...p.order, ...p.profiles.map((x) => x.profileId)];
    const ids = [...new Set(all.filter((id) => byId.has(id)))];
    const rows: DashboardRow[] = [];
    let n = 0;
    for (const id of ids) {
      const x = byId.get(id)!;
      rows.push(toRow(x, x.orderPosition !== null ? ++n : 0));
    }
    const fields = (r: DashboardRow) => [r.profileId, r.provider, r.type, r.source, r.reportStatus, r.email ?? '', r.unusable?.kind ?? ''];
    const shown = needle ? rows.filter((r) => fields(r).some((f) => f.toLowerCase().includes(needle))) : rows;
    if (shown.length || !needle) sections.push({ ...sectionInfo(p), rows: shown });
  }
  return sections;
}

/** Counts by state at `now`, visiting every row. */
export function liveCounts(sections: ProviderSection[], now: number, warnAfterMs: number): StateCounts {
  const counts = noCounts();
  for (const s of sections) {
    for (const r of s.rows) {
      counts[liveStatus(r, now, warnAfterMs)]++;
      const u = liveUnusable(r, now);
      if (u) counts[u.kind]++;
    }
  }
  return counts;
}

/** The store's own derivation (table-view.ts) with every row built: for tests of what a row says. */
export function derivedSections(agent: AgentReport, opts: Options = {}): ProviderSection[] {
  const view = new TableDeriver().view(agent, opts.filter ?? '', opts.orderOverride ?? {});
  const rows = new RowCache();
  return view.sections.map((s) => {
    const { order: _order, shown: _shown, size, ...info } = s;
    return { ...info, rows: Array.from({ length: size }, (_, k) => rows.row(s, k)) };
  });
}
