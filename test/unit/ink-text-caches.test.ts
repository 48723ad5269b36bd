// The bundle replaces Ink's measure-text.js and wrap-text.js with versions whose caches are
// bounded (components/ink-perf/bounded-*.ts). Same answers as Ink's own for generated texts
// (styles, wide and zero-width characters, line breaks, every wrap mode), and the caches stay
// bounded however many distinct texts pass through.
import fc from 'fast-check';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import measureText, { cachedEntries as measured } from '../../components/ink-perf/bounded-measure-text.js';
import wrapText, { cachedEntries as wrapped } from '../../components/ink-perf/bounded-wrap-text.js';

const inkFile = (f: string) => pathToFileURL(path.resolve('node_modules/ink/build', f)).href;
const inkMeasure = ((await import(inkFile('measure-text.js'))) as { default: (t: string) => { width: number; height: number } }).default;
const inkWrap = ((await import(inkFile('wrap-text.js'))) as { default: (t: string, w: number, m: string) => string }).default;

const PIECES = ['a', 'Z', ' ', '  ', 'sk-ant-', '…', '›', '漢', '👍', 'e\u0301', '\u200B', '\n', '\u001B[31m', '\u001B[39m', '\u001B[1m', '\u001B[22m', 'in 59m 56s'];
// Never ends in a digit: Ink's own cache key joins text and width without a separator, so "ab"
// at width 12 and "ab1" at width 2 would share an entry there (a bug the replacement does not have).
const text = fc.array(fc.constantFrom(...PIECES), { minLength: 0, maxLength: 14 }).map((xs) => xs.join('') + '.');
const MODES = ['wrap', 'truncate', 'truncate-start', 'truncate-middle', 'truncate-end', 'end', 'middle'];

describe('bounded text caches (bundle replacements for ink/build/measure-text.js and wrap-text.js)', () => {
  it('measure the same size as Ink', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(measureText(t)).toEqual(inkMeasure(t));
      }),
      { numRuns: 3000 },
    );
    expect(measureText('')).toEqual(inkMeasure(''));
  });

  it('wrap and truncate the same way as Ink, in every mode', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 30 }), fc.constantFrom(...MODES), (t, w, m) => {
        expect(wrapText(t, w, m)).toBe(inkWrap(t, w, m));
        expect(wrapText(t, w, m)).toBe(inkWrap(t, w, m)); // and again, from the cache
      }),
      { numRuns: 3000 },
    );
  });

  it('give the right answer where Ink\'s own cache key collides', () => {
    expect(wrapText('ab', 12, 'truncate')).toBe('ab');
    expect(wrapText('ab1', 2, 'truncate')).toBe('a…');
  });

  it('forget old texts: a day of countdown texts does not grow the caches without bound', () => {
    for (let s = 0; s < 100_000; s++) {
      const t = `cooldown ${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
      measureText(t);
      wrapText(t, 10, 'truncate');
    }
    expect(measured()).toBeLessThanOrEqual(2 * 4096);
    expect(wrapped()).toBeLessThanOrEqual(2 * 2048);
  });
});
