// Reading a JWT's claims without verifying it (we only label and route; the provider verifies).

function decodeBase64Url(segment: string): string | undefined {
  if (!/^[A-Za-z0-9_\-+/]*={0,2}$/.test(segment)) return undefined;
  let b64 = segment.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (b64.length % 4 === 1) return undefined;
  while (b64.length % 4) b64 += '=';
  return Buffer.from(b64, 'base64').toString('utf8');
}

/** The payload object of a JWT, or undefined when the token is not a JWT with a JSON object payload. */
export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  if (typeof token !== 'string') return undefined;
  const parts = token.trim().split('.');
  if (parts.length < 2 || !parts[1]) return undefined;
  const json = decodeBase64Url(parts[1]);
  if (json === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `exp` (seconds) as epoch ms, when present. */
export function jwtExpiryMs(token: string): number | undefined {
  const exp = decodeJwtPayload(token)?.exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
}

export const OPENAI_AUTH_CLAIM = 'https://api.openai.com/auth';
export const OPENAI_PROFILE_CLAIM = 'https://api.openai.com/profile';

function claimObject(payload: Record<string, unknown> | undefined, key: string): Record<string, unknown> | undefined {
  const v = payload?.[key];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** chatgpt_account_id from the `https://api.openai.com/auth` claim. */
export function openAiAccountId(token: string | undefined): string | undefined {
  if (!token) return undefined;
  const id = claimObject(decodeJwtPayload(token), OPENAI_AUTH_CLAIM)?.chatgpt_account_id;
  return typeof id === 'string' && id ? id : undefined;
}

/** email from the top-level claim or the `https://api.openai.com/profile` claim. */
export function openAiEmail(token: string | undefined): string | undefined {
  if (!token) return undefined;
  const payload = decodeJwtPayload(token);
  const email = payload?.email ?? claimObject(payload, OPENAI_PROFILE_CLAIM)?.email;
  return typeof email === 'string' && email.includes('@') ? email : undefined;
}
