// redact() with its indexes (whole secrets found by their last piece, pieces through a Bloom filter
// checked in the secrets joined) gives, text for text, what the plain redaction gave: every secret
// looked for in every text, one Set of every piece (test/helpers/redact-reference.ts). Both are fed
// the same registrations in the same order, between redactions, so the lazy indexing, the texts
// added later and the pieces that are not printable ASCII (the join's separator among them) are all
// on the path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskSecret } from '../../src/util/mask.js';
import { redact, registerSecret, registeredSecretCount } from '../../src/util/redact.js';
import * as reference from '../helpers/redact-reference.js';

function registerBoth(secret: string): void {
  registerSecret(secret);
  reference.registerSecret(secret);
}

function expectSame(text: string, ownText?: string[]): void {
  const opts = ownText ? { ownText } : {};
  expect(redact(text, opts), JSON.stringify({ text, ownText })).toBe(reference.redact(text, opts));
}

const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~+/=-'.split('');
const PREFIXES = ['', 'sk-ant-api03-', 'sk-ant-oat01-', 'sk-ant-oat05-', 'sk-proj-', 'sk-', 'ghp_', 'eyJ', 'tok-bench-'];
// Tokens; small alphabets (overlaps, repeats, one secret inside another); characters beyond
// printable ASCII (`…`, accents, controls, astral), which take the index's other path.
const secretArb = fc.oneof(
  fc.tuple(fc.constantFrom(...PREFIXES), fc.string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 8, maxLength: 48 })).map(([p, b]) => p + b),
  fc.string({ unit: fc.constantFrom('a', 'b', 'A', '-', '0', '*'), minLength: 8, maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('a', 'b', '…', 'é', '\u0007', '\u0000', '😀', ' '), minLength: 8, maxLength: 16 }),
);
const filler = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '"', ':', 'x', '…', '*', 'token=', 'Bearer '), maxLength: 12 });

/** A text made of fillers, pieces and masks of some of the registered secrets, and whole ones. */
function textArb(secrets: readonly string[]) {
  const pick = fc.nat({ max: Math.max(0, secrets.length - 1) }).map((i) => secrets[i] ?? 'none');
  const piece = fc
    .tuple(pick, fc.nat(), fc.integer({ min: 1, max: 40 }))
    .map(([s, start, len]) => s.slice(start % s.length, (start % s.length) + len));
  return fc.array(fc.oneof(filler, piece, pick, pick.map((s) => maskSecret(s))), { maxLength: 8 }).map((parts) => parts.join(''));
}

describe('hardening: redact gives what the plain redaction gave', () => {
  it('for random secrets and texts, registered and redacted in turns', () => {
    fc.assert(
      fc.property(fc.array(fc.array(secretArb, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }), fc.integer(), (batches, seed) => {
        const all: string[] = [];
        for (const batch of batches) {
          for (const s of batch) registerBoth(s);
          all.push(...batch);
          for (const text of fc.sample(textArb(all), { numRuns: 6, seed })) {
            expectSame(text);
            expectSame(text, [text.slice(0, 20)]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a mask that completes a secret registered later is replaced as before, in either order', () => {
    const a = `sk-ant-api03-${'Q7'.repeat(12)}`;
    const b = `${maskSecret(a)}Zz9Zz9Zz9Zz9`; // the mask of `a` followed by more: found only once `a` is masked
    registerBoth(a);
    registerBoth(b);
    expectSame(`said ${a}Zz9Zz9Zz9Zz9 twice ${a}`);
    const c = `gsk_${'Rr5'.repeat(8)}`;
    const d = `${maskSecret(c)}Yy8Yy8Yy8Yy8`;
    registerBoth(d); // registered before: its turn comes before `c` is masked
    registerBoth(c);
    expectSame(`said ${c}Yy8Yy8Yy8Yy8`);
  });

  it('at thousands of secrets, with batches merged into the index after it was built', () => {
    const secrets = Array.from({ length: 3000 }, (_, i) => `acc-bench-${i.toString(36).padStart(6, '0')}Bench${'x'.repeat(32)}`);
    for (const s of secrets) registerBoth(s);
    const texts = (some: readonly string[]) => [
      'usage unavailable: the token was rejected (HTTP 401)',
      `echoed ${some[17]} and ${some[2999 % some.length]!.slice(5, 30)}`,
      `tail ${some[40]!.slice(-9)} head ${some[41]!.slice(0, 14)} ${'x'.repeat(40)}`,
      `${some[5]}${some[6]}`,
    ];
    for (const t of texts(secrets)) expectSame(t);
    // Later registrations, a few at a time and then many: both index paths after the first build.
    const later = Array.from({ length: 1500 }, (_, i) => `ref-later-${(i * 7919).toString(36)}Later${'y'.repeat(i % 30)}`);
    for (let i = 0; i < later.length; i++) {
      registerBoth(later[i]!);
      if (i % 300 === 0) for (const t of texts(later.slice(0, i + 42))) expectSame(t);
    }
    for (const t of texts(later)) expectSame(t);
    expect(registeredSecretCount()).toBe(reference.registeredSecretCount());
  });
});
