// Keeping OAuth access tokens fresh without two processes ever spending the same rotating refresh
// token (openclaw#26322: agents sharing a profile race and get refresh_token_reused), and without
// racing the Clawdbot gateway, which refreshes under its lock on the agent's auth-profiles.json.
//
// ensureFreshCredential(agentStore, profileId):
// 1. read the store; api_key / token / a fresh oauth access token are returned as they are (due when
//    the stored expiry or the access token's JWT exp says so, whichever is earlier);
// 2. single flight: callers in this process share one promise per refresh token, and processes
//    (and agents holding a copy of the same token) serialise on a lock file in <state>/locks named
//    after sha256(refresh token)[:16];
// 3. then the agent store's lock (the gateway's), and those of other agents' stores holding a copy
//    of the credential (refresh-copies.ts), are taken and held across re-read, request and save: a
//    token another process (or the gateway, also in a copy) saved meanwhile is adopted (0 requests)
//    - but never one for a different account; a forced refresh adopts a token issued under a
//    minute ago;
// 4. otherwise one refresh request: transient failures (network, 5xx, 429, timeout) are retried
//    with backoff within 25 s (the gateway waits ~45 s for the lock) and leave the store untouched;
//    permanent ones (invalid_grant, refresh_token_expired/reused/invalidated) leave the credential
//    byte-identical, record usageStats[id].reauthRequired with the spent token's fingerprint (so
//    no further request is made with it) and throw an error naming the command that fixes it -
//    unless a sub-agent's copy can take the main agent's newer sign-in, as the gateway does
//    (inherit-main.ts);
// 5. the new tokens are saved to the store and its copies before the locks are released; if a save
//    fails they go to a recovery file beside that store (store/recovery.ts) and the error names it.
//    After the release they reach copies made meanwhile and are written back to the vendor CLI's
//    file for reused Claude Code / Codex sign-ins.
import path from 'node:path';
import { AgentStore } from '../store/agent-store.js';
import type { KnownCredential, OAuthCredential } from '../store/auth-profiles.js';
import { isKnownCredential } from '../store/auth-profiles.js';
import { type LockedAuthStore, NO_CHANGE, readAuthStore } from '../store/auth-store.js';
import { keepUnsavedCredential } from '../store/recovery.js';
import { ensurePrivateDir } from '../store/atomic-file.js';
import { ClawdbotError, NotFoundError, noSuchProfile } from '../util/errors.js';
import { withFileLock } from '../store/lock.js';
import { type Env, agentFlag, locksDir, normalizeAgentId } from '../store/paths.js';
import { DEFAULT_REFRESH_TIMEOUT_MS, type RefreshedTokens, TokenRefreshError, isRefreshableProvider, requestTokenRefresh } from '../oauth/token-refresh.js';
import { decodeJwtPayload, jwtExpiryMs } from '../oauth/jwt.js';
import { formatRemaining } from '../util/duration.js';
import { CLAUDE_CLI_PROFILE_ID, CODEX_CLI_PROFILE_ID, writeBackExternalCli } from './external-cli.js';
import { reauthRequired, refreshTokenFingerprint } from './health.js';
import { type LockedCopy, findCopies, keepForCopy, rotatedFields, sameAccount, successorInCopies, updateCopies, withCopiesLocked } from './refresh-copies.js';
import { mainAgentSuccessor, signInElsewhere, signInToTake } from './inherit-main.js';
import { errorMessage, registerSecret } from '../util/redact.js';

/** Refresh when the access token has less than this left. */
export const DEFAULT_REFRESH_SKEW_MS = 5 * 60_000;
const DEFAULT_ATTEMPTS = 3;
const DEFAULT_BACKOFF_MS = 1000;
/** Waiters for the refresh lock must outlast a holder's full retry budget. */
const REFRESH_LOCK_TIMEOUT_MS = 150_000;

