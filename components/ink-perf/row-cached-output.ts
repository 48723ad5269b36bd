// Ink's frame composer, rebuilt so that a frame costs what changed in it, not what is on screen.
//
// Ink 6.8 turns every frame into text in `Output.get()`: it allocates a cell object for every
// column of every row, tokenises every text it was given into one object per character, and
// serialises every row again, with caches that live for one frame only. At 1,000 profiles in a
// 120x40 terminal that was ~60% of a dashboard tick (~8 ms), although a tick changes a few short
// countdowns. The bundle build (scripts/ink-perf-plugin.mjs) puts this class in place of
// ink/build/output.js; it keeps the same interface and produces the same text byte for byte
// (test/unit/ink-row-cached-output.test.ts compares the two on generated frames).
//
// What makes it cheap: in Ink's Output a row's text depends only on the frame width and the
// ordered (column, text) pieces written onto that row, because a write never reaches another row.
// So each row is reduced to that list, and a row whose list is the same as in a recent frame
// reuses the text built then. Only rows that changed are composed, the same way Ink composes them.
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import { type AnsiCode, type StyledChar, ansiCodesToString, diffAnsiCodes, styledCharsFromTokens, tokenize } from '@alcalzone/ansi-tokenize';
import { GenerationalCache, memoizeString } from './generational-cache.js';

type Transformer = (line: string, index: number) => string;

interface Clip {
  x1?: number | undefined;
  x2?: number | undefined;
  y1?: number | undefined;
  y2?: number | undefined;
}

type Operation =
  | { type: 'write'; x: number; y: number; text: string; transformers: Transformer[] }
  | { type: 'clip'; clip: Clip }
  | { type: 'unclip' };

// Sized for a full-screen frame: a few hundred written lines and rows each, with room for the
// last several frames. Worst case a few MB; typically far less.
const styledChars = memoizeString((line: string): StyledChar[] => styledCharsFromTokens(tokenize(line)), 1024);
const widthOf = memoizeString((s: string): number => stringWidth(s), 4096);
const rows = new GenerationalCache<string>(1024);

function widestLineOf(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, widthOf(line));
  return widest;
}

/** An empty cell. Shared: the serialiser only reads cells. */
const BLANK: StyledChar = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: [] }) as StyledChar;

function sameStyles(a: AnsiCode[], b: AnsiCode[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.code !== b[i]!.code || a[i]!.endCode !== b[i]!.endCode) return false;
  return true;
}

/**
 * ansi-tokenize's styledCharsToString, minus the work for a character styled like the one
 * before it (most of them): diffAnsiCodes of two equal style lists is always empty, so it is not
 * computed. Everything else is the library's own diff and join.
 */
function serialise(chars: StyledChar[]): string {
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (i === 0) {
      if (char.styles.length) out += ansiCodesToString(char.styles);
    } else {
      const before = chars[i - 1]!.styles;
      if (!sameStyles(before, char.styles)) out += ansiCodesToString(diffAnsiCodes(before, char.styles));
    }
    out += char.value;
    if (i === chars.length - 1 && char.styles.length) out += ansiCodesToString(diffAnsiCodes(char.styles, []));
  }
  return out;
}

/**
 * A row's text from its pieces (column, text, column, text, ...), composed exactly as Ink's
 * Output composes a row: a row of blank cells as wide as the frame, each piece's characters
 * placed from its column (a wide character also covers the cells after it), holes removed,
 * serialised with minimal style changes, trailing spaces trimmed.
 */
function composeRow(width: number, pieces: Array<number | string>): string {
  const cells: Array<StyledChar | undefined> = [];
  for (let x = 0; x < width; x++) cells.push(BLANK);
  for (let i = 0; i < pieces.length; i += 2) {
    let offsetX = pieces[i] as number;
    for (const character of styledChars(pieces[i + 1] as string)) {
      cells[offsetX] = character;
      const characterWidth = Math.max(1, widthOf(character.value));
      for (let k = 1; k < characterWidth; k++) {
        cells[offsetX + k] = { type: 'char', value: '', fullWidth: false, styles: character.styles };
      }
      offsetX += characterWidth;
    }
  }
  return serialise(cells.filter((c): c is StyledChar => c !== undefined)).trimEnd();
}

function rowKey(width: number, pieces: Array<number | string>): string {
  // Each text is length-prefixed, so two different piece lists never make the same key.
  let key = String(width);
  for (let i = 0; i < pieces.length; i += 2) {
    const text = pieces[i + 1] as string;
    key += `\u0000${pieces[i] as number}\u0000${text.length}\u0000${text}`;
  }
  return key;
}

export default class Output {
  width: number;
  height: number;
  private readonly operations: Operation[] = [];

  constructor(options: { width: number; height: number }) {
    this.width = options.width;
    this.height = options.height;
  }

  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void {
    if (!text) return;
    this.operations.push({ type: 'write', x, y, text, transformers: options.transformers });
  }

  clip(clip: Clip): void {
    this.operations.push({ type: 'clip', clip });
  }

  unclip(): void {
    this.operations.push({ type: 'unclip' });
  }

  get(): { output: string; height: number } {
    // pieces[y] = the (column, text) writes that land on row y, in order.
    const pieces: Array<Array<number | string>> = [];
    for (let y = 0; y < this.height; y++) pieces.push([]);

    const clips: Clip[] = [];
    for (const operation of this.operations) {
      if (operation.type === 'clip') {
        clips.push(operation.clip);
        continue;
      }
      if (operation.type === 'unclip') {
        clips.pop();
        continue;
      }
      const { text, transformers } = operation;
      let { x, y } = operation;
      let lines = text.split('\n');
      const clip = clips.at(-1);
      if (clip) {
        const clipX = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
        const clipY = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
        // Entirely outside the clip area: nothing of it shows.
        if (clipX && (x + widestLineOf(text) < clip.x1! || x > clip.x2!)) continue;
        if (clipY && (y + lines.length < clip.y1! || y > clip.y2!)) continue;
        if (clipX) {
          const from = x < clip.x1! ? clip.x1! - x : 0;
          lines = lines.map((line) => {
            const width = widthOf(line);
            const to = x + width > clip.x2! ? clip.x2! - x : width;
            return sliceAnsi(line, from, to);
          });
          if (x < clip.x1!) x = clip.x1!;
        }
        if (clipY) {
          const from = y < clip.y1! ? clip.y1! - y : 0;
          const to = y + lines.length > clip.y2! ? clip.y2! - y : lines.length;
          lines = lines.slice(from, to);
          if (y < clip.y1!) y = clip.y1!;
        }
      }
      let offsetY = 0;
      for (let index = 0; index < lines.length; index++) {
        const row = pieces[y + offsetY];
        // A line below the frame (or at a row that does not exist) is dropped, and so is every
        // line after it: Ink's Output stops advancing at the first missing row.
        if (!row) continue;
        let line = lines[index]!;
        for (const transformer of transformers) line = transformer(line, index);
        row.push(x, line);
        offsetY++;
      }
    }

    const out: string[] = [];
    for (const rowPieces of pieces) {
      const key = rowKey(this.width, rowPieces);
      let text = rows.get(key);
      if (text === undefined) {
        text = composeRow(this.width, rowPieces);
        rows.set(key, text);
      }
      out.push(text);
    }
    return { output: out.join('\n'), height: out.length };
  }
}
