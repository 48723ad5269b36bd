// The auth store's plain validation check (the hot path of every status run and dashboard reload)
// against the zod schemas it stands in for, on whole random documents: valid ones built from every
// credential shape, and invalid ones with wrong types anywhere. The two must agree on accept and
// reject, and validateAuthStore must return the document itself (it never rewrites it). A rejected
// document's error always comes from zod (the plain check only says yes or "ask zod"), so agreeing
// on reject is what keeps every error message what it was.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StoreCorruptError, validateAuthStore } from '../../src/store/index.js';
import { authStoreShapeVerdicts } from '../../src/store/auth-profiles.js';

// Values of every JSON type, including the near misses the check has to tell apart.
const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom('', 'x', 'env', 'file', 'exec', 'api_key', 'token', 'oauth', 'anthropic'),
  fc.string({ maxLength: 6 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constant(2 ** 60),
  fc.constantFrom([], ['a'], [1], {}),
  fc.constantFrom({ source: 'env', provider: 'default', id: 'K' }, { source: 'vault', provider: 'p', id: 'K' }, { source: 'exec', provider: 1, id: 'K' }),
);
// Mostly the right type, sometimes anything: most documents are valid, many are not.
const usually = <T>(right: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: right }, { weight: 1, arbitrary: anyValue });
const optional = <T>(right: fc.Arbitrary<T>) => fc.option(usually(right), { nil: undefined, freq: 2 });
const str = fc.string({ maxLength: 8 });
const num = fc.oneof(fc.integer({ min: 0, max: 2_000_000_000_000 }), fc.double({ min: -1e13, max: 1e13, noNaN: true }));
const ref = fc.record({ source: fc.constantFrom('env', 'file', 'exec'), provider: str, id: str });

const credential = fc.oneof(
  fc.record({ type: usually(fc.constant('api_key')), provider: usually(fc.constantFrom('anthropic', 'openai', ' Groq ')), key: optional(str), keyRef: optional(ref), email: optional(str) }),
  fc.record({ type: usually(fc.constant('token')), provider: usually(fc.constant('anthropic')), token: optional(str), tokenRef: optional(ref), expires: optional(num), email: optional(str) }),
  fc.record({
    type: usually(fc.constant('oauth')),
    provider: usually(fc.constant('openai-codex')),
    access: optional(str),
    refresh: optional(str),
    expires: optional(num),
    accountId: optional(str),
    email: optional(str),
    extra: optional(anyValue),
  }),
  fc.record({ type: usually(fc.constant('passkey')), provider: usually(str), blob: anyValue }),
  anyValue,
);
const usage = fc.oneof(
  { weight: 6, arbitrary: fc.record({ lastUsed: optional(num), cooldownUntil: optional(num), disabledUntil: optional(num), disabledReason: optional(str), errorCount: optional(num), lastFailureAt: optional(num), failureCounts: optional(fc.dictionary(str, usually(num), { maxKeys: 3 })) }) },
  { weight: 1, arbitrary: anyValue },
);
// "__proto__" too: zod's records skip that key, so validation judges it under a stand-in name.
const ids = fc.constantFrom('anthropic:a', 'anthropic:b', 'openai:c', 'openai-codex:d', 'x', 'constructor', 'toString', '__proto__');
const document = fc.record({
  version: fc.option(usually(fc.constantFrom(0, 1)), { nil: undefined }),
  profiles: usually(fc.dictionary(ids, credential, { maxKeys: 6 })),
  order: optional(fc.dictionary(str, usually(fc.array(usually(str), { maxLength: 3 })), { maxKeys: 2 })),
  lastGood: optional(fc.dictionary(str, usually(str), { maxKeys: 2 })),
  usageStats: optional(fc.dictionary(ids, usage, { maxKeys: 4 })),
  unknownTopLevel: optional(anyValue),
});

/** What a document is after a round trip through the file (undefined fields gone). */
const asRead = (doc: unknown): unknown => JSON.parse(JSON.stringify(doc));

function outcome(doc: unknown): { ok: true; same: boolean } | { ok: false; message: string } {
  try {
    return { ok: true, same: validateAuthStore('/tmp/auth-profiles.json', doc) === doc };
  } catch (err) {
    expect(err).toBeInstanceOf(StoreCorruptError);
    return { ok: false, message: (err as Error).message };
  }
}

describe('auth store validation: plain check and zod agree', () => {
  it('on random whole documents, valid and invalid', () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(document, (raw) => {
        const doc = asRead(raw);
        const v = authStoreShapeVerdicts(doc);
        // Sound: the plain check never accepts what zod rejects.
        if (v.fast) expect(v.zod, `plain check accepted ${JSON.stringify(doc)}`).toBe(true);
        // And it is the path taken: it accepts every document zod accepts.
        if (v.zod) expect(v.fast, `plain check refused ${JSON.stringify(doc)}`).toBe(true);
        const got = outcome(doc);
        // A version from the future is refused before either check looks at the shape.
        const newer = typeof (doc as { version?: unknown }).version === 'number' && (doc as { version: number }).version > 1;
        expect(got.ok).toBe(v.zod && !newer);
        if (got.ok) {
          accepted++;
          expect(got.same).toBe(true);
        } else rejected++;
      }),
      { numRuns: 4000 },
    );
    // Both sides of the property were exercised.
    expect(accepted).toBeGreaterThan(400);
    expect(rejected).toBeGreaterThan(400);
  });

  it('numbers JSON cannot hold (in-memory documents): NaN and Infinity are rejected by both', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const docs = [
        { version: 1, profiles: { 'anthropic:a': { type: 'token', provider: 'anthropic', token: 't', expires: bad } } },
        { version: 1, profiles: { 'openai-codex:d': { type: 'oauth', provider: 'openai-codex', access: 'a', expires: bad } } },
        { version: 1, profiles: {}, usageStats: { 'anthropic:a': { lastUsed: bad } } },
      ];
      for (const doc of docs) expect(authStoreShapeVerdicts(doc), String(bad)).toEqual({ fast: false, zod: false });
    }
  });

  it('a profile, usage entry or order under the key "__proto__" is judged like any other (zod skips that key)', () => {
    // As read from a file: JSON.parse makes "__proto__" an own key (an object literal would not).
    const bad = [
      ['{"version":1,"profiles":{"__proto__":{"type":"oauth","provider":42}}}', 'profiles.__proto__.provider'],
      ['{"version":1,"profiles":{},"usageStats":{"__proto__":{"lastUsed":"yesterday"}}}', 'usageStats.__proto__.lastUsed'],
      ['{"version":1,"profiles":{},"order":{"__proto__":5}}', 'order.__proto__'],
    ] as const;
    for (const [text, where] of bad) {
      const read: unknown = JSON.parse(text);
      expect(authStoreShapeVerdicts(read), text).toEqual({ fast: false, zod: false });
      const got = outcome(read);
      expect(got.ok, text).toBe(false);
      if (!got.ok) expect(got.message).toContain(where);
    }
    const good: unknown = JSON.parse('{"version":1,"profiles":{"__proto__":{"type":"api_key","provider":"anthropic","key":"k"}}}');
    expect(outcome(good)).toEqual({ ok: true, same: true });
  });
});