export interface EnsureFreshOptions {
  now?: number | (() => number);
  skewMs?: number;
  /** Refresh even if the access token is still fresh (unless another process just did). */
  force?: boolean;
  fetchImpl?: typeof fetch;
  env?: Env;
  /** Per request, default 30 s. */
  timeoutMs?: number;
  /** Total attempts for transient failures, default 3. */
  attempts?: number;
  /** First backoff, doubled each retry (with jitter), default 1 s. */
  backoffMs?: number;
  lockTimeoutMs?: number;
  signal?: AbortSignal;
  /**
   * The access token a provider just answered 401 for (openclaw#8223: a 401 before the local
   * expiry never refreshed). Implies force, but a different, fresh token on disk is adopted.
   */
  rejectedAccess?: string;
  /** Notes such as "wrote the refreshed tokens back to ~/.codex/auth.json". */
  onNote?: (note: string) => void;
  /**
   * First take this agent's sign-in of the profile (`models auth refresh --from-agent`): for a
   * copy whose refresh token another program spent, when the copy elsewhere cannot be proven the
   * same account (inherit-main.ts). Then it is used as it is, or refreshed when due.
   */
  takeFrom?: string;
}

/** The reauth/refresh error: carries the command that fixes it. */
export class RefreshFailedError extends ClawdbotError {
  override readonly code: string;
  constructor(
    message: string,
    readonly profileId: string,
    readonly kind: 'reauth' | 'transient' | 'rejected' | 'unsupported' | 'expired',
    readonly fix?: string,
  ) {
    super(message);
    this.code = kind === 'reauth' ? 'reauth_required' : `refresh_${kind}`;
  }
}

/** The command that gets a working credential back for this profile. */
export function fixCommandFor(profileId: string, provider: string): string {
  if (profileId === CLAUDE_CLI_PROFILE_ID) return 'run `claude` and sign in again (/login); clawdbot picks the new sign-in up automatically';
  if (profileId === CODEX_CLI_PROFILE_ID) return 'run `codex login`; clawdbot picks the new sign-in up automatically';
  if (provider === 'openai-codex') return `clawdbot models auth login --provider openai-codex --profile-id ${profileId}`;
  if (provider === 'anthropic') return `run \`claude setup-token\`, then \`clawdbot models auth paste-token --provider anthropic --profile-id ${profileId}\``;
  return `clawdbot models auth paste-token --provider ${provider} --profile-id ${profileId}`;
}

function clock(opts: EnsureFreshOptions): () => number {
  const n = opts.now;
  if (typeof n === 'function') return n;
  if (typeof n === 'number') return () => n;
  return Date.now;
}

/**
 * Due when the stored expiry or the access token's own (JWT `exp`) says so, whichever is earlier:
 * the gateway decides by the stored value, and refreshing when either says so keeps us in step
 * with it (both refresh under the same lock, so it is still one request).
 */
function needsRefresh(cred: OAuthCredential, now: number, skewMs: number): boolean {
  if (!cred.access) return true;
  const known = [typeof cred.expires === 'number' && cred.expires > 0 ? cred.expires : undefined, jwtExpiryMs(cred.access)].filter(
    (x): x is number => x !== undefined,
  );
  if (known.length === 0) return false; // unknown expiry: use it until a 401
  return Math.min(...known) - skewMs <= now;
}

const inFlight = new Map<string, Promise<KnownCredential>>();
const RESTART = Symbol('restart');

