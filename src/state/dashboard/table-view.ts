// The table as the store derives it: per provider the ids in the order shown and their try
// positions (plain arrays, no row objects), the filter applied to those ids, and row objects built
// only for the lines a screen asks for, memoised per profile so a reload reuses every row whose
// profile did not change. Scrolling and searching need the ids and their count, never the rows.
//
// The result equals, line for line, every row built from scratch (test/helpers/dashboard-reference);
// test/unit/dashboard-view-property holds the two together across scrolling, filtering,
// reordering, reloads and ticks.
import type { AgentReport, ProfileReport, ProviderReport } from '../../auth/report-types.js';
import {
  type DashboardRow,
  type SectionInfo,
  normalizeFilter,
  orderedIds,
  profileMatches,
  sameRowSource,
  sectionInfo,
  toRow,
} from './view-model.js';

/** One provider's profiles in the order shown, with their try positions (0: skipped now). */
export interface ProviderOrder {
  readonly ids: readonly string[];
  readonly positions: Int32Array;
  readonly byId: ReadonlyMap<string, ProfileReport>;
}

export interface SectionView extends SectionInfo {
  readonly order: ProviderOrder;
  /** Indexes into order.ids of the rows the filter keeps; null when it keeps them all. */
  readonly shown: readonly number[] | null;
  /** Rows shown. */
  readonly size: number;
}

export interface TableView {
  readonly sections: readonly SectionView[];
  /** Rows shown in all sections. */
  readonly rowCount: number;
  /** Lines of the table: a title per section, then its rows. */
  readonly lineCount: number;
}

export type DashboardLine = { kind: 'provider'; section: SectionView } | { kind: 'row'; row: DashboardRow; section: SectionView };

export const EMPTY_VIEW: TableView = { sections: [], rowCount: 0, lineCount: 0 };

/** The id of the k-th row shown in a section. */
export function rowIdAt(section: SectionView, k: number): string {
  return section.order.ids[section.shown ? section.shown[k]! : k]!;
}

const indexes = new WeakMap<SectionView, Map<string, number>>();

/** Place of a profile among a section's shown rows, -1 when not shown (an index built once per section). */
export function indexInSection(section: SectionView, id: string): number {
  let m = indexes.get(section);
  if (!m) {
    m = new Map();
    for (let k = 0; k < section.size; k++) m.set(rowIdAt(section, k), k);
    indexes.set(section, m);
  }
  return m.get(id) ?? -1;
}

/** Where a profile is among the rows shown: section, place in it, and its place among all rows. */
export function locate(view: TableView, id: string | null): { section: SectionView; k: number; row: number; line: number } | undefined {
  if (id === null) return undefined;
  let row = 0;
  let line = 0;
  for (const section of view.sections) {
    const k = indexInSection(section, id);
    if (k >= 0) return { section, k, row: row + k, line: line + 1 + k };
    row += section.size;
    line += 1 + section.size;
  }
  return undefined;
}

/** The id of the g-th row shown (0-based across sections); undefined when out of range. */
export function rowIdAtIndex(view: TableView, g: number): string | undefined {
  if (g < 0) return undefined;
  for (const section of view.sections) {
    if (g < section.size) return rowIdAt(section, g);
    g -= section.size;
  }
  return undefined;
}

/** Keeps one row object per profile and hands the same object back while its profile and place are unchanged. */
export class RowCache {
  private readonly rows = new Map<string, { source: ProfileReport; row: DashboardRow }>();

  row(section: SectionView, k: number): DashboardRow {
    const i = section.shown ? section.shown[k]! : k;
    const id = section.order.ids[i]!;
    const x = section.order.byId.get(id)!;
    const position = section.order.positions[i]!;
    const hit = this.rows.get(id);
    if (hit && hit.row.position === position && (hit.source === x || sameRowSource(hit.source, x))) {
      hit.source = x;
      return hit.row;
    }
    const row = toRow(x, position);
    this.rows.set(id, { source: x, row });
    return row;
  }

  /** Rows of profiles no longer in the agent are dropped, so the cache never outgrows the store. */
  prune(agent: AgentReport | null): void {
    for (const id of this.rows.keys()) if (!agent || !hasProfile(agent, id)) this.rows.delete(id);
  }
}

/** The lines of the table from `top`, at most `height`, with rows built (or reused) for those alone. */
export function linesIn(view: TableView, top: number, height: number, rows: RowCache): DashboardLine[] {
  const out: DashboardLine[] = [];
  let line = 0;
  for (const section of view.sections) {
    const end = line + 1 + section.size;
    if (end > top) {
      for (let l = Math.max(line, top); l < end && out.length < height; l++) {
        out.push(l === line ? { kind: 'provider', section } : { kind: 'row', row: rows.row(section, l - line - 1), section });
      }
    }
    if (out.length >= height) break;
    line = end;
  }
  return out;
}

/**
 * The profiles on the lines from `top`, at most `height` lines (provider titles count as lines),
 * without building a row: what the screen shows, for work that follows the screen (usage).
 */
export function profilesInLines(view: TableView, top: number, height: number): ProfileReport[] {
  const out: ProfileReport[] = [];
  const from = Math.max(0, top);
  const to = top + height;
  let line = 0;
  for (const section of view.sections) {
    if (line >= to) break;
    // Line `line` is the section's title; its k-th row is line + 1 + k.
    const first = Math.max(0, from - line - 1);
    const last = Math.min(section.size, to - line - 1);
    for (let k = first; k < last; k++) out.push(section.order.byId.get(rowIdAt(section, k))!);
    line += 1 + section.size;
  }
  return out;
}

