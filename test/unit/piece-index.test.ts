// PieceIndex (src/util/piece-index.ts) answers exactly what a plain Set of every piece answers,
// although it keeps only a Bloom filter and the texts joined: a false "maybe" of the filter is
// searched for and not found, a piece never spans two texts, pieces with characters outside
// printable ASCII (the separator among them) are still found, excluded pieces never are, and texts
// added after a lookup are seen by the next one. A tiny filter (32 bits for the first 1,024 pieces,
// one hash) is soon full and says "maybe" to almost everything, so the exact check (and what it
// remembers, and where it looks first) is on the path for almost every lookup.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PieceIndex, type PieceIndexOptions } from '../../src/util/piece-index.js';

const L = 8;
const TINY: PieceIndexOptions = { bitsPerPiece: 1 / 32, hashes: 1 };

/** The plain reference: every piece of every text added, from its `from`, minus the excluded ones. */
class PlainPieces {
  private readonly set = new Set<string>();
  constructor(private readonly excluded: readonly string[] = []) {}
  add(s: string, from: number): void {
    for (let i = Math.max(0, from); i + L <= s.length; i++) {
      const piece = s.slice(i, i + L);
      if (!this.excluded.includes(piece)) this.set.add(piece);
    }
  }
  has(text: string, at: number): boolean {
    return this.set.has(text.slice(at, at + L));
  }
}

/**
 * Every piece of `text` answered alike by both, from the first piece on and again from the last
 * one back: the index looks for a piece first just after the one it found last.
 */
function expectSameEverywhere(index: PieceIndex, plain: PlainPieces, text: string): void {
  const last = text.length - L;
  for (let at = 0; at <= last; at++) expectSameAt(index, plain, text, at);
  for (let at = last; at >= 0; at--) expectSameAt(index, plain, text, at);
}

function expectSameAt(index: PieceIndex, plain: PlainPieces, text: string, at: number): void {
  expect(index.has(text, at), JSON.stringify({ text, at, piece: text.slice(at, at + L) })).toBe(plain.has(text, at));
}

const PRINTABLE = 'abAB01-_.~ xyz'.split('');
// The separator the texts are joined with, other controls, non-ASCII and astral characters.
const ODD = ['\u0000', '\u0001', '\n', '…', 'é', '😀'];
const textArb = fc.string({ unit: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...PRINTABLE) }, { weight: 1, arbitrary: fc.constantFrom(...ODD) }), minLength: 0, maxLength: 40 });