/** Return a usable credential for the profile, refreshing an OAuth access token when needed. */
export async function ensureFreshCredential(agentStore: AgentStore, profileId: string, opts: EnsureFreshOptions = {}): Promise<KnownCredential> {
  const env = opts.env ?? agentStore.env;
  if (opts.takeFrom !== undefined) {
    await takeSignInFrom(agentStore, opts.takeFrom, profileId, env, opts);
    opts = { ...opts, takeFrom: undefined, force: false };
  }
  try {
    return await ensureFresh(agentStore, profileId, opts);
  } catch (err) {
    if (!(err instanceof RefreshFailedError) || err.kind !== 'reauth') throw err;
    // Another agent may hold the successor of a spent copy; taking it is the user's call.
    const { store } = await readAuthStore(agentStore.storePath).catch(() => ({ store: undefined }));
    const ours = store?.profiles[profileId];
    const elsewhere = ours?.type === 'oauth' ? await signInElsewhere(agentStore, profileId, ours as OAuthCredential, env).catch(() => undefined) : undefined;
    if (!elsewhere) throw err;
    const take = `clawdbot models auth refresh --profile ${profileId}${agentFlag(agentStore.agentId)} --from-agent ${elsewhere}`;
    throw new RefreshFailedError(`${err.message} Agent ${elsewhere} holds another sign-in of "${profileId}"; if it is the same account, take it: ${take}.`, profileId, 'reauth', err.fix);
  }
}

/** Make `profileId` hold agent `source`'s sign-in of it (on request: the account is the user's word). */
async function takeSignInFrom(agentStore: AgentStore, source: string, profileId: string, env: Env, opts: EnsureFreshOptions): Promise<void> {
  const { store } = await agentStore.load();
  const ours = store.profiles[profileId];
  if (!ours) throw noSuchProfile(profileId, agentStore.agentId, Object.keys(store.profiles));
  if (ours.type !== 'oauth') throw new ClawdbotError(`"${profileId}" is a ${ours.type} credential; only an OAuth sign-in can be taken from another agent.`);
  let theirs: OAuthCredential;
  try {
    theirs = await signInToTake(agentStore, normalizeAgentId(source), profileId, ours as OAuthCredential, env);
  } catch (err) {
    throw new RefreshFailedError(`Could not take "${profileId}" from agent ${source}: ${errorMessage(err)}.`, profileId, 'rejected');
  }
  const fresh = rotatedFields(theirs);
  const taken = await agentStore.update((doc) => {
    const p = doc.profiles[profileId];
    if (!p || p.type !== 'oauth' || p.refresh !== (ours as OAuthCredential).refresh) return NO_CHANGE;
    doc.profiles[profileId] = { ...p, ...fresh };
    if (doc.usageStats?.[profileId]?.reauthRequired) delete doc.usageStats[profileId].reauthRequired;
    return true;
  });
  if (!taken) throw new RefreshFailedError(`"${profileId}" changed while taking agent ${source}'s sign-in; run the command again.`, profileId, 'transient');
  opts.onNote?.(`"${profileId}" now holds agent ${source}'s sign-in.`);
}

