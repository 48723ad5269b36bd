// Masking properties (G17): what a masked secret shows is its documented public prefix and at most
// 4 characters of the rest, nothing for short values, nothing at all for fingerprints.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintSecret, knownPrefix, maskSecret } from '../../src/util/mask.js';

const PREFIXES = ['', 'sk-ant-api03-', 'sk-ant-oat01-', 'sk-ant-ort01-', 'sk-or-v1-', 'sk-proj-', 'sk-', 'ghp_', 'AIza', 'eyJ', 'xai-'];
const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~+/=-';

/** Longest run of consecutive characters of `body` that appears in `shown`. */
function longestSharedRun(shown: string, body: string): number {
  let best = 0;
  for (let len = 1; len <= Math.min(shown.length, body.length); len++) {
    let found = false;
    for (let i = 0; i + len <= body.length && !found; i++) if (shown.includes(body.slice(i, i + len))) found = true;
    if (!found) break;
    best = len;
  }
  return best;
}

const tokenBody = fc.string({ unit: fc.constantFrom(...TOKEN_CHARS.split('')), minLength: 0, maxLength: 80 });
const anyBody = fc.string({ unit: 'binary', minLength: 0, maxLength: 60 });

function checkShowsAtMost4(secret: string): void {
  const masked = maskSecret(secret);
  const s = secret.trim();
  const prefix = knownPrefix(s);
  const body = s.slice(prefix.length);
  // The prefix is shown as is; everything after it may share at most 4 characters with the body.
  const shown = masked.startsWith(prefix) ? masked.slice(prefix.length) : masked;
  expect(longestSharedRun(shown, body), `${JSON.stringify(secret)} -> ${JSON.stringify(masked)}`).toBeLessThanOrEqual(4);
}

describe('hardening: maskSecret', () => {
  it('never shows more than 4 consecutive characters of a token body beyond its known prefix', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PREFIXES), tokenBody, (p, body) => checkShowsAtMost4(p + body)),
      { numRuns: 3000 },
    );
  });

  it('holds for arbitrary unicode, control characters and the ellipsis itself', () => {
    const nasty = fc.string({ unit: fc.constantFrom('…', '*', 'a', 'b', '\x1b', '\n', ' ', 'é', '-'), maxLength: 40 });
    fc.assert(
      fc.property(fc.constantFrom(...PREFIXES), fc.oneof(anyBody, nasty), (p, body) => checkShowsAtMost4(p + body)),
      { numRuns: 3000 },
    );
  });

  it('shows nothing of short values and shows the last 4 of long ones', () => {
    fc.assert(
      fc.property(tokenBody, (body) => {
        const s = 'sk-ant-api03-' + body;
        const masked = maskSecret(s);
        if (s.length < 20 || body.length < 12) expect(masked).toBe('sk-ant-api03-****');
        else expect(masked).toBe(`sk-ant-api03-…${body.slice(-4)}`);
      }),
    );
    expect(maskSecret('hunter2')).toBe('****');
    expect(maskSecret('')).toBe('(empty)');
    expect(maskSecret('   ')).toBe('(empty)');
    expect(maskSecret(undefined)).toBe('(empty)');
  });

  it('never puts a control character on the screen', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PREFIXES), anyBody, (p, body) => {
        expect(maskSecret(p + body)).not.toMatch(/[\x00-\x1f\x7f]/);
      }),
      { numRuns: 2000 },
    );
  });

  it('fingerprints show no character run of the secret and tell tokens apart', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...TOKEN_CHARS.split('')), minLength: 8, maxLength: 80 }), (secret) => {
        const fp = fingerprintSecret(secret);
        expect(fp).toMatch(/^sha256:[0-9a-f]{8}$/);
        // A pure function of the token (stable across runs), 8 hex digits and nothing else.
        expect(fingerprintSecret(secret)).toBe(fp);
        expect(longestSharedRun(fp.slice('sha256:'.length), secret.replace(/[^0-9a-f]/g, '\u0000'))).toBeLessThanOrEqual(8);
      }),
    );
    expect(fingerprintSecret('sk-ant-ort01-aaaaaaaaaaaaaaaaaaaaaaaa')).not.toBe(fingerprintSecret('sk-ant-ort01-aaaaaaaaaaaaaaaaaaaaaaab'));
  });
});
