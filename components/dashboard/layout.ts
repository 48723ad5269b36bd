// How the dashboard spends the terminal's width and height. Widths are worked out once per report,
// usage answer or resize (never on the countdown tick): which columns show, how wide the id is, and
// how tall the table may be once the line under it and the key hints have what they need.
// Widths include one space of gap after each cell.
import type { DashboardRow } from '../../src/state/dashboard/index.js';

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

/** Narrowest id before the countdown cells start shrinking (`anthropic:…t-12`). */
const ID_MIN = 15;
/** Widest id other columns give way for; a longer id still gets whatever room is left over. */
const ID_WANT_MAX = 48;
/** With no content known (callers that pass none): the id takes the room left, up to this. */
const ID_MAX = 36;

/**
 * Columns that may give way, least valuable first. When the terminal is too narrow, columns with
 * nothing to show (every cell empty for the agent on screen) go first, in this order; then the
 * others, in this order, until every profile id fits whole. The marker, the `#` try order, the id
 * and the state never go. EXPIRES and COOLDOWN are not in this list: ids are shortened (in the
 * middle) before they go, and they go only on tiny terminals.
 */
export const GIVE_WAY: readonly ColumnKey[] = ['lastUsed', 'usage', 'source', 'type', 'masked'];

/** What the table holds, as far as widths care: its longest id, and the columns with nothing in them. */
export interface ColumnContent {
  longestId?: number;
  /** The highest place in the try order (the `#` column is as wide as its number). */
  maxPosition?: number;
  empty?: ReadonlySet<ColumnKey>;
}

/** What the columns need of a profile (a report's profile or a row: the same fields). */
export type ColumnSource = Pick<DashboardRow, 'profileId' | 'type' | 'source' | 'masked' | 'expiresAt' | 'needsReauth' | 'lastUsed'> & { unusable?: object | undefined };

const HAS_CONTENT: Partial<Record<ColumnKey, (r: ColumnSource) => boolean>> = {
  type: (r) => r.type !== '',
  source: (r) => Boolean(r.source),
  masked: (r) => r.masked !== '',
  countdown: (r) => r.expiresAt !== undefined || r.needsReauth,
  unusable: (r) => r.unusable !== undefined,
  lastUsed: (r) => r.lastUsed !== undefined,
};

/**
 * The content of a table, once per report: one pass over the profiles that reads a few fields
 * (no row is built or laid out), and the empty-column checks stop as soon as every column has
 * something. USAGE is not in it: it depends on the usage answers (withUsage).
 */
export function columnContent(profiles: Iterable<ColumnSource>, maxPosition: number, idText: (id: string) => string): ColumnContent {
  let longestId = 0;
  const empty = new Set<ColumnKey>(Object.keys(HAS_CONTENT) as ColumnKey[]);
  for (const r of profiles) {
    longestId = Math.max(longestId, idText(r.profileId).length);
    if (!empty.size) continue;
    for (const k of empty) if (HAS_CONTENT[k]!(r)) empty.delete(k);
  }
  return { longestId, maxPosition, empty };
}

/**
 * The content with the USAGE column: empty unless some profile's cell has an answer (a cell still
 * asking, `…`, does not count, so the column does not come and go while asking).
 */
export function withUsage(content: ColumnContent, usageShown: boolean): ColumnContent {
  return usageShown ? content : { ...content, empty: new Set([...(content.empty ?? []), 'usage' as const]) };
}

/** Whether a USAGE cell's text counts as content. */
export const usageHasContent = (text: string) => text !== '' && text !== '…';

/** A stable key for a content (memo dependencies). */
export function contentKey(c: ColumnContent): string {
  return `${c.longestId ?? ''}|${c.maxPosition ?? ''}|${[...(c.empty ?? [])].sort().join(',')}`;
}

