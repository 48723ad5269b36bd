// The health of one credential at one moment: the single place that decides ok / expiring /
// expired / missing / static. The status report, `--check`, the dashboard and doctor all call this.
import { sha256Hex } from '../util/lazy-builtins.js';
import type { AnyCredential, ProfileUsageStats } from '../store/auth-profiles.js';
import { hasSecretOrRef } from '../store/secret-ref.js';
import type { HealthStatus } from './report-types.js';
import { jwtExpiryMs } from '../oauth/jwt.js';
import { isNonBlank } from '../util/non-blank.js';

/** Default warning window: a credential expiring within 24 hours is `expiring`. */
export const DEFAULT_WARN_MS = 24 * 60 * 60 * 1000;

export interface CredentialHealth {
  status: HealthStatus;
  /** Epoch ms when the credential (the OAuth access token) expires, when known. */
  expiresAt?: number;
  /** expiresAt - now; negative once expired. */
  remainingMs?: number;
  /** OAuth with a refresh token: an expired access token is renewed, not an alarm. */
  canRefresh: boolean;
}

function validExpiry(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

// Reports are rebuilt on every file change: decode each token once.
const jwtExpiryCache = new Map<string, number | undefined>();

function cachedJwtExpiry(token: string): number | undefined {
  // Only a JWT (dot-separated parts) carries an expiry. Other tokens skip the cache: hashing
  // thousands of them into it (and clearing it every 4,096) cost more than the answer.
  if (!token.includes('.')) return undefined;
  if (jwtExpiryCache.has(token)) return jwtExpiryCache.get(token);
  const exp = jwtExpiryMs(token);
  if (jwtExpiryCache.size >= 4096) jwtExpiryCache.clear();
  jwtExpiryCache.set(token, exp);
  return exp;
}

/**
 * When the credential really expires. An OAuth access token (or a token) that is a JWT with `exp`
 * carries the truth; a stored `expires` that disagrees is another program's guess (the gateway's
 * Codex CLI sync stores the file's mtime + 1 h) and is not shown or alarmed on.
 */
export function credentialExpiry(cred: AnyCredential): number | undefined {
  const secret = cred.type === 'oauth' ? cred.access : cred.type === 'token' ? cred.token : undefined;
  const fromJwt = isNonBlank(secret) ? cachedJwtExpiry(secret) : undefined;
  if (fromJwt !== undefined && fromJwt > 0) return fromJwt;
  return validExpiry(cred.expires) ? cred.expires : undefined;
}

function byExpiry(expiresAt: number, now: number, warnMs: number, canRefresh: boolean): CredentialHealth {
  const remainingMs = expiresAt - now;
  const status: HealthStatus = remainingMs <= 0 ? 'expired' : remainingMs <= warnMs ? 'expiring' : 'ok';
  return { status, expiresAt, remainingMs, canRefresh };
}

/**
 * - api_key: `static` (`missing` when the key is empty and there is no keyRef);
 * - token: `static` without `expires`, else ok / expiring / expired (`missing` when empty);
 * - oauth: by the access token's expiry; `canRefresh` when a refresh token is stored. An expired
 *   access token with a refresh token is `expired` + canRefresh: callers treat it as not an alarm.
 *   Without a known expiry an OAuth access token is `static`; with neither token it is `missing`.
 * - a credential type written by a newer program: `static` (we cannot judge it; never used).
 */
export function credentialHealth(cred: AnyCredential, now: number, warnMs: number = DEFAULT_WARN_MS): CredentialHealth {
  switch (cred.type) {
    case 'api_key':
      // A reference counts as stored here; whether it resolves is the status report's business.
      return { status: hasSecretOrRef(cred) ? 'static' : 'missing', canRefresh: false };
    case 'token': {
      if (!hasSecretOrRef(cred)) return { status: 'missing', canRefresh: false };
      const expires = credentialExpiry(cred);
      if (expires === undefined) return { status: 'static', canRefresh: false };
      return byExpiry(expires, now, warnMs, false);
    }
    case 'oauth': {
      const canRefresh = isNonBlank(cred.refresh);
      const hasAccess = isNonBlank(cred.access);
      if (!hasAccess && !canRefresh) return { status: 'missing', canRefresh: false };
      if (!hasAccess) {
        // Only a refresh token: the next use refreshes first.
        return { status: 'expired', canRefresh, ...(validExpiry(cred.expires) ? { expiresAt: cred.expires, remainingMs: cred.expires - now } : {}) };
      }
      const expires = credentialExpiry(cred);
      if (expires === undefined) return { status: 'static', canRefresh };
      return byExpiry(expires, now, warnMs, canRefresh);
    }
    default:
      return { status: 'static', canRefresh: false };
  }
}

/** True when the state needs a person: expired/missing without a way to refresh. */
export function isHealthAlarm(h: CredentialHealth): boolean {
  if (h.status === 'missing') return true;
  if (h.status === 'expired') return !h.canRefresh;
  return false;
}

/** A short, non-reversible fingerprint of a refresh token (also the refresh-lock key). */
export function refreshTokenFingerprint(refresh: string): string {
  return sha256Hex(refresh).slice(0, 16);
}

export interface ReauthRequired {
  at: number;
  reason: string;
  /** Fingerprint of the refresh token that was rejected: no further request is made with it. */
  refreshFingerprint?: string;
}

/**
 * The permanent refresh failure recorded for this credential, if it still applies: it applies
 * while the stored refresh token is the one that was rejected (a new login clears it).
 */
export function reauthRequired(cred: AnyCredential | undefined, stats: ProfileUsageStats | undefined): ReauthRequired | undefined {
  const r = stats?.reauthRequired as Partial<ReauthRequired> | undefined;
  if (!r || typeof r !== 'object' || typeof r.at !== 'number') return undefined;
  if (cred?.type === 'oauth' && r.refreshFingerprint && typeof cred.refresh === 'string' && cred.refresh) {
    if (refreshTokenFingerprint(cred.refresh) !== r.refreshFingerprint) return undefined;
  }
  return { at: r.at, reason: typeof r.reason === 'string' ? r.reason : 'refresh rejected', ...(r.refreshFingerprint ? { refreshFingerprint: r.refreshFingerprint } : {}) };
}
