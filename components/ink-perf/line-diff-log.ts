// Ink's terminal writer for `incrementalRendering`, rewritten: only the lines that changed are
// sent. Ink's standard writer erases and rewrites the whole frame on every change (~5.8 KB a
// second for a 40-row dashboard whose countdowns tick, over SSH too), and Ink 6.8's own
// incremental writer misplaces lines: after a frame that ends in a newline (every frame shorter
// than the terminal) it moves up one line too few and draws each frame one line lower, which the
// dashboard's pty tests showed as repeated rows.
//
// The bundle build (scripts/ink-perf-plugin.mjs) routes ink.js's `./log-update.js` through
// `log-update-switch.ts`: the standard writer stays Ink's, the incremental one is this. The
// dashboard and the wizard ask for incremental rendering. test/unit/ink-line-diff-log.test.ts replays frame
// sequences through this writer and through Ink's standard writer into headless terminals and
// requires the same screen.
import cliCursor from 'cli-cursor';
import stringWidth from 'string-width';

const CSI = '\u001B[';
const eraseLine = `${CSI}2K`;
const eraseToLineEnd = `${CSI}K`;
const eraseDown = `${CSI}J`;
const hideCursor = `${CSI}?25l`;
const showCursor = `${CSI}?25h`;
const up = (n: number) => (n > 0 ? `${CSI}${n}A` : '');
const down = (n: number) => (n > 0 ? `${CSI}${n}B` : '');
const toColumn = (x: number) => `${CSI}${x + 1}G`;

/** What Ink's standard writer sends to erase a frame of `count` lines (cursor ends at its top). */
function eraseLines(count: number): string {
  let s = '';
  for (let i = 0; i < count; i++) s += eraseLine + (i < count - 1 ? up(1) : '');
  return count ? s + toColumn(0) : '';
}

export interface CursorPosition {
  x: number;
  y: number;
}

export interface LogUpdate {
  (str: string): boolean;
  clear(): void;
  done(): void;
  sync(str: string): void;
  setCursorPosition(position: CursorPosition | undefined): void;
  isCursorDirty(): boolean;
  willRender(str: string): boolean;
}

interface Frame {
  /** The string as given (Ink appends a newline unless the frame fills the terminal). */
  str: string;
  /** Visible lines (without the empty piece after a trailing newline). */
  lines: string[];
  /** Whether the terminal cursor rests on the line below the frame (true) or at the end of its last line. */
  trailing: boolean;
}

const EMPTY: Frame = { str: '', lines: [], trailing: false };

function frameOf(str: string): Frame {
  const trailing = str.endsWith('\n');
  const lines = str.split('\n');
  if (trailing) lines.pop();
  return { str, lines, trailing };
}

/**
 * What erases the rest of a rewritten line. Nothing after a line that fills the terminal: the
 * cursor then waits on the last column, and xterm, urxvt and Windows Terminal erase that column
 * on `ESC[K` (VTE, kitty, iTerm2 and tmux do not), which would eat the line's last character.
 */
function restOfLine(line: string, columns: number | undefined): string {
  return columns && stringWidth(line) >= columns ? '' : eraseToLineEnd;
}

export function createLineDiffLog(stream: NodeJS.WriteStream, { showCursor: keepCursor = false } = {}): LogUpdate {
  let previous: Frame = EMPTY;
  // The terminal size the previous frame was drawn at. After a resize the terminal may have moved
  // lines into scrollback or re-wrapped them, so where the previous frame sits is no longer
  // known: that frame is erased and the next one written whole, as Ink's standard writer does.
  let drawnAt = '';
  const sizeNow = () => `${stream.columns}x${stream.rows}`;
  let hiddenCursor = false;
  let cursorPosition: CursorPosition | undefined;
  let cursorDirty = false;
  let previousCursor: CursorPosition | undefined;

  const activeCursor = () => (cursorDirty ? cursorPosition : undefined);
  const cursorMoved = (a: CursorPosition | undefined, b: CursorPosition | undefined) => a?.x !== b?.x || a?.y !== b?.y;

  // The line the cursor rests on after a frame is drawn: below it, or on its last line.
  const restLine = (f: Frame) => (f.trailing ? f.lines.length : Math.max(0, f.lines.length - 1));

  /** From where a shown cursor was put back to where the frame left it (then hidden again). */
  const returnFromCursor = (): string => {
    if (!previousCursor) return '';
    return hideCursor + down(restLine(previous) - previousCursor.y) + toColumn(0);
  };
  /** From the rest position to the requested cursor position, shown. */
  const cursorSuffix = (f: Frame, cursor: CursorPosition | undefined): string => {
    if (!cursor) return '';
    return up(restLine(f) - cursor.y) + toColumn(cursor.x) + showCursor;
  };

  const render = ((str: string): boolean => {
    if (!keepCursor && !hiddenCursor) {
      cliCursor.hide(stream);
      hiddenCursor = true;
    }
    const cursor = activeCursor();
    cursorDirty = false;
    const moved = cursorMoved(cursor, previousCursor);
    if (str === previous.str && !moved) return false;

    const next = frameOf(str);
    let out = returnFromCursor();
    if (str !== previous.str) {
      if (previous.str === '') {
        out += str;
      } else if (drawnAt !== sizeNow()) {
        out += eraseLines(previous.str.split('\n').length) + str;
      } else {
        // To the start of the previous frame's first line, then down through the frame: a changed
        // line is rewritten and the rest of it erased; an unchanged line is stepped over.
        out += '\r' + up(restLine(previous));
        const last = next.lines.length - 1;
        next.lines.forEach((line, i) => {
          const advance = i < last || next.trailing ? '\n' : '';
          out += i < previous.lines.length && previous.lines[i] === line ? advance : line + restOfLine(line, stream.columns) + advance;
        });
        // Whatever is left of a longer previous frame (and only that) is below the cursor now.
        if (next.lines.length < previous.lines.length || next.trailing !== previous.trailing) out += eraseDown;
      }
      previous = next;
      drawnAt = sizeNow();
    }
    out += cursorSuffix(next, cursor);
    stream.write(out);
    previousCursor = cursor ? { ...cursor } : undefined;
    return true;
  }) as LogUpdate;

  render.clear = () => {
    const count = previous.str === '' ? 0 : previous.str.split('\n').length;
    stream.write(returnFromCursor() + eraseLines(count));
    previous = EMPTY;
    previousCursor = undefined;
  };

  render.done = () => {
    previous = EMPTY;
    previousCursor = undefined;
    if (!keepCursor) {
      cliCursor.show(stream);
      hiddenCursor = false;
    }
  };

  render.sync = (str: string) => {
    // Ink wrote `str` itself (after clearing the terminal); remember it as what is on screen.
    const cursor = activeCursor();
    cursorDirty = false;
    const f = frameOf(str);
    if (!cursor && previousCursor) stream.write(hideCursor);
    if (cursor) stream.write(cursorSuffix(f, cursor));
    previous = f;
    drawnAt = sizeNow();
    previousCursor = cursor ? { ...cursor } : undefined;
  };

  render.setCursorPosition = (position) => {
    cursorPosition = position;
    cursorDirty = true;
  };
  render.isCursorDirty = () => cursorDirty;
  render.willRender = (str) => str !== previous.str || cursorMoved(activeCursor(), previousCursor);

  return render;
}