export function computeColumns(terminalCols: number, content: ColumnContent = {}): Columns {
  // Never write into the last column: some terminals wrap there.
  const avail = Math.max(20, terminalCols - 1);
  const cols: Columns = { ...FIXED, id: 0 };
  if (content.maxPosition !== undefined) cols.pos = Math.max(2, String(content.maxPosition).length + 1);
  const empty = content.empty ?? new Set<ColumnKey>();
  const fixedSum = () => (Object.keys(FIXED) as Array<keyof typeof FIXED>).reduce((n, k) => n + cols[k], 0);
  const known = content.longestId !== undefined;
  // Unknown content: the id takes the room left, up to ID_MAX, and needs ID_MIN.
  // At least as wide as its header, `PROFILE`.
  const idFull = known ? Math.max(8, content.longestId! + 1) : ID_MAX;
  const idWant = known ? Math.min(ID_WANT_MAX, idFull) : ID_MIN;
  const idFloor = Math.min(ID_MIN, idWant);

  // Empty columns first (any of them, EXPIRES and COOLDOWN too), then the least valuable ones,
  // until the ids fit whole.
  const order: ColumnKey[] = [
    ...[...GIVE_WAY, 'countdown' as const, 'unusable' as const].filter((k) => empty.has(k)),
    ...GIVE_WAY.filter((k) => !empty.has(k)),
  ];
  const dropped: ColumnKey[] = [];
  for (const k of order) {
    if (fixedSum() + idWant <= avail) break;
    cols[k] = 0;
    dropped.push(k);
  }
  // A narrower column that was dropped on the way may fit in what is left: most valuable first,
  // columns with something to show before empty ones.
  const back = [...dropped].reverse().sort((a, b) => Number(empty.has(a)) - Number(empty.has(b)));
  for (const k of back) {
    if (fixedSum() + idWant + FIXED[k as keyof typeof FIXED] <= avail) cols[k] = FIXED[k as keyof typeof FIXED];
  }

  let over = fixedSum() + idWant - avail;
  // Still too narrow for whole ids: STATE and COOLDOWN lose their spare width first (`expiring`;
  // `cooldown 4m 59s`, `disabled 5h 00m`), then the ids are shortened in the middle.
  for (const [k, min] of [['state', 9], ['unusable', 16]] as const) {
    if (over <= 0) break;
    const cut = Math.min(over, Math.max(0, cols[k] - min));
    cols[k] -= cut;
    over -= cut;
  }
  cols.id = Math.min(idFull, Math.max(idFloor, avail - fixedSum()));
  over = fixedSum() + cols.id - avail;
  // Very narrow terminals: shrink the countdown cells rather than wrap.
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
  if (over < 0 && cols.unusable + cols.countdown === 0) cols.id = Math.min(cols.id - over, idFull);
  return cols;
}

export function visibleColumns(cols: Columns): ColumnKey[] {
  return (['marker', 'pos', 'id', 'type', 'source', 'masked', 'usage', 'state', 'countdown', 'unusable', 'lastUsed'] as ColumnKey[]).filter((k) => cols[k] > 0);
}

/**
 * `id` within `width` characters: whole when it fits; otherwise shortened in the middle, keeping
 * the provider prefix and more of the end than of the start (`anthropic:ac…-work-2`), since ids
 * of one provider tend to differ at the end (`account-1` … `account-30`).
 */
export function shortenId(id: string, width: number): string {
  if (id.length <= width) return id;
  if (width <= 1) return id.slice(0, Math.max(0, width));
  const colon = id.indexOf(':');
  const prefix = colon > 0 ? id.slice(0, colon + 1) : '';
  const rest = id.slice(prefix.length);
  // Enough room for the prefix, the ellipsis and a distinctive end of at least 3 characters.
  if (prefix && width >= prefix.length + 1 + 3) {
    const budget = width - prefix.length - 1;
    const head = Math.floor(budget / 4);
    return prefix + rest.slice(0, head) + '…' + rest.slice(rest.length - (budget - head));
  }
  const budget = width - 1;
  const head = Math.ceil(budget / 2);
  return id.slice(0, head) + '…' + id.slice(id.length - (budget - head));
}

/**
 * The id cells of the rows on one screen, each padded to the column with its gap: the id whole
 * when it fits, else shortened in the middle (shortenId), with no two alike: ids that differ
 * only in the part shortenId cuts out (`openai-codex:j.smith.work@company.com` and
 * `…home@company.com` both `openai-codex:j.s…@company.com` at 29 columns) show instead the part
 * where they differ (`openai-codex:j.smith.work@co…`). Ids whose plain shortening is already
 * unique keep it, so a row's text changes only while a look-alike is on screen with it.
 */