const byIdOf = new WeakMap<ProviderReport, Map<string, ProfileReport>>();

/** A provider's profiles by id (the last record of an id wins, as in the table); once per report. */
export function byIdFor(p: ProviderReport): Map<string, ProfileReport> {
  let m = byIdOf.get(p);
  if (!m) {
    m = new Map(p.profiles.map((x) => [x.profileId, x]));
    byIdOf.set(p, m);
  }
  return m;
}

const baseOrders = new WeakMap<ProviderReport, ProviderOrder>();

/** A provider's order with nothing shown ahead of a save; once per report, shared by every caller. */
function baseOrder(p: ProviderReport): ProviderOrder {
  let order = baseOrders.get(p);
  if (!order) {
    order = buildOrder(p, undefined);
    baseOrders.set(p, order);
  }
  return order;
}

/**
 * Every profile of the agent, provider by provider in the order they are tried (no order shown
 * ahead of a save): one record per id, the one the table shows.
 */
export function* profilesInOrder(agent: AgentReport): Generator<ProfileReport> {
  for (const p of agent.providers) {
    const { ids, byId } = baseOrder(p);
    for (const id of ids) yield byId.get(id)!;
  }
}

/** The highest place in any provider's try order (the `#` column is as wide as its number). */
export function maxPosition(agent: AgentReport): number {
  let max = 0;
  for (const p of agent.providers) {
    let n = 0;
    for (const x of byIdFor(p).values()) if (x.orderPosition !== null) n++;
    max = Math.max(max, n);
  }
  return max;
}

/** Whether the agent has a profile with this id (under any provider). */
export function hasProfile(agent: AgentReport, id: string): boolean {
  return agent.providers.some((p) => byIdFor(p).has(id));
}

function buildOrder(p: ProviderReport, override: readonly string[] | undefined): ProviderOrder {
  const byId = byIdFor(p);
  const ids = orderedIds(p, byId, override);
  const positions = new Int32Array(ids.length);
  let n = 0;
  for (let i = 0; i < ids.length; i++) if (byId.get(ids[i]!)!.orderPosition !== null) positions[i] = ++n;
  return { ids, positions, byId };
}

// The filter's haystack per profile, lower-cased once. Fields are joined with a character the
// filter can never hold (setFilter strips line breaks; others fall back to field by field), so a
// match never spans two fields.
const SEP = '\n';
const haystacks = new WeakMap<ProfileReport, string>();

function matches(x: ProfileReport, needle: string): boolean {
  if (needle.includes(SEP)) return profileMatches(x, needle);
  let h = haystacks.get(x);
  if (h === undefined) {
    h = [x.profileId, x.provider, x.type, x.source, x.status, x.email ?? '', x.unusable?.kind ?? ''].join(SEP).toLowerCase();
    haystacks.set(x, h);
  }
  return h.includes(needle);
}

/**
 * Derives table views with memos keyed by what each part depends on: the order of a provider by
 * its report and the order shown over it; the filter by that order and the needle (a longer needle
 * searches only what the shorter one kept).
 */
export class TableDeriver {
  private orders = new WeakMap<ProviderReport, { override: readonly string[] | undefined; order: ProviderOrder }>();
  private filters = new WeakMap<ProviderOrder, { needle: string; shown: readonly number[] }>();
  private infos = new WeakMap<ProviderReport, SectionInfo>();

  order(p: ProviderReport, override: readonly string[] | undefined): ProviderOrder {
    if (!override) return baseOrder(p);
    const hit = this.orders.get(p);
    if (hit && hit.override === override) return hit.order;
    const order = buildOrder(p, override);
    this.orders.set(p, { override, order });
    return order;
  }

  private shown(order: ProviderOrder, needle: string): readonly number[] {
    const prev = this.filters.get(order);
    if (prev && prev.needle === needle) return prev.shown;
    const from = prev && prev.needle && needle.includes(prev.needle) ? prev.shown : null;
    const shown: number[] = [];
    const test = (i: number) => {
      if (matches(order.byId.get(order.ids[i]!)!, needle)) shown.push(i);
    };
    if (from) for (const i of from) test(i);
    else for (let i = 0; i < order.ids.length; i++) test(i);
    this.filters.set(order, { needle, shown });
    return shown;
  }

  private info(p: ProviderReport): SectionInfo {
    let info = this.infos.get(p);
    if (!info) {
      info = sectionInfo(p);
      this.infos.set(p, info);
    }
    return info;
  }

  view(agent: AgentReport, filter: string, override: Readonly<Record<string, readonly string[]>>): TableView {
    const needle = normalizeFilter(filter);
    const sections: SectionView[] = [];
    let rowCount = 0;
    for (const p of agent.providers) {
      const order = this.order(p, override[p.provider]);
      const shown = needle ? this.shown(order, needle) : null;
      const size = shown ? shown.length : order.ids.length;
      if (size || !needle) {
        sections.push({ ...this.info(p), order, shown, size });
        rowCount += size;
      }
    }
    return { sections, rowCount, lineCount: sections.length + rowCount };
  }
}
