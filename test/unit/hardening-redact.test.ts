// redact() properties (G18): once a secret is registered, no text that passes through redact()
// still holds the secret or any 8-character piece of it (beyond its documented public prefix),
// wherever the piece sits and whatever surrounds it. Patterns catch secrets never registered.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPublicPrefixPiece, knownPrefix, maskSecret } from '../../src/util/mask.js';
import { UsageError } from '../../src/util/errors.js';
import { errorMessage, redact, registerSecret } from '../../src/util/redact.js';

const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~+/=-'.split('');
const PREFIXES = ['', 'sk-ant-api03-', 'sk-ant-oat01-', 'sk-ant-ort01-', 'sk-ant-admin01-', 'sk-proj-', 'sk-', 'ghp_', 'eyJ'];
const secretArb = fc
  .tuple(fc.constantFrom(...PREFIXES), fc.string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 8, maxLength: 64 }))
  .map(([p, b]) => p + b);
/** Small alphabets make overlaps, repeats and near-misses likely. */
const smallSecretArb = fc.string({ unit: fc.constantFrom('a', 'b', 'A', '-', '0'), minLength: 8, maxLength: 20 });
const filler = fc.string({ unit: 'binary', maxLength: 30 });

/** Every 8-character window of `secret` that holds at least one character beyond its public prefix. */
function leakedPieces(text: string, secret: string): string[] {
  const publicLen = knownPrefix(secret).length;
  const out: string[] = [];
  for (let i = 0; i + 8 <= secret.length; i++) {
    if (i + 8 <= publicLen) continue;
    const piece = secret.slice(i, i + 8);
    // A piece of a documented prefix (`ant-oat0`) is public whoever's secret it sits in.
    if (text.includes(piece) && !isPublicPrefixPiece(piece)) out.push(piece);
  }
  return out;
}

/** A message built from fillers and pieces (or all) of the secret, as an echoing server might. */
function messageArb(secret: string) {
  const piece = fc
    .tuple(fc.nat({ max: secret.length - 1 }), fc.integer({ min: 1, max: secret.length }))
    .map(([start, len]) => secret.slice(start, start + len));
  return fc.array(fc.oneof(filler, piece, fc.constant(secret), fc.constantFrom('\n', ' ', '"', 'refresh_token=', 'Bearer ')), {
    maxLength: 8,
  }).map((parts) => parts.join(''));
}