async function ensureFresh(
  agentStore: AgentStore,
  profileId: string,
  opts: EnsureFreshOptions & { /** internal: one restart after the token changed under us */ restarted?: boolean } = {},
): Promise<KnownCredential> {
  const now = clock(opts);
  const skewMs = opts.skewMs ?? DEFAULT_REFRESH_SKEW_MS;
  const { store } = await agentStore.load();
  const cred = store.profiles[profileId];
  if (!cred) {
    throw noSuchProfile(profileId, agentStore.agentId, Object.keys(store.profiles));
  }
  if (!isKnownCredential(cred)) {
    throw new ClawdbotError(`Profile "${profileId}" has credential type "${cred.type}", which this version cannot use; upgrade clawdbot.`);
  }
  const provider = cred.provider;
  if (cred.type === 'api_key') return cred;
  if (cred.type === 'token') {
    if (typeof cred.expires === 'number' && cred.expires > 0 && cred.expires <= now()) {
      const fix = fixCommandFor(profileId, provider);
      throw new RefreshFailedError(
        `Token "${profileId}" ${formatRemaining(cred.expires - now())} and cannot be refreshed; ${fix.startsWith('run') || fix.startsWith('clawdbot') ? '' : 'run '}${fix}.`,
        profileId,
        'expired',
        fix,
      );
    }
    return cred;
  }
  registerSecret(cred.access);
  registerSecret(cred.refresh);
  if (opts.rejectedAccess !== undefined && cred.access !== opts.rejectedAccess && !needsRefresh(cred, now(), skewMs)) return cred;
  const force = opts.force || opts.rejectedAccess !== undefined;
  if (!force && !needsRefresh(cred, now(), skewMs)) return cred;
  const fix = fixCommandFor(profileId, provider);
  if (!cred.refresh) {
    throw new RefreshFailedError(`The access token of "${profileId}" has expired and there is no refresh token; sign in again: ${fix}.`, profileId, 'reauth', fix);
  }
  if (!isRefreshableProvider(provider)) {
    throw new RefreshFailedError(`Refreshing ${provider} tokens is not supported; sign in again: ${fix}.`, profileId, 'unsupported', fix);
  }
  const rejected = reauthRequired(cred, store.usageStats?.[profileId]);
  // A sub-agent's rejected copy may take the main agent's sign-in (under the locks, below).
  if (rejected && !(await mainAgentSuccessor(agentStore, profileId, cred, cred.refresh, opts.env ?? agentStore.env))) {
    throw reauthError(profileId, provider, rejected.reason);
  }

  const key = refreshTokenFingerprint(cred.refresh);
  const existing = inFlight.get(key);
  if (existing) return existing;
  const flight = refreshUnderLock(agentStore, profileId, cred, key, opts)
    .then((r) => {
      if (r !== RESTART) return r;
      if (opts.restarted) {
        throw new RefreshFailedError(`The refresh token of "${profileId}" kept changing while refreshing; run the request again.`, profileId, 'transient');
      }
      return ensureFresh(agentStore, profileId, { ...opts, restarted: true });
    })
    .finally(() => {
      if (inFlight.get(key) === flight) inFlight.delete(key);
    });
  inFlight.set(key, flight);
  return flight;
}

function reauthError(profileId: string, provider: string, reason: string): RefreshFailedError {
  const fix = fixCommandFor(profileId, provider);
  return new RefreshFailedError(
    `"${profileId}" needs a new sign-in: ${reason}. The stored credential was kept; fix: ${fix}.`,
    profileId,
    'reauth',
    fix,
  );
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });
}

/**
 * Under the store lock the gateway waits for us (~45 s of retries): every attempt and backoff of a
 * refresh made under it fits in this budget, so a gateway request never times out on our lock.
 */
const STORE_LOCK_REQUEST_BUDGET_MS = 25_000;
/** How long a refresh waits for the store lock (the gateway holds it across its own refresh). */
const STORE_LOCK_WAIT_MS = 60_000;
/** A forced refresh of an access token issued this recently adopts it: someone just refreshed it. */
const JUST_ISSUED_MS = 60_000;

async function requestWithRetries(provider: string, refresh: string, opts: EnsureFreshOptions, budgetMs = Infinity): Promise<RefreshedTokens> {
  const attempts = Math.max(1, opts.attempts ?? DEFAULT_ATTEMPTS);
  const base = opts.backoffMs ?? DEFAULT_BACKOFF_MS;
  const deadline = Date.now() + budgetMs;
  for (let i = 1; ; i++) {
    const left = deadline - Date.now();
    try {
      return await requestTokenRefresh(provider, refresh, {
        env: opts.env ?? process.env,
        fetchImpl: opts.fetchImpl,
        timeoutMs: Math.max(1, Math.min(opts.timeoutMs ?? DEFAULT_REFRESH_TIMEOUT_MS, left)),
        now: clock(opts),
        signal: opts.signal,
      });
    } catch (err) {
      if (!(err instanceof TokenRefreshError) || err.kind !== 'transient' || i >= attempts || opts.signal?.aborted) throw err;
      const wait = base * 2 ** (i - 1) * (0.75 + Math.random() * 0.5);
      if (deadline - Date.now() - wait < 1000) throw err; // no time left for a useful attempt
      await sleep(wait, opts.signal);
    }
  }
}

