// PKCE (RFC 7636, S256) and the OAuth `state`, both from the CSPRNG.
import { createHash, randomBytes } from 'node:crypto';

export function base64url(buf: Buffer): string {
  return buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export interface Pkce {
  verifier: string;
  challenge: string;
  method: 'S256';
}

/** challenge = base64url(SHA-256(ascii(verifier))). */
export function pkceChallenge(verifier: string): string {
  return base64url(createHash('sha256').update(verifier, 'ascii').digest());
}

/** A 43-character verifier from 32 random bytes (RFC 7636 allows 43..128 chars of [A-Za-z0-9-._~]). */
export function createPkce(): Pkce {
  const verifier = base64url(randomBytes(32));
  return { verifier, challenge: pkceChallenge(verifier), method: 'S256' };
}

/** 32 random bytes, base64url (43 characters). */
export function randomState(): string {
  return base64url(randomBytes(32));
}
