// The dashboard and the wizard render with Ink's incremental writer (`incrementalRendering`),
// which sends only what changed. Ink 6.8's drew frames one line low after a frame ending in a
// newline, so we shipped a line-diffing writer of our own; Ink 8's passes the same check ours
// had to, with one fix in patches/ink+8.0.0.patch (a frame after one that filled the terminal).
// The check: it must leave the terminal exactly as Ink's
// standard writer (erase the frame, write it again) does: same screen, same scrollback, same
// cursor. Both are fed the same frame sequences (growing, shrinking, scrolling off the bottom,
// frames that fill the terminal, clears, terminal resizes) and replayed into headless xterm
// terminals.
import fc from 'fast-check';
import xterm from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { importInkFile } from '../helpers/ink-patch.js';

const { Terminal } = xterm;

interface LogUpdate {
  (text: string): void;
  clear(): void;
  done(): void;
  sync(text: string): void;
}
const stock = (await importInkFile<{ default: { create(stream: NodeJS.WriteStream, o?: object): LogUpdate } }>('build/log-update.js')).default;

// A frame is Ink's output before it decides how to write it (see `replay`).
type Step = { kind: 'frame'; output: string } | { kind: 'clear' } | { kind: 'resize'; cols: number; rows: number };

interface Replay {
  lines: string[];
  cursor: [number, number];
  /** What the writer sent, call by call (before `done` shows the cursor again). */
  writes: string[];
  /**
   * The last frame filled the terminal, so it went out without its trailing newline and the
   * cursor stays on its last line. Its column is then the writer's business: the cursor is hidden,
   * and both writers go back to column 0 before they write anything again.
   */
  endsOnFrame: boolean;
}

async function replay(make: (s: NodeJS.WriteStream) => LogUpdate, steps: Step[], cols: number, rows: number): Promise<Replay> {
  // convertEol: a tty's ONLCR turns each \n into \r\n on the way to the terminal (raw mode keeps it).
  const term = new Terminal({ cols, rows, scrollback: 200, allowProposedApi: true, convertEol: true });
  const writes: string[] = [];
  const size = { columns: cols, rows };
  const stream = Object.assign(size, { isTTY: true, write: (s: string) => (writes.push(s), term.write(s), true) }) as unknown as NodeJS.WriteStream;
  term.write('$ clawdbot models status\r\n');
  const log = make(stream);
  // What Ink 8's onRender (renderInteractiveFrame, on a tty's primary screen, no <Static>) does
  // with a frame: one as tall as the terminal goes out without the trailing newline; the frame is
  // written after erasing instead of through the writer when the last one overflowed, this one
  // overflows, it leaves fullscreen, or the terminal lost rows while fullscreen (the writer is
  // then only told what is on screen); an unchanged frame is not written at all.
  let lastHeight = 0;
  let lastToRender = '';
  let lastRows = size.rows;
  let lastOutput: string | undefined;
  const render = (output: string) => {
    const height = output.split('\n').length;
    const rowsNow = size.rows;
    const toRender = height >= rowsNow ? output : output + '\n';
    const wasFullscreen = lastHeight >= rowsNow;
    const clear =
      lastHeight > rowsNow || (height > rowsNow && lastHeight > 0) || (wasFullscreen && height < rowsNow) || (rowsNow < lastRows && wasFullscreen);
    lastRows = rowsNow;
    if (clear) {
      if (lastHeight >= rowsNow) stream.write('\u001B[1;1H\u001B[J' + toRender);
      else {
        log.clear();
        stream.write(toRender);
      }
      log.sync(toRender);
    } else if (toRender !== lastToRender) {
      log(toRender);
    }
    lastHeight = height;
    lastToRender = toRender;
    lastOutput = output;
  };
  for (const step of steps) {
    if (step.kind === 'clear') {
      // Ink's clear(): the writer erases its frame; Ink forgets the frame's height, not its text.
      log.clear();
      lastHeight = 0;
      continue;
    }
    if (step.kind === 'resize') {
      // Ink on a resize: the frame is erased first when the terminal got narrower, then rendered again.
      await new Promise<void>((r) => term.write('', r));
      term.resize(step.cols, step.rows);
      const narrower = step.cols < size.columns;
      size.columns = step.cols;
      size.rows = step.rows;
      if (narrower) {
        log.clear();
        lastHeight = 0;
        lastToRender = '';
      }
      if (lastOutput !== undefined) render(lastOutput);
      continue;
    }
    render(step.output);
  }
  const frameWrites = [...writes];
  log.done();
  await new Promise<void>((r) => term.write('', r));
  const buf = term.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < buf.length; i++) lines.push(buf.getLine(i)?.translateToString(true) ?? '');
  while (lines.length && lines.at(-1) === '') lines.pop();
  const cursor: [number, number] = [buf.cursorX, buf.baseY + buf.cursorY];
  term.dispose();
  return { lines, cursor, writes: frameWrites, endsOnFrame: !lastToRender.endsWith('\n') };
}

const stockWriter = (s: NodeJS.WriteStream) => stock.create(s, { incremental: false });
const diffWriter = (s: NodeJS.WriteStream) => stock.create(s, { incremental: true });

