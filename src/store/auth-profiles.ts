// auth-profiles.json, version 1: the document Clawdbot 2026.1.x reads and writes.
//
// We validate with zod but never write zod's output: the raw parsed document is what gets patched
// and written back, so unknown fields and unknown credential types survive every write (a newer
// Clawdbot or a future version of us may have put them there).
// zod/mini, required on demand: a valid store is accepted by the plain check below, and zod is only
// loaded to explain exactly what is wrong with one that is not. This module is on the start-up
// path of every command (`models status --check` from cron every few minutes).
import { requirePackage } from '../util/lazy-builtins.js';
import type * as Z from 'zod/mini';
import { StoreCorruptError } from '../util/errors.js';
import type { SecretRef } from './secret-ref.js';
import { decodeJsonFile, formatFieldPath, parseJsonStrict } from './json-text.js';

export const AUTH_STORE_VERSION = 1;

export type CredentialType = 'api_key' | 'token' | 'oauth';

interface CredentialBase {
  provider: string;
  email?: string;
  [extra: string]: unknown;
}
export interface ApiKeyCredential extends CredentialBase {
  type: 'api_key';
  /** Absent when the key lives elsewhere (`keyRef`). */
  key?: string;
  keyRef?: SecretRef;
}
export interface TokenCredential extends CredentialBase {
  type: 'token';
  /** Absent when the token lives elsewhere (`tokenRef`). */
  token?: string;
  tokenRef?: SecretRef;
  /** Epoch ms; absent means no known expiry (static). */
  expires?: number;
}
export interface OAuthCredential extends CredentialBase {
  type: 'oauth';
  access: string;
  refresh: string;
  /** Epoch ms when the access token expires. */
  expires: number;
  accountId?: string;
}
/** A credential type we do not know (written by a newer program). Kept as is, never used. */
export interface UnknownCredential extends CredentialBase {
  type: string;
}
export type KnownCredential = ApiKeyCredential | TokenCredential | OAuthCredential;
export type AnyCredential = KnownCredential | UnknownCredential;

export type FailureReason = 'auth' | 'format' | 'rate_limit' | 'billing' | 'timeout' | 'unknown';

export interface ProfileUsageStats {
  lastUsed?: number;
  cooldownUntil?: number;
  disabledUntil?: number;
  disabledReason?: string;
  errorCount?: number;
  failureCounts?: Partial<Record<FailureReason | string, number>>;
  lastFailureAt?: number;
  [extra: string]: unknown;
}

export interface AuthProfileStore {
  version: number;
  profiles: Record<string, AnyCredential>;
  order?: Record<string, string[]>;
  lastGood?: Record<string, string>;
  usageStats?: Record<string, ProfileUsageStats>;
  [extra: string]: unknown;
}

export function isKnownCredential(c: AnyCredential): c is KnownCredential {
  return c.type === 'api_key' || c.type === 'token' || c.type === 'oauth';
}

function buildSchemas(z: typeof Z) {
  const optNum = z.optional(z.number());
  const optStr = z.optional(z.string());
  const base = { provider: z.string().check(z.minLength(1, 'provider must not be empty')), email: optStr };

  // A secret reference (OpenClaw's shape) may stand in for the plaintext key/token.
  const refSchema = z.optional(z.looseObject({ source: z.enum(['env', 'file', 'exec']), provider: z.string(), id: z.string() }));
  const plainOrRef = (plain: string, ref: string) =>
    z.refine((c: unknown) => (c as Record<string, unknown>)[plain] !== undefined || (c as Record<string, unknown>)[ref] !== undefined, { message: `expected "${plain}" (a string) or "${ref}" (a secret reference)`, path: [plain] });
  const apiKeySchema = z.looseObject({ ...base, type: z.literal('api_key'), key: optStr, keyRef: refSchema }).check(plainOrRef('key', 'keyRef'));
  const tokenSchema = z.looseObject({ ...base, type: z.literal('token'), token: optStr, tokenRef: refSchema, expires: optNum }).check(plainOrRef('token', 'tokenRef'));
  // Clawdbot accepts an oauth record that has either token; both are strings when present.
  const oauthSchema = z.looseObject({
    ...base,
    type: z.literal('oauth'),
    access: optStr,
    refresh: optStr,
    expires: optNum,
    accountId: optStr,
  });
  const unknownSchema = z.looseObject({ ...base, type: z.string() });

  const usageSchema = z.looseObject({
    lastUsed: optNum,
    cooldownUntil: optNum,
    disabledUntil: optNum,
    disabledReason: optStr,
    errorCount: optNum,
    failureCounts: z.optional(z.record(z.string(), z.number())),
    lastFailureAt: optNum,
  });

  const storeSchema = z.looseObject({
    version: z.optional(z.int()),
    profiles: z.record(z.string(), z.looseObject({ type: z.string(), provider: z.string() })),
    order: z.optional(z.record(z.string(), z.array(z.string()))),
    lastGood: z.optional(z.record(z.string(), z.string())),
    usageStats: z.optional(z.record(z.string(), usageSchema)),
  });

  const credentialSchema = (type: string) => {
    switch (type) {
      case 'api_key':
        return apiKeySchema;
      case 'token':
        return tokenSchema;
      case 'oauth':
        return oauthSchema;
      default:
        return unknownSchema;
    }
  };
  return { storeSchema, credentialSchema };
}