export function fitIds(ids: readonly string[], width: number): string[] {
  if (width <= 0) return ids.map(() => '');
  const room = width - 1;
  const texts = ids.map((id) => shortenId(id, room));
  let pending = collisions(ids, texts);
  // Each round looks deeper into the ids (their common start grows), so this ends; the cap only
  // guards against a window that cannot tell two ids apart (a cell narrower than an ellipsis).
  for (let round = 0; pending.length && round < 8; round++) {
    for (const group of pending) {
      const differAt = commonPrefixLength(group.map((i) => ids[i]!));
      for (const i of group) texts[i] = showAround(ids[i]!, differAt, room);
    }
    pending = collisions(ids, texts);
  }
  return texts.map((t) => t.padEnd(width));
}

/** Indices of different ids whose texts are the same, in groups. */
function collisions(ids: readonly string[], texts: readonly string[]): number[][] {
  const byText = new Map<string, number[]>();
  texts.forEach((t, i) => {
    const group = byText.get(t);
    if (group) group.push(i);
    else byText.set(t, [i]);
  });
  return [...byText.values()].filter((g) => g.length > 1 && new Set(g.map((i) => ids[i])).size > 1);
}

function commonPrefixLength(ids: readonly string[]): number {
  const first = ids[0]!;
  let n = 0;
  while (n < first.length && ids.every((id) => id[n] === first[n])) n++;
  return n;
}

/**
 * `id` within `width` characters showing its character at `at` (where it differs from a look-alike):
 * the provider prefix when it is common to both and leaves room, then the start of the rest when
 * `at` is within it, else the end when `at` is within that, else a window from just before `at`,
 * with `…` wherever text is left out.
 */
function showAround(id: string, at: number, width: number): string {
  if (id.length <= width || width < 4) return shortenId(id, width);
  const colon = id.indexOf(':');
  const keepPrefix = colon > 0 && at > colon && width >= colon + 1 + 4;
  const prefix = keepPrefix ? id.slice(0, colon + 1) : '';
  const rest = id.slice(prefix.length);
  const q = at - prefix.length;
  const single = width - prefix.length - 1;
  if (q < single) return prefix + rest.slice(0, single) + '…';
  if (q >= rest.length - single) return prefix + '…' + rest.slice(rest.length - single);
  const inner = Math.max(1, single - 1);
  // A character or two of what comes before the difference, so it reads as part of a word.
  const start = Math.max(0, q - Math.min(2, Math.floor((inner - 1) / 3)));
  return prefix + '…' + rest.slice(start, start + inner) + '…';
}

/**
 * `text` broken into lines of at most `width` characters at spaces (a word longer than a line is
 * cut across lines), at most `maxLines` lines; a cut last line ends with `…`. Plain text only: the
 * dashboard escapes control characters before it gets here.
 */
export function wrapWords(text: string, width: number, maxLines = Infinity): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    let rest = word;
    if (line && line.length + 1 + rest.length <= w) {
      line += ' ' + rest;
      continue;
    }
    if (line) lines.push(line);
    while (rest.length > w) {
      lines.push(rest.slice(0, w));
      rest = rest.slice(w);
    }
    line = rest;
  }
  lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, Math.max(1, maxLines));
    const last = kept[kept.length - 1]!;
    kept[kept.length - 1] = (last.length >= w ? last.slice(0, w - 1) : last) + '…';
    return kept;
  }
  return lines;
}

/** Lines above the table: title, counts, column header. */
const TOP_LINES = 3;
/** The table keeps at least this many lines while the line under it grows. */
const MIN_TABLE_LINES = 3;
/** Terminals shorter than this keep the key hints on one line. */
export const TWO_LINE_FOOTER_MIN_ROWS = 12;

/** Lines the dashboard uses besides the table with a one-line message and one line of hints. */
export const CHROME_LINES = TOP_LINES + 2;

/**
 * Table lines that fit, and lines the message under it may take: the whole frame stays at least
 * one line shorter than the terminal (Ink clears the screen on every frame once its output reaches
 * the terminal's height). The message grows into the table (which scrolls) but leaves it
 * MIN_TABLE_LINES.
 */
export function frameBudget(terminalRows: number, messageLines = 1, footerLines = 1): { table: number; message: number } {
  const free = terminalRows - 1 - TOP_LINES - footerLines;
  const message = Math.max(1, Math.min(messageLines, free - MIN_TABLE_LINES));
  return { table: Math.max(1, free - message), message };
}

/** Table lines that fit with a one-line message and one line of hints. */
export function tableHeight(terminalRows: number): number {
  return frameBudget(terminalRows).table;
}
