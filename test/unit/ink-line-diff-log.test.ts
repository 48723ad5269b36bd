// The dashboard's terminal writer (components/ink-perf/line-diff-log.ts) sends only the lines
// that changed. It must leave the terminal exactly as Ink's standard writer (erase the frame,
// write it again) does: same screen, same scrollback, same cursor. Both are fed the same frame
// sequences (growing, shrinking, scrolling off the bottom, frames that fill the terminal, clears,
// terminal resizes)
// and replayed into headless xterm terminals.
import fc from 'fast-check';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import xterm from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { createLineDiffLog, type LogUpdate } from '../../components/ink-perf/line-diff-log.js';

const { Terminal } = xterm;

const stockUrl = pathToFileURL(path.resolve('node_modules/ink/build/log-update.js')).href;
const stock = ((await import(stockUrl)) as { default: { create(stream: NodeJS.WriteStream, o?: object): LogUpdate } }).default;

// A frame is Ink's output before it decides how to write it (see `replay`).
type Step = { kind: 'frame'; output: string } | { kind: 'clear' } | { kind: 'resize'; cols: number; rows: number };

interface Replay {
  lines: string[];
  cursor: [number, number];
  /** What the writer sent, call by call (before `done` shows the cursor again). */
  writes: string[];
}

async function replay(make: (s: NodeJS.WriteStream) => LogUpdate, steps: Step[], cols: number, rows: number): Promise<Replay> {
  // convertEol: a tty's ONLCR turns each \n into \r\n on the way to the terminal (raw mode keeps it).
  const term = new Terminal({ cols, rows, scrollback: 200, allowProposedApi: true, convertEol: true });
  const writes: string[] = [];
  const size = { columns: cols, rows };
  const stream = Object.assign(size, { isTTY: true, write: (s: string) => (writes.push(s), term.write(s), true) }) as unknown as NodeJS.WriteStream;
  term.write('$ clawdbot models status\r\n');
  const log = make(stream);
  // What Ink 6.8's onRender does with a frame: one as tall as the terminal goes out without the
  // trailing newline, and the frame after such a one is written after clearing the terminal
  // (the writer is only told what is on screen).
  let lastHeight = 0;
  for (const step of steps) {
    if (step.kind === 'clear') {
      log.clear();
      continue;
    }
    if (step.kind === 'resize') {
      // Ink on a resize: the frame is cleared first when the terminal got narrower.
      await new Promise<void>((r) => term.write('', r));
      term.resize(step.cols, step.rows);
      const narrower = step.cols < size.columns;
      size.columns = step.cols;
      size.rows = step.rows;
      if (narrower) log.clear();
      continue;
    }
    const height = step.output.split('\n').length;
    const toRender = height >= size.rows ? step.output : step.output + '\n';
    if (lastHeight >= size.rows) {
      stream.write('\u001B[2J\u001B[3J\u001B[H' + step.output);
      log.sync(toRender);
    } else {
      log(toRender);
    }
    lastHeight = height;
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
  return { lines, cursor, writes: frameWrites };
}

const stockWriter = (s: NodeJS.WriteStream) => stock.create(s, { incremental: false });
const diffWriter = (s: NodeJS.WriteStream) => createLineDiffLog(s);

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

describe('line-diff terminal writer (incremental rendering)', () => {
  it('leaves screen, scrollback and cursor exactly as Ink’s standard writer does', async () => {
    await fc.assert(
      fc.asyncProperty(framesArb, async (steps) => {
        const a = await replay(stockWriter, steps, COLS, ROWS);
        const b = await replay(diffWriter, steps, COLS, ROWS);
        expect(b.lines).toEqual(a.lines);
        expect(b.cursor).toEqual(a.cursor);
      }),
      { numRuns: 400 },
    );
  });

  it('after the terminal got shorter than the frame, the next frame is right (Ink clears the terminal, the writer is told)', async () => {
    const frame = (n: number, changed: number) => Array.from({ length: n }, (_, i) => (i === changed ? `line ${i} changed` : `line ${i}`)).join('\n');
    const steps: Step[] = [{ kind: 'frame', output: frame(9, -1) }, { kind: 'resize', cols: 40, rows: 6 }, { kind: 'frame', output: frame(5, 2) }];
    const a = await replay(stockWriter, steps, 40, 10);
    const b = await replay(diffWriter, steps, 40, 10);
    expect(b.lines).toEqual(a.lines);
    expect(b.cursor).toEqual(a.cursor);
  });

  it('writes the whole frame after any resize (terminals may reflow or scroll what is on screen)', async () => {
    const frame = (changed: number) => Array.from({ length: 4 }, (_, i) => (i === changed ? `line ${i} changed` : `line ${i}`)).join('\n');
    const steps: Step[] = [{ kind: 'frame', output: frame(-1) }, { kind: 'resize', cols: 50, rows: 9 }, { kind: 'frame', output: frame(2) }, { kind: 'frame', output: frame(3) }];
    const a = await replay(stockWriter, steps, 40, 10);
    const b = await replay(diffWriter, steps, 40, 10);
    expect(b.lines).toEqual(a.lines);
    expect(b.writes.at(-2)).toContain('line 0'); // first frame after the resize: whole
    expect(b.writes.at(-1)).not.toContain('line 0'); // then only what changed again
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
    expect(last(diffRun)).toContain('in 2h 13s');
    expect(last(diffRun).length).toBeLessThan(frame(13).length / 2);
  });

  it('a rewritten line that fills the terminal is not followed by an erase (xterm would erase its last character)', async () => {
    const steps: Step[] = [{ kind: 'frame', output: 'x'.repeat(20) + '\nend' }, { kind: 'frame', output: 'y'.repeat(20) + '\nend' }, { kind: 'frame', output: 'short\nend' }];
    const run = await replay(diffWriter, steps, 20, 6);
    expect(run.writes.at(-2)).toContain('y'.repeat(20));
    expect(run.writes.at(-2)).not.toContain('y'.repeat(20) + '\u001B[K');
    expect(run.writes.at(-1)).toContain('short\u001B[K'); // a shorter line still erases what was after it
    expect(run.lines.slice(-2)).toEqual(['short', 'end']);
  });

  it('writes nothing for a frame that did not change', async () => {
    const steps: Step[] = [{ kind: 'frame', output: 'a\nb' }, { kind: 'frame', output: 'a\nb' }];
    const run = await replay(diffWriter, steps, 20, 5);
    // hide cursor, first frame, show cursor on done: nothing for the repeated frame
    expect(run.writes.filter((w) => w.includes('a\nb'))).toHaveLength(1);
  });
});