// Frames that grow past the terminal's height and shrink again, terminals that change size; each
// frame changes some lines of the one before (as a dashboard does).
const COLS = 40;
const ROWS = 8;
const word = fc.constantFrom('ok', 'expired', 'in 2h 5m', 'cooldown 3s', 'anthropic:a', '›', '…', ' ', '漢字', '\u001B[31mred\u001B[39m', '');
// At most 3 words of at most 11 columns: always narrower than the terminal, as Ink's lines are.
// Now and then a line exactly as wide as the terminal (the cursor then waits on the last column).
const lineArb = fc.oneof(
  { weight: 9, arbitrary: fc.array(word, { maxLength: 3 }).map((ws) => ws.join(' ')) },
  { weight: 1, arbitrary: fc.constantFrom('='.repeat(COLS), '\u001B[36m' + '-'.repeat(COLS) + '\u001B[39m') },
);
const framesArb = fc
  .array(
    fc.record({
      edits: fc.array(fc.tuple(fc.nat(), lineArb), { maxLength: 4 }),
      resize: fc.integer({ min: -3, max: 3 }),
      clear: fc.boolean(),
      // Now and then the terminal changes size (never narrower than the lines: Ink re-lays out).
      terminal: fc.option(fc.record({ cols: fc.integer({ min: COLS, max: COLS + 20 }), rows: fc.integer({ min: 3, max: ROWS + 4 }) }), { freq: 4, nil: undefined }),
    }),
    { minLength: 1, maxLength: 10 },
  )
  .map((specs) => {
    const steps: Step[] = [];
    let lines = ['clawdbot models status', 'anthropic  2 profiles'];
    for (const s of specs) {
      const n = Math.max(1, Math.min(ROWS + 2, lines.length + s.resize));
      lines = Array.from({ length: n }, (_, i) => lines[i] ?? `row ${i}`);
      for (const [at, text] of s.edits) lines[at % n] = text;
      if (s.clear) steps.push({ kind: 'clear' });
      if (s.terminal) steps.push({ kind: 'resize', ...s.terminal });
      steps.push({ kind: 'frame', output: lines.join('\n') });
    }
    return steps;
  });

describe('Ink’s incremental terminal writer', () => {
  it('leaves screen, scrollback and cursor exactly as Ink’s standard writer does', async () => {
    await fc.assert(
      fc.asyncProperty(framesArb, async (steps) => {
        const a = await replay(stockWriter, steps, COLS, ROWS);
        const b = await replay(diffWriter, steps, COLS, ROWS);
        expect(b.lines).toEqual(a.lines);
        if (a.endsOnFrame) expect(b.cursor[1]).toEqual(a.cursor[1]);
        else expect(b.cursor).toEqual(a.cursor);
      }),
      { numRuns: 400 },
    );
  }, 180_000); // hundreds of headless-terminal replays: minutes on a loaded 2-core machine

  it('after the terminal got shorter than the frame, the next frame is right (Ink clears the terminal, the writer is told)', async () => {
    const frame = (n: number, changed: number) => Array.from({ length: n }, (_, i) => (i === changed ? `line ${i} changed` : `line ${i}`)).join('\n');
    const steps: Step[] = [{ kind: 'frame', output: frame(9, -1) }, { kind: 'resize', cols: 40, rows: 6 }, { kind: 'frame', output: frame(5, 2) }];
    const a = await replay(stockWriter, steps, 40, 10);
    const b = await replay(diffWriter, steps, 40, 10);
    expect(b.lines).toEqual(a.lines);
    expect(b.cursor).toEqual(a.cursor);
  });

  it('a frame that filled the terminal, then the terminal grows: the cursor ends below the frame (patched)', async () => {
    // The frame fills 3 rows (no trailing newline), the terminal grows to 4, the same frame comes
    // again with its newline: Ink's writer moved past the last line with a cursor movement, which
    // stops at the bottom margin, and left the cursor on the frame (patches/README.md).
    const frame = 'clawdbot models status\nanthropic  2 profiles\nrow 2';
    const steps: Step[] = [{ kind: 'frame', output: frame }, { kind: 'resize', cols: 40, rows: 3 }, { kind: 'resize', cols: 40, rows: 4 }, { kind: 'frame', output: frame + '\nrow 3' }];
    const a = await replay(stockWriter, steps, 40, 8);
    const b = await replay(diffWriter, steps, 40, 8);
    expect(b.lines).toEqual(a.lines);
    expect(b.cursor).toEqual(a.cursor);
  });

  it('sends only the changed line when one countdown changes', async () => {
    const frame = (s: number) => ['clawdbot models status', 'anthropic  3 profiles', `  1  anthropic:a  ok  in 2h ${s}s`, '  2  anthropic:b  ok  in 9d', '↑/↓ move · q quit'].join('\n');
    const steps: Step[] = [10, 11, 12, 13].map((s) => ({ kind: 'frame', output: frame(s) }));
    const stockRun = await replay(stockWriter, steps, 60, 20);
    const diffRun = await replay(diffWriter, steps, 60, 20);
    expect(diffRun.lines).toEqual(stockRun.lines);
    const last = (r: Replay) => r.writes.at(-1)!;
    expect(last(stockRun)).toContain('anthropic:b'); // the standard writer resends every line
    expect(last(diffRun)).not.toContain('anthropic:b');
    expect(last(diffRun).length).toBeLessThan(frame(13).length / 2);
  });

  it('writes nothing for a frame that did not change', async () => {
    const steps: Step[] = [{ kind: 'frame', output: 'a\nb' }, { kind: 'frame', output: 'a\nb' }];
    const run = await replay(diffWriter, steps, 20, 5);
    // hide cursor, first frame, show cursor on done: nothing for the repeated frame
    expect(run.writes.filter((w) => w.includes('a\nb'))).toHaveLength(1);
  });
});