describe('hardening: redact', () => {
  it('removes every registered secret and every 8-character piece of it', () => {
    fc.assert(
      fc.property(
        fc.oneof(secretArb, smallSecretArb).chain((s) => fc.tuple(fc.constant(s), messageArb(s))),
        ([secret, message]) => {
          registerSecret(secret);
          const out = redact(message);
          expect(leakedPieces(out, secret), JSON.stringify({ secret, message, out })).toEqual([]);
          // Redacting again changes nothing left to find.
          expect(leakedPieces(redact(out), secret)).toEqual([]);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('scrubs a secret registered earlier even among many others, through errorMessage too', () => {
    fc.assert(
      fc.property(fc.array(secretArb, { minLength: 1, maxLength: 20 }), fc.nat(), filler, (secrets, pick, pad) => {
        for (const s of secrets) registerSecret(s);
        const secret = secrets[pick % secrets.length]!;
        const err = new Error(`request failed: ${pad}${secret.slice(3)}${pad} (body: {"error":"${secret}"})`);
        const out = errorMessage(err);
        expect(leakedPieces(out, secret)).toEqual([]);
        expect(out).toContain('request failed');
      }),
      { numRuns: 500 },
    );
  });

  it('never lets a control character through (ESC, CR, BEL, C1): a server body cannot drive the terminal', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: fc.constantFrom('\x1b', '[', '2', 'J', '\r', '\x07', '\x9b', 'a', '\n', '\t'), maxLength: 20 }), (a, b) => {
        const out = redact(a + b);
        expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
      }),
      { numRuns: 2000 },
    );
    expect(redact('HTTP 401: \x1b]0;pwned\x07\x1b[2Jbad key')).toBe('HTTP 401: \\x1b]0;pwned\\x07\\x1b[2Jbad key');
    expect(redact('line one\n\tline two')).toBe('line one\n\tline two');
  });

  it('a masked secret passes through redact unchanged (masking and redaction agree)', () => {
    fc.assert(
      fc.property(secretArb, (secret) => {
        registerSecret(secret);
        const shown = `Saved x (token ${maskSecret(secret)}) to /tmp/auth-profiles.json`;
        expect(redact(shown)).toBe(shown);
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves text without secrets alone', () => {
    registerSecret('sk-ant-api03-Zq9Lw2Xv8Rt5Yp3Nm7Kj');
    for (const t of ['Saved anthropic:manual (token sk-ant-api03-…3Nm7) to /tmp/x/auth-profiles.json', 'no profiles', 'line 3, column 7']) {
      expect(redact(t)).toBe(t);
    }
  });

  it('catches unregistered secrets by shape: Bearer, refresh_token=, JSON *_token, sk- keys, JWTs', () => {
    const rt = 'rt_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
    const cases = [
      `Authorization: Bearer ${rt}`,
      `POST /oauth/token grant_type=refresh_token&refresh_token=${rt}&client_id=app`,
      `{"error":"invalid_grant","refresh_token":"${rt}"}`,
      `{"access_token": "${rt}", "id_token":"${rt}"}`,
      `https://auth.example/cb?code=${rt}&state=abc`,
    ];
    for (const c of cases) expect(redact(c)).not.toContain(rt.slice(3, 11));
    const key = 'sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12';
    expect(redact(`invalid key ${key}`)).not.toContain(key.slice(8, 16));
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXBhcnQ';
    expect(redact(`token ${jwt} expired`)).not.toContain('eyJzdWIiOiIx');
  });

  it('removes the secret, never our words: public prefixes and the message\'s own text survive', () => {
    // A new-style setup-token sharing `sk-ant-oat0` with our message and containing our word "Expected".
    const token = 'sk-ant-oat02-Expected' + 'Hq7Zk2Wm'.repeat(10);
    registerSecret(token);
    const ours = '--token: Expected a token starting with sk-ant-oat01-; run `claude setup-token` and paste what it prints.';
    expect(errorMessage(new UsageError(ours, { ownMessage: true }))).toBe(ours);
    // Public prefixes are never pieces, even in text that is not declared ours.
    expect(redact('Setup-tokens used to start with sk-ant-oat01-')).toBe('Setup-tokens used to start with sk-ant-oat01-');
    // The secret itself is still removed inside our own words, and any piece of it outside them.
    expect(errorMessage(new UsageError(`${ours} got ${token}`, { ownText: [ours] }))).toBe(`${ours} got ${maskSecret(token)}`);
    const echoed = errorMessage(new UsageError(`${ours} (server said: ${token.slice(15, 40)})`, { ownText: [ours] }));
    expect(echoed.startsWith(ours)).toBe(true);
    expect(leakedPieces(echoed.slice(ours.length), token)).toEqual([]);
  });

  it('scrubs pieces of secrets registered after a redact, and of secrets with characters beyond printable ASCII', () => {
    const early = 'sk-ant-api03-Early7Qw2Er4Ty6Ui8Op0As';
    registerSecret(early);
    expect(redact(`echo ${early.slice(14, 30)}`)).not.toContain(early.slice(14, 22));
    // Registered after the pieces were indexed: the next redact sees it, and still the first one.
    const late = 'ghp_Late9Zx8Cv7Bn6Mm5Lk4Jh3Gf2Dd1';
    registerSecret(late);
    const out = redact(`echo ${late.slice(6, 24)} and ${early.slice(20, 34)}`);
    expect(leakedPieces(out, late)).toEqual([]);
    expect(leakedPieces(out, early)).toEqual([]);
    // A secret holding a NUL (the index's separator) and non-ASCII characters: its printable pieces
    // and the others are scrubbed alike (the NUL itself is shown escaped, so only pieces without it
    // can appear in a text).
    const odd = 'pässwörd\u0000Odd4Secret5Value6é…';
    registerSecret(odd);
    const shown = redact(`said ${odd.slice(0, 8)} then ${odd.slice(9, 27)}`);
    expect(shown).not.toContain(odd.slice(0, 8));
    expect(shown).not.toContain(odd.slice(9, 17));
    expect(shown).not.toContain(odd.slice(19, 27));
  });
});