/**
 * A sub-agent's copy of the main agent's sign-in whose refresh token the provider rejected (spent
 * by another program, in the main agent's store): it takes the main agent's newer sign-in of the
 * profile, as the gateway does (inherit-main.ts). Undefined when there is none to take.
 */
async function inheritFromMain(
  locked: LockedAuthStore,
  agentStore: AgentStore,
  profileId: string,
  ours: OAuthCredential,
  rejected: string,
  opts: EnsureFreshOptions & { env: Env },
): Promise<LockedOutcome | undefined> {
  const main = await mainAgentSuccessor(agentStore, profileId, ours, rejected, opts.env);
  if (!main) return undefined;
  const fresh = rotatedFields(main);
  const adopted = await locked.update((doc) => {
    const p = doc.profiles[profileId];
    if (!p || p.type !== 'oauth' || (p.refresh !== rejected && p.refresh !== ours.refresh)) return NO_CHANGE;
    const merged = { ...p, ...fresh };
    doc.profiles[profileId] = merged;
    // The mark named the rejected token; the profile no longer holds it.
    if (doc.usageStats?.[profileId]?.reauthRequired) delete doc.usageStats[profileId].reauthRequired;
    return merged as OAuthCredential;
  });
  if (!adopted) return undefined;
  opts.onNote?.(
    `The provider rejected agent ${agentStore.agentId}'s copy of "${profileId}" (another program had spent its refresh token); it now holds the main agent's newer sign-in of that profile, as the gateway would use.`,
  );
  // Still fresh: use it. Otherwise it is refreshed the usual way, with the main agent's store as a
  // copy holding the same token.
  return needsRefresh(adopted, clock(opts)(), opts.skewMs ?? DEFAULT_REFRESH_SKEW_MS) ? { kind: 'restart' } : { kind: 'use', cred: adopted };
}

/** What happened under the store locks; the work that needs other locks is done after they are released. */
type LockedOutcome =
  | { kind: 'use'; cred: KnownCredential }
  | { kind: 'restart' }
  | { kind: 'refreshed'; cred: OAuthCredential; spent: string; tokens: RefreshedTokens; saveError?: ClawdbotError };

/**
 * The refresh itself. Lock order, always the same: the single-flight lock for the refresh token
 * (`<state>/locks/refresh-<hash>`), then the store locks (the locks the gateway takes on
 * auth-profiles.json) of this agent and of every other agent holding a copy of the token, in
 * order of real path (refresh-copies.ts), held across re-read, token request and saving to all of
 * them. Nothing takes a store lock and then a refresh lock, and every holder of several store
 * locks takes them in the same order, so two agents or a gateway cannot deadlock us.
 */
async function refreshUnderLock(
  agentStore: AgentStore,
  profileId: string,
  seen: OAuthCredential,
  key: string,
  opts: EnsureFreshOptions,
): Promise<KnownCredential | typeof RESTART> {
  const env = opts.env ?? agentStore.env;
  const now = clock(opts);
  const dir = locksDir(env);
  await ensurePrivateDir(dir, agentStore.warn);
  return withFileLock(
    path.join(dir, `refresh-${key}`),
    async () => {
      const copies = seen.refresh ? await findCopies(agentStore, seen.refresh, seen, env, profileId) : [];
      const outcome = await withCopiesLocked(agentStore, copies, { timeoutMs: opts.lockTimeoutMs ?? STORE_LOCK_WAIT_MS }, (locked, lockedCopies) =>
        decideAndRefresh(locked, lockedCopies, agentStore, profileId, seen, { ...opts, env }).then((outcome) => settleCopies(lockedCopies, seen, outcome)),
      );
      if (outcome.kind === 'use') return outcome.cred;
      if (outcome.kind === 'restart') return RESTART;
      const { cred: next, spent, tokens } = outcome;
      await propagateToOtherAgents(agentStore, spent, next, env).catch(() => undefined);
      if (profileId === CLAUDE_CLI_PROFILE_ID || profileId === CODEX_CLI_PROFILE_ID) {
        try {
          const note = await writeBackExternalCli(profileId, spent, { ...tokens }, env, now());
          if (note) opts.onNote?.(note);
        } catch (err) {
          agentStore.warn(`could not write the refreshed tokens back for ${profileId}: ${errorMessage(err)}`);
        }
      }
      if (outcome.saveError) throw outcome.saveError;
      return next;
    },
    { timeoutMs: opts.lockTimeoutMs ?? REFRESH_LOCK_TIMEOUT_MS },
  );
}

