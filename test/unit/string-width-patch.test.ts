// patches/string-width+<version>.patch: string-width (how Ink measures every text) builds an
// Intl.Segmenter and compiles the RGI_Emoji property set when it is imported, tens of
// milliseconds before a first frame that may never need them, and measures any text beyond
// ASCII (a masked secret's "…", a "·" separator) through them. Patched, it builds them on first
// use and measures narrow non-ASCII text (Latin, punctuation, arrows, box drawing, dingbats,
// Braille) by its length. These tests hold the patched module to the published one: the same
// width for every BMP character and for generated strings that mix narrow text with what does
// need segmenting (marks, joiners, emoji, wide characters), and no segmenter for narrow text.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type StringWidth = (s: string, o?: { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean }) => number;

const ROOT = path.resolve(import.meta.dirname, '../..');
const SW_DIR = path.dirname(createRequire(path.join(ROOT, 'package.json')).resolve('string-width'));
const SW_VERSION = (JSON.parse(readFileSync(path.join(SW_DIR, 'package.json'), 'utf8')) as { version: string }).version;
const SW_PATCH = path.join(ROOT, 'patches', `string-width+${SW_VERSION}.patch`);
// Inside the repo, so the published copy resolves its own dependencies from node_modules.
const SCRATCH = path.join(ROOT, '.vitest-tmp', `string-width-${process.pid}`);

let patched: StringWidth;
let published: StringWidth;
beforeAll(async () => {
  patched = ((await import(pathToFileURL(path.join(SW_DIR, 'index.js')).href)) as { default: StringWidth }).default;
  const copy = path.join(SCRATCH, 'node_modules', 'string-width');
  mkdirSync(copy, { recursive: true });
  cpSync(SW_DIR, copy, { recursive: true });
  execFileSync('git', ['apply', '--reverse', SW_PATCH], { cwd: SCRATCH, stdio: 'pipe', env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(SCRATCH) } });
  published = ((await import(pathToFileURL(path.join(copy, 'index.js')).href)) as { default: StringWidth }).default;
});
afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

/** A small seeded generator, so a failure names a string that reproduces. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const NARROW_SAMPLES = ['…', '·', '•', '—', '↑', '↓', '→', '✓', '✗', '❯', '›', '▏', '─', '│', '⠋', 'é', 'ß', 'Ł', 'ʼ', ' ', 'a', 'Z', '-', ':'];
const OTHERS = ['\u0301', '\u200D', '\uFE0F', '\u00AD', '\t', '\u200B', '日', '本', 'ｱ', 'ﾞ', '👍', '🏽', '👨\u200D👩\u200D👧', '❤', '❤\uFE0F', '1\u20E3', '🇫🇷', '\u1100\u1161', '\u0915\u093F', '©', '™', '‼', '▶', '☕', '⌚', '\u001B[31m', '\u001B[0m'];

describe('string-width as patched vs as published', () => {
  it('gives the same width for every BMP character, with ambiguous characters narrow and wide', () => {
    const diffs: string[] = [];
    for (let cp = 0x20; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCharCode(cp);
      for (const ambiguousIsNarrow of [true, false]) {
        if (patched(ch, { ambiguousIsNarrow }) !== published(ch, { ambiguousIsNarrow })) diffs.push(`U+${cp.toString(16)} ambiguousIsNarrow=${ambiguousIsNarrow}`);
      }
    }
    expect(diffs).toEqual([]);
  });

  it('gives the same width for generated strings mixing narrow text with marks, joiners, emoji and wide characters', () => {
    const next = rng(18);
    const diffs: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const parts: string[] = [];
      const n = 1 + Math.floor(next() * 12);
      for (let j = 0; j < n; j++) {
        const pool = next() < 0.75 ? NARROW_SAMPLES : OTHERS;
        parts.push(pool[Math.floor(next() * pool.length)]!);
      }
      const s = parts.join('');
      for (const ambiguousIsNarrow of [true, false]) {
        if (patched(s, { ambiguousIsNarrow }) !== published(s, { ambiguousIsNarrow })) diffs.push(JSON.stringify(s));
      }
    }
    expect(diffs).toEqual([]);
  });

  it('measures narrow text without building a segmenter; anything else still builds one', () => {
    const script = `
      let built = 0;
      const Real = Intl.Segmenter;
      Intl.Segmenter = class extends Real { constructor(...a) { super(...a); built++; } };
      const { default: w } = await import(${JSON.stringify(pathToFileURL(path.join(SW_DIR, 'index.js')).href)});
      const narrow = [w('sk-ant-oat01-…abcd · expires in 2h ✓'), w('↑↓ reorder  ⠋ asking…'), built];
      const wide = [w('日本語'), built];
      process.stdout.write(JSON.stringify({ narrow, wide }));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as { narrow: number[]; wide: number[] };
    expect(out.narrow).toEqual([36, 21, 0]);
    expect(out.wide).toEqual([6, 1]);
  });
});
