// patches/ink+8.0.0.patch makes Ink's frame composer (ink/build/output.js) reuse rows that did not
// change since a recent frame. That is only safe while it writes exactly what Ink as published
// writes: these properties feed both the same generated frames (styled text, wide and zero-width
// characters, clipping, nested clips, transformers, writes off the frame) and require identical
// text, including on repeated and alternating frames, where the patched one answers from its cache.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importInkFile, importUnpatchedInkFile } from '../helpers/ink-patch.js';

type Transformer = (line: string, index: number) => string;
interface OutputLike {
  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void;
  clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
}
type OutputClass = new (o: { width: number; height: number }) => OutputLike;

// Ink's composer as the app runs it (patched) and as published (the patch reversed).
const Fast = (await importInkFile<{ default: OutputClass }>('build/output.js')).default;
const InkOutput = (await importUnpatchedInkFile<{ default: OutputClass }>('build/output.js')).default;

const TRANSFORMERS: Record<string, Transformer> = {
  bold: (s) => `\u001B[1m${s}\u001B[22m`,
  red: (s) => `\u001B[31m${s}\u001B[39m`,
  upperAfterFirst: (s, i) => (i === 0 ? s : s.toUpperCase()),
  pad: (s) => s.padEnd(6, '.'),
};

const STYLES: Array<[string, string]> = [
  ['', ''],
  ['\u001B[1m', '\u001B[22m'],
  ['\u001B[2m', '\u001B[22m'],
  ['\u001B[7m', '\u001B[27m'],
  ['\u001B[31m', '\u001B[39m'],
  ['\u001B[36m', '\u001B[39m'],
  ['\u001B[90m', '\u001B[39m'],
];

// What dashboard and wizard rows are made of, plus the characters that are hard to lay out.
const PIECES = ['a', 'Z', '0', ' ', '  ', 'sk-ant-', '…', '›', '⇕', '↻', '·', '漢', '字', '👍', '❤️', 'e\u0301', '\u200B', 'ｱ', '🏳️‍🌈'];

const segment = fc.record({
  style: fc.constantFrom(...STYLES),
  text: fc.array(fc.constantFrom(...PIECES), { minLength: 0, maxLength: 8 }).map((xs) => xs.join('')),
});
const line = fc.array(segment, { minLength: 0, maxLength: 4 }).map((segs) => segs.map(({ style: [on, off], text }) => (text ? on + text + off : text)).join(''));
const text = fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n'));

type Op =
  | { type: 'write'; x: number; y: number; text: string; transformers: string[] }
  | { type: 'clip'; clip: { x1?: number; x2?: number; y1?: number; y2?: number } }
  | { type: 'unclip' };

const maybe = (arb: fc.Arbitrary<number>) => fc.option(arb, { nil: undefined });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ type: fc.constant('write' as const), x: fc.integer({ min: -3, max: 50 }), y: fc.integer({ min: -2, max: 12 }), text, transformers: fc.subarray(Object.keys(TRANSFORMERS)) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('clip' as const), clip: fc.record({ x1: maybe(fc.integer({ min: -2, max: 30 })), x2: maybe(fc.integer({ min: 0, max: 50 })), y1: maybe(fc.integer({ min: -2, max: 8 })), y2: maybe(fc.integer({ min: 0, max: 12 })) }) }) },
  { weight: 1, arbitrary: fc.constant({ type: 'unclip' as const }) },
);
const frame = fc.record({ width: fc.integer({ min: 0, max: 48 }), height: fc.integer({ min: 0, max: 10 }), ops: fc.array(op, { maxLength: 14 }) });
type Frame = { width: number; height: number; ops: Op[] };

function compose(Cls: OutputClass, f: Frame): { output: string; height: number } {
  const out = new Cls({ width: f.width, height: f.height });
  for (const o of f.ops) {
    if (o.type === 'write') out.write(o.x, o.y, o.text, { transformers: o.transformers.map((t) => TRANSFORMERS[t]!) });
    else if (o.type === 'clip') out.clip(o.clip);
    else out.unclip();
  }
  return out.get();
}

describe('row-cached Output (patches/ink+8.0.0.patch, ink/build/output.js)', () => {
  it('composes every generated frame exactly as Ink as published does', () => {
    fc.assert(
      fc.property(frame, (f) => {
        expect(compose(Fast, f)).toEqual(compose(InkOutput, f));
      }),
      { numRuns: 3000 },
    );
  }, 120_000);

  it('stays exact across a run of frames that share rows (cache hits and misses mixed)', () => {
    fc.assert(
      fc.property(fc.array(frame, { minLength: 2, maxLength: 5 }), fc.array(fc.nat(), { minLength: 4, maxLength: 12 }), (frames, picks) => {
        for (const p of picks) {
          const f = frames[p % frames.length]!;
          expect(compose(Fast, f)).toEqual(compose(InkOutput, f));
        }
      }),
      { numRuns: 400 },
    );
  }, 120_000);

  it('composes a dashboard-like frame where only a countdown changes', () => {
    const rowsOf = (seconds: number): Frame => ({
      width: 119,
      height: 30,
      ops: Array.from({ length: 30 }, (_, y) => [
        { type: 'write' as const, x: 0, y, text: `\u001B[1m›\u001B[22m ${y}   anthropic:p${String(y).padStart(5, '0')}  token  store  sk-ant-oat01-…abcd`, transformers: [] },
        { type: 'write' as const, x: 80, y, text: `\u001B[33mcooldown ${54 - (y % 3)}m ${String((seconds + y) % 60).padStart(2, '0')}s\u001B[39m`, transformers: [] },
      ]).flat(),
    });
    for (let s = 0; s < 70; s++) expect(compose(Fast, rowsOf(s))).toEqual(compose(InkOutput, rowsOf(s)));
  });
});