/** True when the access token says (JWT `iat`) it was issued moments ago. */
function justIssued(cred: OAuthCredential, now: number): boolean {
  const iat = decodeJwtPayload(cred.access)?.iat;
  return typeof iat === 'number' && Number.isFinite(iat) && now - iat * 1000 < JUST_ISSUED_MS && iat * 1000 <= now + JUST_ISSUED_MS;
}

/**
 * Copies still holding a token that is now spent or superseded get the current one before the
 * locks are released, so the gateway never starts a refresh with it.
 */
async function settleCopies(copies: LockedCopy[], seen: OAuthCredential, outcome: LockedOutcome): Promise<LockedOutcome> {
  if (copies.length > 0 && outcome.kind !== 'restart' && outcome.cred.type === 'oauth') {
    const current = outcome.cred as OAuthCredential;
    const stale = new Set([seen.refresh, ...(outcome.kind === 'refreshed' ? [outcome.spent] : [])]);
    stale.delete(current.refresh);
    if (stale.size > 0) await updateCopies(copies, stale, current);
  }
  return outcome;
}

/** A usable successor: fresh, and for a forced refresh also just issued (or not the rejected one). */
function usableAsIs(cred: OAuthCredential, now: number, skewMs: number, opts: EnsureFreshOptions): boolean {
  if (needsRefresh(cred, now, skewMs)) return false;
  if (opts.rejectedAccess !== undefined) return cred.access !== opts.rejectedAccess;
  return !opts.force || justIssued(cred, now);
}

