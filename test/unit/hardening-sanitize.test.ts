// Input sanitising properties: whatever a terminal or clipboard wraps around a token comes off,
// the result is stable (sanitising twice changes nothing), and what is not one token is refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displaySafe, parseSecretInput, sanitizeSecretInput } from '../../src/util/sanitize.js';
import { UsageError } from '../../src/util/errors.js';

const CORE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~+/-'.split('');
/** A realistic token: token characters, optionally base64 `=` padding at the end. */
const token = fc
  .tuple(fc.string({ unit: fc.constantFrom(...CORE), minLength: 1, maxLength: 60 }), fc.constantFrom('', '=', '=='))
  .map(([a, pad]) => a + pad);

/** Insert line breaks (a terminal wrapping a long paste) at random places. */
const withBreaks = (t: string) =>
  fc.array(fc.tuple(fc.nat({ max: t.length }), fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 3 }).map((breaks) => {
    let s = t;
    for (const [at, br] of breaks.sort((a, b) => b[0] - a[0])) s = s.slice(0, at) + br + s.slice(at);
    return s;
  });

const wrapped = token.chain((t) =>
  fc
    .record({
      broken: withBreaks(t),
      bracketed: fc.constantFrom('', 'esc', 'bare'),
      exportLine: fc.constantFrom('', 'export ', 'export  '),
      name: fc.constantFrom('', 'ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'x_1'),
      eq: fc.constantFrom('=', ' = ', '= '),
      quote: fc.constantFrom('', '"', "'", '`'),
      semi: fc.constantFrom('', ';', ';;'),
      pad: fc.constantFrom('', ' ', '  \t', '\n', '\u200b'),
    })
    .map((w) => {
      let s = `${w.quote}${w.broken}${w.quote}${w.semi}`;
      if (w.name) s = `${w.exportLine}${w.name}${w.eq}${s}`;
      if (w.bracketed === 'esc') s = `\x1b[200~${s}\x1b[201~`;
      if (w.bracketed === 'bare') s = `[200~${s}[201~`;
      return { token: t, input: `${w.pad}${s}${w.pad}` };
    }),
);

describe('hardening: sanitizeSecretInput / parseSecretInput', () => {
  it('is idempotent on any input at all', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (raw) => {
        const once = sanitizeSecretInput(raw);
        expect(sanitizeSecretInput(once)).toBe(once);
      }),
      { numRuns: 5000 },
    );
  });

  it('is idempotent on inputs made of the characters it treats specially', () => {
    const special = fc.string({
      unit: fc.constantFrom('export ', 'A=', '=', '"', "'", '`', ';', ' ', '\n', '\r', '\x1b[200~', '[201~', 'x', '#', '\u200b'),
      maxLength: 30,
    });
    fc.assert(
      fc.property(special, (raw) => {
        const once = sanitizeSecretInput(raw);
        expect(sanitizeSecretInput(once)).toBe(once);
      }),
      { numRuns: 5000 },
    );
  });

  it('recovers the token from CR/LF, bracketed paste, export NAME=, quotes and trailing semicolons', () => {
    fc.assert(
      fc.property(wrapped, ({ token: t, input }) => {
        expect(sanitizeSecretInput(input)).toBe(t);
        expect(parseSecretInput(input)).toBe(t);
      }),
      { numRuns: 4000 },
    );
  });

  it('keeps base64 padding (a token ending in "=" is not an assignment)', () => {
    expect(parseSecretInput('QUJDREVGR0g=')).toBe('QUJDREVGR0g=');
    expect(parseSecretInput('QUJDREVGRw==\n')).toBe('QUJDREVGRw==');
    expect(parseSecretInput('export KEY=QUJDREVGRw==;')).toBe('QUJDREVGRw==');
  });

  it('rejects inner spaces and "#" with one clear line that does not echo the input', () => {
    // `abc= def` reads as the assignment `abc=` + value, so the first part has no `=` padding here.
    const plain = fc.string({ unit: fc.constantFrom(...CORE), minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(plain, token, fc.constantFrom(' ', '\t', '  ', '#', ' # '), (a, b, sep) => {
        const input = `${a}${sep}${b}`;
        let err: unknown;
        try {
          parseSecretInput(input);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(UsageError);
        const msg = (err as Error).message;
        expect(msg).not.toContain('\n');
        expect(msg).toMatch(sep.includes('#') && !/\s/.test(sep) ? /"#"/ : /spaces|"#"/);
        // The refusal never repeats what was pasted.
        if (a.length >= 8) expect(msg).not.toContain(a);
        if (b.length >= 8) expect(msg).not.toContain(b);
      }),
      { numRuns: 2000 },
    );
  });

  it('whatever it accepts is one line of printable, space-free, #-free text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (raw) => {
        let out: string | undefined;
        try {
          out = parseSecretInput(raw);
        } catch (e) {
          expect(e).toBeInstanceOf(UsageError);
          return;
        }
        expect(out.length).toBeGreaterThan(0);
        expect(out).not.toMatch(/[\s#\x00-\x1f\x7f]/);
        expect(out).toBe(sanitizeSecretInput(out));
      }),
      { numRuns: 5000 },
    );
  });

  it('displaySafe escapes every control character and leaves other text alone', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (raw) => {
        const out = displaySafe(raw);
        expect(out).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
        if (!/[\x00-\x1f\x7f-\x9f]/.test(raw)) expect(out).toBe(raw);
      }),
      { numRuns: 3000 },
    );
    expect(displaySafe('me\x1b[2J@example.com')).toBe('me\\x1b[2J@example.com');
  });

  it('an empty paste says so', () => {
    for (const raw of ['', '   ', '\n', '\x1b[200~\x1b[201~', '""', 'export X=""', ';']) {
      expect(() => parseSecretInput(raw)).toThrow(/No token given/);
    }
  });
});
