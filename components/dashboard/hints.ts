// The key hints under the dashboard, built from the keymap (keymap.ts). Every hint for a key that
// does something on the screen shown stays visible: labels are shortened, then the hints take a
// second line, and only on a terminal too small for that are the least important ones dropped.
import type { DashboardActions, DashboardState } from '../../src/state/dashboard/index.js';
import { type KeyMode, footerHints } from './keymap.js';

export interface Hint {
  /** Dropped lowest first, only when even two lines of short labels do not fit. */
  priority: number;
  text: string;
  /** The label when the full ones do not fit on one line. */
  short: string;
}

const SEP = ' · ';

/** Join key hints on one line, dropping the least important ones (lowest priority) until they fit `width`. */
export function fitHints(hints: Array<[priority: number, text: string]>, width: number): string {
  const kept = [...hints];
  const join = (h: typeof kept) => h.map(([, t]) => t).join(SEP);
  while (kept.length > 1 && join(kept).length > width) {
    let drop = 0;
    for (let i = 1; i < kept.length; i++) if (kept[i]![0] < kept[drop]![0]) drop = i;
    kept.splice(drop, 1);
  }
  return join(kept);
}

/** Hints packed into lines of at most `width`, breaking only between hints; null when more than maxLines. */
function pack(texts: string[], width: number, maxLines: number): string[] | null {
  const lines: string[] = [];
  let line = '';
  for (const t of texts) {
    if (line && line.length + SEP.length + t.length <= width) line += SEP + t;
    else {
      if (line) lines.push(line);
      line = t;
    }
  }
  if (line) lines.push(line);
  return lines.length <= maxLines && lines.every((l) => l.length <= width) ? lines : null;
}

/**
 * The hints as lines: full labels on one line, short labels on one line, full labels on up to
 * maxLines lines, short labels on up to maxLines lines; then the least important are dropped.
 */
export function layoutHints(hints: readonly Hint[], width: number, maxLines: number): string[] {
  const full = hints.map((h) => h.text);
  const short = hints.map((h) => h.short);
  const lines = pack(full, width, 1) ?? pack(short, width, 1) ?? pack(full, width, maxLines) ?? pack(short, width, maxLines);
  if (lines) return lines;
  if (maxLines <= 1) return [fitHints(hints.map((h) => [h.priority, h.short]), width)];
  const kept = [...hints];
  while (kept.length > 1) {
    let drop = 0;
    for (let i = 1; i < kept.length; i++) if (kept[i]!.priority < kept[drop]!.priority) drop = i;
    kept.splice(drop, 1);
    const fits = pack(kept.map((h) => h.short), width, maxLines);
    if (fits) return fits;
  }
  return [kept[0]?.short ?? ''];
}

/** The table's hints when it has rows (the full set; the footer picks by state). */
export const LIST_HINTS: readonly Hint[] = footerHints('list', 'rows');
const PICKING_HINTS: readonly Hint[] = footerHints('picking');
// With no row on screen only these keys do something: no hint for a key that would do nothing.
const NO_ROW_HINTS: readonly Hint[] = footerHints('list', 'empty');
const NO_MATCH_HINTS: readonly Hint[] = footerHints('list', 'no-match');
/** The other modes take the whole screen's attention: their few hints on one line, as they are. */
const oneLine = (mode: KeyMode) => footerHints(mode).map((h) => h.text).join(SEP);
const FILTER_LINE = oneLine('filter');
const AGENTS_LINE = oneLine('agents');
const HELP_LINE = oneLine('help');
const CONFIRM_LINE = oneLine('confirm-remove');

/**
 * The footer's lines for the dashboard's state. Cheap (a few short strings): it runs on every
 * store change, the countdown tick included.
 */
export function footerLines(s: DashboardState & DashboardActions, width: number, ready: boolean, maxLines: number): string[] {
  if (!ready) return [' '];
  switch (s.mode) {
    case 'filter':
      return [`filter: ${s.filter}▏  ${FILTER_LINE}`];
    case 'agents':
      return [AGENTS_LINE];
    case 'help':
      return [HELP_LINE];
    case 'confirm-remove':
      return [CONFIRM_LINE];
    default:
      break;
  }
  if (s.picked) return layoutHints(PICKING_HINTS, width, maxLines);
  if (!s.view().rowCount) return layoutHints(s.filter ? NO_MATCH_HINTS : NO_ROW_HINTS, width, maxLines);
  return layoutHints(LIST_HINTS, width, maxLines);
}
