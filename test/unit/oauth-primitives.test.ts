import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPkce, randomState, pkceChallenge } from '../../src/oauth/pkce.js';
import { decodeJwtPayload, openAiAccountId, openAiEmail, jwtExpiryMs } from '../../src/oauth/jwt.js';
import { parseAuthorizationInput } from '../../src/oauth/paste.js';
import { canOpenBrowser, sshTunnelHint } from '../../src/oauth/browser.js';
import { UsageError } from '../../src/util/errors.js';
import { makeJwt } from '../helpers/fake-openai-auth.js';

describe('PKCE and state', () => {
  it('matches the RFC 7636 appendix B S256 example', () => {
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('verifier is 43 url-safe chars, challenge is its S256, values never repeat', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = createPkce();
      expect(p.method).toBe('S256');
      expect(p.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(p.challenge).toBe(createHash('sha256').update(p.verifier).digest('base64url'));
      const s = randomState();
      expect(s).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 bytes
      expect(Buffer.from(s, 'base64url')).toHaveLength(32);
      expect(seen.has(p.verifier) || seen.has(s)).toBe(false);
      seen.add(p.verifier).add(s);
    }
  });
});

describe('JWT payload decoding', () => {
  it('handles base64url payloads that plain atob would reject', () => {
    // A payload whose base64 contains "-" and "_" once url-encoded.
    const payload = { email: 'a??>b@example.com', x: '~~~???>>>', 'https://api.openai.com/auth': { chatgpt_account_id: 'acc-1' } };
    const jwt = makeJwt(payload);
    expect(jwt.split('.')[1]).toMatch(/[-_]/);
    expect(decodeJwtPayload(jwt)).toEqual(payload);
    expect(openAiAccountId(jwt)).toBe('acc-1');
    expect(openAiEmail(jwt)).toBe('a??>b@example.com');
  });

  it('reads exp and the profile-claim email', () => {
    const jwt = makeJwt({ exp: 2_000_000_000, 'https://api.openai.com/profile': { email: 'p@example.com' } });
    expect(jwtExpiryMs(jwt)).toBe(2_000_000_000_000);
    expect(openAiEmail(jwt)).toBe('p@example.com');
    expect(openAiAccountId(jwt)).toBeUndefined();
  });

  it('returns undefined for anything that is not a JWT with an object payload, never throws', () => {
    for (const t of ['', 'abc', 'a.b.c', 'a.!!!.c', `x.${Buffer.from('[1,2]').toString('base64url')}.y`, `x.${Buffer.from('"s"').toString('base64url')}.y`]) {
      expect(decodeJwtPayload(t)).toBeUndefined();
    }
    fc.assert(fc.property(fc.string(), (s) => decodeJwtPayload(s) === undefined || typeof decodeJwtPayload(s) === 'object'));
  });
});

describe('parseAuthorizationInput', () => {
  const S = 'expected-state';
  it('accepts the four forms', () => {
    expect(parseAuthorizationInput(`http://localhost:1455/auth/callback?code=abc&state=${S}`, S)).toEqual({ code: 'abc', state: S });
    expect(parseAuthorizationInput(`abc#${S}`, S)).toEqual({ code: 'abc', state: S });
    expect(parseAuthorizationInput(`?code=abc&state=${S}`, S)).toEqual({ code: 'abc', state: S });
    expect(parseAuthorizationInput(`code=abc&state=${S}`, S)).toEqual({ code: 'abc', state: S });
    expect(parseAuthorizationInput('abc', S)).toEqual({ code: 'abc' });
  });

  it('cleans what terminals add: line breaks, bracketed paste markers, quotes, spaces around', () => {
    expect(parseAuthorizationInput(`\x1b[200~  "http://localhost:1455/auth/callback?code=a%2Fb&state=${S}"\r\n\x1b[201~`, S)).toEqual({ code: 'a/b', state: S });
  });

  it('accepts a missing state but refuses a different one', () => {
    expect(parseAuthorizationInput('http://localhost:1455/auth/callback?code=abc', S)).toEqual({ code: 'abc' });
    expect(() => parseAuthorizationInput('abc#other', S)).toThrow(UsageError);
    expect(() => parseAuthorizationInput('abc#other', S)).toThrow(/State mismatch/);
    expect(() => parseAuthorizationInput('http://localhost:1455/auth/callback?code=abc&state=zzz', S)).toThrow(/State mismatch/);
  });

  it('explains empty input, a URL without a code, an error redirect, and spaces', () => {
    expect(() => parseAuthorizationInput('  \n')).toThrow(/Nothing was pasted/);
    expect(() => parseAuthorizationInput('http://localhost:1455/auth/callback?foo=1')).toThrow(/no "code" parameter/);
    expect(() => parseAuthorizationInput(`http://localhost:1455/auth/callback?error=access_denied&state=${S}`, S)).toThrow(/access_denied/);
    expect(() => parseAuthorizationInput('two words')).toThrow(/spaces/);
  });

  it('refuses an API key or token pasted as a code, so it is never sent to the token endpoint', () => {
    for (const secret of ['sk-proj-' + 'A'.repeat(40), 'sk-ant-api03-' + 'B'.repeat(40), 'eyJhbGciOiJSUzI1NiJ9.e30.sig', 'rt_' + 'C'.repeat(40)]) {
      expect(() => parseAuthorizationInput(secret, S)).toThrow(/looks like an API key or token, not a sign-in code; nothing was sent/);
    }
    expect(parseAuthorizationInput('ac_Zx81', S)).toEqual({ code: 'ac_Zx81' }); // a real code still goes through
  });

  it('never throws anything but UsageError', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        try {
          const r = parseAuthorizationInput(s, S);
          return typeof r.code === 'string' && r.code.length > 0;
        } catch (e) {
          return e instanceof UsageError;
        }
      }),
    );
  });
});

describe('browser', () => {
  it('never opens a browser over SSH or on Linux without a display', () => {
    expect(canOpenBrowser({ SSH_CONNECTION: '1 2 3 4', DISPLAY: ':0' }, 'linux')).toBe(false);
    expect(canOpenBrowser({}, 'linux')).toBe(false);
    expect(canOpenBrowser({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(canOpenBrowser({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(canOpenBrowser({}, 'darwin')).toBe(true);
  });
  it('tunnel hint binds the loopback port', () => {
    expect(sshTunnelHint(1455, 'gw.example')).toBe('ssh -L 1455:127.0.0.1:1455 gw.example');
    expect(sshTunnelHint(1455, '')).toBe('ssh -L 1455:127.0.0.1:1455 <host>');
  });
});
