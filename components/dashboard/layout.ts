// Column widths for the dashboard table. Narrow terminals drop the least important columns first
// (last used, usage, source, type, masked credential, position); the profile id, state and countdowns
// always stay. Widths include one space of gap after each cell.

export type ColumnKey = 'marker' | 'pos' | 'id' | 'type' | 'source' | 'masked' | 'usage' | 'state' | 'countdown' | 'unusable' | 'lastUsed';

export type Columns = Record<ColumnKey, number>;

const FIXED: Omit<Columns, 'id'> = {
  marker: 2,
  pos: 4,
  type: 8,
  source: 11,
  masked: 21,
  // `100% left`: the tightest subscription window.
  usage: 10,
  state: 10,
  countdown: 14,
  unusable: 19,
  lastUsed: 10,
};

const ID_MIN = 14;
const ID_MAX = 36;

/** Dropped in this order when the terminal is too narrow. */
export const DROP_ORDER: ColumnKey[] = ['lastUsed', 'usage', 'source', 'type', 'masked', 'pos'];

export function computeColumns(terminalCols: number): Columns {
  // Never write into the last column: some terminals wrap there.
  const avail = Math.max(20, terminalCols - 1);
  const cols: Columns = { ...FIXED, id: 0 };
  const fixedSum = () => (Object.keys(FIXED) as Array<keyof typeof FIXED>).reduce((n, k) => n + cols[k], 0);
  for (const k of DROP_ORDER) {
    if (fixedSum() + ID_MIN <= avail) break;
    cols[k] = 0;
  }
  cols.id = Math.max(6, Math.min(ID_MAX, avail - fixedSum()));
  // Still too wide (very narrow terminals): shrink the countdown cells rather than wrap.
  let over = fixedSum() + cols.id - avail;
  for (const k of ['unusable', 'countdown', 'state'] as const) {
    if (over <= 0) break;
    const min = k === 'state' ? 9 : 8;
    const cut = Math.min(over, Math.max(0, cols[k] - min));
    cols[k] -= cut;
    over -= cut;
  }
  // Tiny terminals (under ~40 columns): the id shrinks, then the countdown cells go.
  if (over > 0) {
    const cut = Math.min(over, Math.max(0, cols.id - 4));
    cols.id -= cut;
    over -= cut;
  }
  for (const k of ['unusable', 'countdown'] as const) {
    if (over <= 0) break;
    over -= cols[k];
    cols[k] = 0;
  }
  if (over < 0 && cols.unusable + cols.countdown === 0) cols.id += -over;
  return cols;
}

export function visibleColumns(cols: Columns): ColumnKey[] {
  return (['marker', 'pos', 'id', 'type', 'source', 'masked', 'usage', 'state', 'countdown', 'unusable', 'lastUsed'] as ColumnKey[]).filter((k) => cols[k] > 0);
}

/** Lines the dashboard uses besides the table: title, counts, column header, message, key hints. */
export const CHROME_LINES = 5;

/**
 * Table lines that fit: the whole frame stays at least one line shorter than the terminal (Ink
 * clears the screen on every frame once its output reaches the terminal's height).
 */
export function tableHeight(terminalRows: number): number {
  return Math.max(1, terminalRows - CHROME_LINES - 1);
}