describe('PieceIndex', () => {
  it('answers as a plain Set for random texts added in turns, with a tiny filter and the default one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(textArb, fc.integer({ min: -8, max: 12 })), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }),
        fc.array(textArb, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (batches, probes, tiny) => {
          const excluded = ['ab-AB01x', 'xyzxyzxy'];
          const index = new PieceIndex(L, () => excluded, tiny ? TINY : {});
          const plain = new PlainPieces(excluded);
          const added: string[] = [];
          // Texts not added yet are looked up too: a "no" remembered now must not hide them later.
          const all = batches.flat().map(([s]) => s);
          for (const batch of batches) {
            for (const [s, from] of batch) {
              // The pieces starting at `from` or later are those of the text from there.
              index.addPieces(s.slice(Math.max(0, from)));
              plain.add(s, from);
              added.push(s);
            }
            index.flush();
            // Texts made of probes and of what was added (its pieces, and runs across two of them).
            for (const text of [...probes, ...all, added.join(''), added.join(' '), probes.join('') + added.join('')]) {
              expectSameEverywhere(index, plain, text);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('does not report a piece the filter only might hold (a false "maybe" is searched for, not trusted)', () => {
    const index = new PieceIndex(L, () => [], TINY);
    const plain = new PlainPieces();
    // 2,000 pieces in a filter of 96 bits, one hash: every bit set, every miss says "maybe".
    let random = 12345;
    const next = () => (random = (Math.imul(random, 1103515245) + 12345) >>> 0);
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    const token = (n: number) => Array.from({ length: n }, () => chars[next() % chars.length]).join('');
    for (let i = 0; i < 50; i++) {
      const s = token(47);
      index.addPieces(s);
      plain.add(s, 0);
    }
    index.flush();
    const before = index.exactChecks;
    let misses = 0;
    for (let i = 0; i < 2000; i++) {
      const probe = token(L);
      if (plain.has(probe, 0)) continue;
      misses++;
      expect(index.has(probe, 0), probe).toBe(false);
    }
    // The filter let most of the misses through to the exact check, and none of them counted.
    expect(misses).toBeGreaterThan(1900);
    expect(index.exactChecks - before).toBeGreaterThan(misses / 2);
  });

  it('does not take a piece for the one after the piece found last when only its first character differs', () => {
    const index = new PieceIndex(L, () => [], TINY);
    for (let i = 0; i < 40; i++) index.addPieces(`fill-${i}-${'z'.repeat(i % 9)}-up-the-filter`);
    index.addPieces('ABCDEFGHIJ');
    index.flush();
    expect(index.has('ABCDEFGH', 0)).toBe(true);
    expect(index.has('ZCDEFGHI', 0)).toBe(false);
    expect(index.has('BCDEFGHI', 0)).toBe(true);
  });

  it('never finds a piece across two texts, whose join puts a separator between them', () => {
    const index = new PieceIndex(L, () => [], TINY);
    index.addPieces('AAAAAAAAAAAA');
    index.addPieces('BBBBBBBBBBBB');
    index.flush();
    expect(index.has('AAAABBBB', 0)).toBe(false);
    expect(index.has('AAAAAAAB', 0)).toBe(false);
    expect(index.has('AAAAAAAA', 0)).toBe(true);
    expect(index.has('BBBBBBBB', 0)).toBe(true);
  });

  it('finds the pieces of a text that holds the separator itself, with it and on either side of it', () => {
    const s = 'abcdefgh\u0000ijklmnopq';
    const index = new PieceIndex(L, () => [], TINY);
    index.addPieces(s);
    index.flush();
    const plain = new PlainPieces();
    plain.add(s, 0);
    expectSameEverywhere(index, plain, s);
    expect(index.has(s, 0)).toBe(true); // abcdefgh
    expect(index.has(s, 4)).toBe(true); // efgh\0ijk
    expect(index.has(s, 9)).toBe(true); // ijklmnop
    // Not a piece: `abcdefgh` next to `ijk` without the separator between them.
    expect(index.has('fghijklm', 0)).toBe(false);
  });

  it('finds pieces with characters outside printable ASCII, and not their printable neighbours made up', () => {
    const s = 'tok…en-é-😀-rest-of-it';
    const index = new PieceIndex(L, () => []);
    index.addPieces(s);
    index.flush();
    const plain = new PlainPieces();
    plain.add(s, 0);
    expectSameEverywhere(index, plain, s);
    expectSameEverywhere(index, plain, `x${s.replace('…', '...')}y`);
  });

  it('sees texts added after a lookup, through growing filters and merged tails', () => {
    const index = new PieceIndex(L, () => []);
    const plain = new PlainPieces();
    const texts: string[] = [];
    // Enough text to fill the filter again several times and to merge the tail into the main text.
    for (let i = 0; i < 3000; i++) {
      const s = `later-${i.toString(36).padStart(4, '0')}-${'q'.repeat(i % 40)}${(i * 7919).toString(36)}`;
      index.addPieces(s);
      plain.add(s, 0);
      texts.push(s);
      if (i % 97 === 0 || i < 20) {
        index.flush();
        for (const t of [s, texts[i >> 1]!, `${s.slice(3)}|${texts[0]!.slice(2)}`]) expectSameEverywhere(index, plain, t);
      }
    }
    index.flush();
    for (const t of texts) expectSameEverywhere(index, plain, t);
  });

  it('never reports an excluded piece, however often it was added', () => {
    const index = new PieceIndex(L, () => ['sk-ant-o']);
    index.addPieces('sk-ant-oat05-abcdefgh');
    index.addPieces('xsk-ant-o');
    index.flush();
    expect(index.has('sk-ant-o', 0)).toBe(false);
    expect(index.has('k-ant-oa', 0)).toBe(true);
  });
});