async function decideAndRefresh(
  locked: LockedAuthStore,
  copies: LockedCopy[],
  agentStore: AgentStore,
  profileId: string,
  seen: OAuthCredential,
  opts: EnsureFreshOptions & { env: Env },
): Promise<LockedOutcome> {
  const now = clock(opts);
  const skewMs = opts.skewMs ?? DEFAULT_REFRESH_SKEW_MS;
  const { store } = await locked.read();
  const cur = store.profiles[profileId];
  if (!cur) throw new NotFoundError(`Profile "${profileId}" was removed from agent ${agentStore.agentId} while refreshing.`);
  if (cur.type !== 'oauth') {
    if (isKnownCredential(cur)) return { kind: 'use', cred: cur }; // replaced by a token or key meanwhile: use that
    throw new ClawdbotError(`Profile "${profileId}" changed to an unknown credential type while refreshing.`);
  }
  const oauth = cur as OAuthCredential;
  registerSecret(oauth.access);
  registerSecret(oauth.refresh);
  const changed = oauth.refresh !== seen.refresh || oauth.access !== seen.access;
  if (changed && !sameAccount(seen, oauth)) {
    throw new RefreshFailedError(
      `Profile "${profileId}" now holds a different account than when this request started; not adopting it. Run the request again.`,
      profileId,
      'rejected',
    );
  }
  // Another process (ours, or the gateway under this same lock) refreshed: adopt its token.
  if (changed && !needsRefresh(oauth, now(), skewMs)) return { kind: 'use', cred: oauth };
  // A different refresh token that also needs refreshing (a new, already expired sign-in):
  // it has its own single-flight lock; start over with it instead of refreshing under this one.
  if (changed && oauth.refresh !== seen.refresh) return { kind: 'restart' };
  const force = opts.force || opts.rejectedAccess !== undefined;
  if (!changed && !force && !needsRefresh(oauth, now(), skewMs)) return { kind: 'use', cred: oauth };
  // `models auth refresh` / doctor started just after another program refreshed: its token is new.
  if (opts.force && opts.rejectedAccess === undefined && !needsRefresh(oauth, now(), skewMs) && justIssued(oauth, now())) {
    return { kind: 'use', cred: oauth };
  }
  const provider = oauth.provider;
  // The gateway may have refreshed another agent's copy of this token under that store's lock: then
  // ours is spent, and the copy holds its successor.
  let base = oauth;
  const successor = changed ? undefined : await successorInCopies(copies, oauth);
  if (successor) {
    const fresh = rotatedFields(successor);
    if (usableAsIs(successor, now(), skewMs, opts)) {
      const adopted = await locked.update((doc) => {
        const p = doc.profiles[profileId];
        if (!p || p.type !== 'oauth' || p.refresh !== oauth.refresh) return NO_CHANGE;
        const merged = { ...p, ...fresh };
        doc.profiles[profileId] = merged;
        return merged as OAuthCredential;
      });
      return { kind: 'use', cred: adopted ?? { ...oauth, ...fresh } };
    }
    base = { ...oauth, ...fresh };
  }
  const rejected = reauthRequired(base, store.usageStats?.[profileId]);
  if (rejected) {
    const inherited = await inheritFromMain(locked, agentStore, profileId, oauth, base.refresh, opts);
    if (inherited) return inherited;
    throw reauthError(profileId, provider, rejected.reason);
  }
  if (!base.refresh) throw reauthError(profileId, provider, 'no refresh token is stored');

  let tokens: RefreshedTokens;
  try {
    tokens = await requestWithRetries(provider, base.refresh, opts, STORE_LOCK_REQUEST_BUDGET_MS);
  } catch (err) {
    if (err instanceof TokenRefreshError && err.kind === 'reauth') {
      // A holder that ignores the lock may have rotated it a moment ago.
      const again = (await locked.read()).store.profiles[profileId];
      if (again?.type === 'oauth' && again.refresh !== oauth.refresh && again.refresh !== base.refresh && sameAccount(oauth, again as OAuthCredential) && !needsRefresh(again as OAuthCredential, now(), skewMs)) {
        return { kind: 'use', cred: again as OAuthCredential };
      }
      const spent = base.refresh;
      const inherited = await inheritFromMain(locked, agentStore, profileId, oauth, spent, opts);
      if (inherited) return inherited;
      await locked.update((doc) => {
        const p = doc.profiles[profileId];
        if (!p || p.type !== 'oauth' || p.refresh !== spent) return NO_CHANGE;
        doc.usageStats ??= {};
        const stats = (doc.usageStats[profileId] ??= {});
        stats.reauthRequired = { at: now(), reason: err.oauthError ?? 'invalid_grant', refreshFingerprint: refreshTokenFingerprint(spent) };
        return true;
      });
      throw reauthError(profileId, provider, err.message);
    }
    const msg = errorMessage(err);
    const kind = err instanceof TokenRefreshError ? (err.kind === 'transient' ? 'transient' : 'rejected') : 'transient';
    throw new RefreshFailedError(
      `Could not refresh "${profileId}": ${msg}. The stored credential is unchanged; ` +
        (kind === 'transient' ? `try again later (\`clawdbot models auth refresh --profile ${profileId}\`).` : `if this persists, sign in again: ${fixCommandFor(profileId, provider)}.`),
      profileId,
      kind,
      kind === 'transient' ? undefined : fixCommandFor(profileId, provider),
    );
  }

  // The provider has spent the old refresh token: from here on the new one must not be lost.
  const spent = base.refresh;
  const fresh = { access: tokens.access, refresh: tokens.refresh, expires: tokens.expires, ...(tokens.accountId ? { accountId: tokens.accountId } : {}) };
  const next: OAuthCredential = { ...oauth, ...fresh };
  try {
    const written = await locked.update((doc) => {
      const p = doc.profiles[profileId];
      // Changed without the lock meanwhile (anything but the token we started from or its successor).
      if (!p || p.type !== 'oauth' || (p.refresh !== spent && p.refresh !== oauth.refresh)) return NO_CHANGE;
      const merged = { ...p, ...fresh };
      doc.profiles[profileId] = merged;
      const stats = doc.usageStats?.[profileId];
      if (stats && 'reauthRequired' in stats) delete stats.reauthRequired;
      return merged as OAuthCredential;
    });
    if (!written) {
      // Someone replaced the profile without the lock while we refreshed: keep ours aside, never lose it.
      const saveError = await keepUnsavedCredential(agentStore.storePath, [{ profileId, credential: next }], `the refreshed token of "${profileId}"`, 'the profile was replaced without the lock while refreshing');
      return { kind: 'refreshed', cred: next, spent, tokens, saveError };
    }
    return { kind: 'refreshed', cred: written, spent, tokens };
  } catch (err) {
    const saveError = await keepUnsavedCredential(agentStore.storePath, [{ profileId, credential: next }], `the refreshed token of "${profileId}"`, err);
    return { kind: 'refreshed', cred: next, spent, tokens, saveError };
  }
}