let schemasCache: ReturnType<typeof buildSchemas> | undefined;
function schemas(): ReturnType<typeof buildSchemas> {
  return (schemasCache ??= buildSchemas(requirePackage<typeof Z>('zod/mini')));
}

function firstIssue(err: Z.core.$ZodError, prefix: PropertyKey[] = []): { where: string; message: string } {
  const issue = err.issues[0]!;
  const path = [...prefix, ...issue.path].map((k) => (k === PROTO_STAND_IN ? PROTO_KEY : k));
  return { where: formatFieldPath(path), message: issue.message };
}

// zod's records skip a key named "__proto__" (against prototype pollution), so a malformed entry
// under that key would pass the schemas while the plain check below refuses it, and the store
// would be used with it. The schemas judge a copy in which such keys have a stand-in name (a NUL
// cannot be in a key our own code writes), and an error names the real key.
const PROTO_KEY = '__proto__';
const PROTO_STAND_IN = '\u0000__proto__';

/** A copy of a parsed JSON value with every "__proto__" key under PROTO_STAND_IN. */
function withProtoStandIns(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(withProtoStandIns);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k === PROTO_KEY ? PROTO_STAND_IN : k] = withProtoStandIns(v);
  return out;
}

// The hot path (every `status --check`, every dashboard reload, every gateway request): a plain
// check that accepts only documents the zod schemas above accept too. Anything it is unsure of
// goes through zod, which then either accepts it or says exactly what is wrong and where. zod on
// 10,000 profiles costs ~250 ms in a cold process; this costs a few.
//
// Written for a cold process: the loop over thousands of credentials runs mostly before V8 has
// optimised anything, where every helper call and every repeated property read is paid for. So
// the per-credential check is one function with each field read once, and the helpers below are
// only used off the per-credential path.
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Number.isFinite for a value already known to be a number: Infinity - Infinity and NaN - NaN are NaN. */
const optNumber = (v: unknown) => v === undefined || (typeof v === 'number' && v - v === 0);
const optString = (v: unknown) => v === undefined || typeof v === 'string';

function refLooksValid(r: unknown): boolean {
  return isRecord(r) && (r.source === 'env' || r.source === 'file' || r.source === 'exec') && typeof r.provider === 'string' && typeof r.id === 'string';
}

function credentialLooksValid(c: unknown): boolean {
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return false;
  const r = c as Record<string, unknown>;
  const type = r.type;
  const provider = r.provider;
  if (typeof type !== 'string' || typeof provider !== 'string' || provider.length === 0) return false;
  const email = r.email;
  if (email !== undefined && typeof email !== 'string') return false;
  switch (type) {
    case 'api_key': {
      // The plaintext field, a secret reference, or both (then the reference is used).
      const key = r.key;
      const keyRef = r.keyRef;
      if (keyRef === undefined) return typeof key === 'string';
      return (key === undefined || typeof key === 'string') && refLooksValid(keyRef);
    }
    case 'token': {
      const expires = r.expires;
      if (expires !== undefined && !(typeof expires === 'number' && expires - expires === 0)) return false;
      const token = r.token;
      const tokenRef = r.tokenRef;
      if (tokenRef === undefined) return typeof token === 'string';
      return (token === undefined || typeof token === 'string') && refLooksValid(tokenRef);
    }
    case 'oauth': {
      const access = r.access;
      const refresh = r.refresh;
      const expires = r.expires;
      const accountId = r.accountId;
      return (
        (access === undefined || typeof access === 'string') &&
        (refresh === undefined || typeof refresh === 'string') &&
        (expires === undefined || (typeof expires === 'number' && expires - expires === 0)) &&
        (accountId === undefined || typeof accountId === 'string')
      );
    }
    default:
      return true;
  }
}

function usageLooksValid(u: unknown): boolean {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return false;
  const r = u as Record<string, unknown>;
  if (!optNumber(r.lastUsed) || !optNumber(r.cooldownUntil) || !optNumber(r.disabledUntil) || !optNumber(r.errorCount) || !optNumber(r.lastFailureAt)) return false;
  if (!optString(r.disabledReason)) return false;
  const counts = r.failureCounts;
  if (counts === undefined) return true;
  if (!isRecord(counts)) return false;
  for (const k in counts) if (!optNumber(counts[k]) || counts[k] === undefined) return false;
  return true;
}