/**
 * Agents that were given a copy of the same OAuth profile after the refresh began (the ones found
 * before it were updated under their locks) hold the refresh token we just spent: give them the
 * rotated one so their next refresh does not fail with refresh_token_reused.
 */
async function propagateToOtherAgents(origin: AgentStore, spent: string, next: OAuthCredential, env: Env): Promise<void> {
  for (const copy of await findCopies(origin, spent, next, env)) {
    await copy.store
      .withLock((locked) => updateCopies([{ ...copy, locked }], new Set([spent]), next))
      .catch((err: unknown) => keepForCopy(copy, next, err));
  }
}

export interface ProactiveRefreshResult {
  profileId: string;
  ok: boolean;
  /** Already fresh enough: nothing was requested. */
  skipped?: boolean;
  expiresAt?: number;
  error?: string;
  fix?: string;
}

/**
 * For a daemon or doctor: refresh every OAuth profile of the agent whose access token has less
 * than `withinMs` left (default 5 minutes), one at a time, through the single-flight path. A
 * profile already marked as needing a new sign-in is reported, not retried.
 */
export async function refreshExpiringProfiles(
  agentStore: AgentStore,
  opts: EnsureFreshOptions & { withinMs?: number } = {},
): Promise<ProactiveRefreshResult[]> {
  const now = clock(opts);
  const within = opts.withinMs ?? DEFAULT_REFRESH_SKEW_MS;
  const { store } = await agentStore.load();
  const out: ProactiveRefreshResult[] = [];
  for (const [id, cred] of Object.entries(store.profiles)) {
    if (cred.type !== 'oauth') continue;
    const oauth = cred as OAuthCredential;
    if (!needsRefresh(oauth, now(), within)) {
      out.push({ profileId: id, ok: true, skipped: true, ...(oauth.expires ? { expiresAt: oauth.expires } : {}) });
      continue;
    }
    try {
      const fresh = await ensureFreshCredential(agentStore, id, { ...opts, skewMs: within });
      out.push({ profileId: id, ok: true, ...(fresh.type === 'oauth' ? { expiresAt: fresh.expires } : {}) });
    } catch (err) {
      const fix = err instanceof RefreshFailedError ? err.fix : undefined;
      out.push({ profileId: id, ok: false, error: errorMessage(err), ...(fix ? { fix } : {}) });
    }
  }
  return out;
}