function storeLooksValid(v: Record<string, unknown>): boolean {
  if (v.version !== undefined && !Number.isSafeInteger(v.version)) return false;
  const profiles = v.profiles;
  if (!isRecord(profiles)) return false;
  for (const id in profiles) if (!credentialLooksValid(profiles[id])) return false;
  const order = v.order;
  if (order !== undefined) {
    if (!isRecord(order)) return false;
    for (const p in order) {
      const ids = order[p];
      if (!Array.isArray(ids)) return false;
      for (const x of ids) if (typeof x !== 'string') return false;
    }
  }
  const lastGood = v.lastGood;
  if (lastGood !== undefined) {
    if (!isRecord(lastGood)) return false;
    for (const p in lastGood) if (typeof lastGood[p] !== 'string') return false;
  }
  const usageStats = v.usageStats;
  if (usageStats !== undefined) {
    if (!isRecord(usageStats)) return false;
    for (const id in usageStats) if (!usageLooksValid(usageStats[id])) return false;
  }
  return true;
}

/** For tests: the fast check's verdict, and zod's, on a parsed document (fast true must imply zod true). */
export function authStoreShapeVerdicts(value: unknown): { fast: boolean; zod: boolean } {
  const fast = isRecord(value) && storeLooksValid(value);
  const { storeSchema, credentialSchema } = schemas();
  let zod = storeSchema.safeParse(withProtoStandIns(value)).success;
  if (zod && isRecord(value) && isRecord(value.profiles)) {
    for (const c of Object.values(value.profiles)) if (!credentialSchema((c as { type: string }).type).safeParse(c).success) zod = false;
  }
  return { fast, zod };
}

/** Validate a parsed value as an auth store. Throws StoreCorruptError with the field path. */
export function validateAuthStore(filePath: string, value: unknown): AuthProfileStore {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new StoreCorruptError(filePath, 'expected a JSON object with "version" and "profiles"', '(top level)');
  }
  const v = value as Record<string, unknown>;
  if (v.version !== undefined && typeof v.version === 'number' && v.version > AUTH_STORE_VERSION) {
    throw new StoreCorruptError(
      filePath,
      `written by a newer program (version ${v.version}; this one understands version ${AUTH_STORE_VERSION}); upgrade clawdbot`,
      'version',
    );
  }
  if (storeLooksValid(v)) return value as AuthProfileStore;
  const { storeSchema, credentialSchema } = schemas();
  const top = storeSchema.safeParse(withProtoStandIns(value));
  if (!top.success) {
    const { where, message } = firstIssue(top.error);
    throw new StoreCorruptError(filePath, `wrong shape: ${message}`, where);
  }
  for (const [id, cred] of Object.entries(top.data.profiles)) {
    const res = credentialSchema(cred.type).safeParse(cred);
    if (!res.success) {
      const { where, message } = firstIssue(res.error, ['profiles', id]);
      throw new StoreCorruptError(filePath, `wrong shape: ${message}`, where);
    }
  }
  return value as AuthProfileStore;
}

export function parseAuthStore(filePath: string, bytes: Buffer): AuthProfileStore {
  const text = decodeJsonFile(filePath, bytes);
  return validateAuthStore(filePath, parseJsonStrict(filePath, text));
}

export function emptyAuthStore(): AuthProfileStore {
  return { version: AUTH_STORE_VERSION, profiles: {} };
}

/** Serialise the way Clawdbot does (2-space JSON, trailing newline), always as version 1. */
export function serializeAuthStore(store: AuthProfileStore): string {
  const out: AuthProfileStore = { ...store, version: AUTH_STORE_VERSION };
  // Keep `version` first for humans reading the file.
  const { version, ...rest } = out;
  return JSON.stringify({ version, ...rest }, null, 2) + '\n';
}

/** Profile ids are `provider:name`. */
export function profileProvider(profileId: string): string | undefined {
  const i = profileId.indexOf(':');
  return i > 0 ? profileId.slice(0, i) : undefined;
}

const PROFILE_NAME_RE = /^[a-z0-9][a-z0-9._@+-]*$/i;
const PROVIDER_RE = /^[a-z0-9][a-z0-9._-]*$/;

export function normalizeProviderId(raw: string): string {
  return raw.trim().toLowerCase();
}

export function isValidProviderId(p: string): boolean {
  return PROVIDER_RE.test(p);
}

/** Slugify a user-chosen profile name the way Clawdbot does: lower-case, other chars to `-`. */
export function slugifyProfileName(name: string): string {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._@+-]/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return slug || 'default';
}

export function isValidProfileId(id: string): boolean {
  const i = id.indexOf(':');
  if (i <= 0) return false;
  return isValidProviderId(id.slice(0, i)) && PROFILE_NAME_RE.test(id.slice(i + 1));
}
