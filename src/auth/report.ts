// THE status report: the one place that turns the files on disk (each agent's auth-profiles.json,
// clawdbot.json, the state dir's .env, the process env, the login shell env and the Claude Code /
// Codex CLI files) into states. `models status` text, `--json`, `--check`, the live dashboard and
// doctor render this; none of them computes a state of its own.
//
// It never throws for a bad file: a corrupt store becomes `storeError` on its agent (other sources
// still reported), a corrupt config becomes `configError` (defaults used).
import {
  type AgentStore,
  type AnyCredential,
  type AuthProfileStore,
  type OAuthCredential,
  type ClawdbotConfig,
  type Env,
  type WarningSink,
  DEFAULT_AGENT_ID,
  agentFlag,
  emptyAuthStore,
  envVarsForProvider,
  findEnvCredentials,
  normalizeAgentId,
  openAgentStore,
  readConfig,
  readDotEnv,
  resolveConfigPath,
  envFilePath,
  PROVIDER_ENV_VARS,
  type EnvCredential,
  type LoadedAuthStore,
  discoverAgentIds,
} from '../store/index.js';
import { maskSecret } from '../util/mask.js';
import { credentialRef, describeRef, type SecretRef } from '../store/secret-ref.js';
import { resolveRefs } from '../secrets/resolve.js';
import { formatDuration } from '../util/duration.js';
import { displaySafe } from '../util/sanitize.js';
import { errorMessage, registerSecret } from '../util/redact.js';
import { DEFAULT_WARN_MS, credentialHealth, reauthRequired } from './health.js';
import { profileUnusable } from './cooldown.js';
import { profileIdsByProvider, resolveProfileOrder } from './order.js';
import { resolveModelsInUse } from './models-in-use.js';
import { loadShellEnv } from './shell-env.js';
import { mainStoreOf, signInSuccessor, takeMainSignInFix } from './inherit-main.js';
import { syncExternalCliProfiles } from './external-cli.js';
import type {
  AgentReport,
  CheckProblem,
  CheckResult,
  CredentialSource,
  HealthStatus,
  ProfileReport,
  ProviderReport,
  StateCount,
  StatusReport,
  UnusableState,
} from './report-types.js';
import { isNonBlank } from '../util/non-blank.js';

/** A live check of one credential (`--probe`); injected so this module never opens a socket itself. */
export type ProbeFn = (args: { provider: string; type: string; secret: string; env: Env }) => Promise<{
  status: string;
  latencyMs?: number;
  error?: string;
}>;

/** Brings Claude Code / Codex CLI logins into the store before it is read (external-cli.ts). */
export type ExternalSyncFn = (store: AgentStore, env: Env, now: number, config?: ClawdbotConfig) => Promise<unknown>;

// Status never triggers a macOS Keychain prompt: only the CLIs' files are read here.
const defaultExternalSync: ExternalSyncFn = (store, env, now, config) => syncExternalCliProfiles(store, env, now, { keychain: false, ...(config ? { config } : {}) });

export interface BuildReportOptions {
  /** Agents to report (default `main`). Ignored with allAgents. */
  agentIds?: string[];
  allAgents?: boolean;
  env?: Env;
  now?: number;
  warnMs?: number;
  probe?: ProbeFn;
  /**
   * Brings Claude Code / Codex CLI sign-ins into each store first. Default: the real sync
   * (src/auth/external-cli.ts); `false` skips it (e.g. a caller that just ran it).
   */
  externalSync?: ExternalSyncFn | false;
  /** Where store housekeeping warnings go (default: stderr). */
  warn?: WarningSink;
  /**
   * Sees each agent's store as read for the report (read only): usage requests that follow the
   * report use it instead of reading the store again (src/usage/store-usage.ts).
   */
  onStoreRead?: (loaded: LoadedAuthStore) => void;
}

const ENV_SOURCES = new Set<CredentialSource>(['env', '.env', 'shell env']);

export { discoverAgentIds };


/** Where a stored profile came from: the external CLI mirrors have fixed ids. */
export function profileSource(profileId: string, cred: AnyCredential): CredentialSource {
  const src = (cred as { source?: unknown }).source;
  if (src === 'claude-cli' || src === 'codex-cli') return src;
  if (profileId === 'anthropic:claude-cli') return 'claude-cli';
  if (profileId === 'openai-codex:codex-cli') return 'codex-cli';
  return 'store';
}

function secretOf(cred: AnyCredential): string | undefined {
  const c = cred as { key?: unknown; token?: unknown; access?: unknown };
  const v = cred.type === 'api_key' ? c.key : cred.type === 'token' ? c.token : cred.type === 'oauth' ? c.access : undefined;
  return isNonBlank(v) ? v : undefined;
}

/** The type as shown: the three known types are printable as they are; others are escaped. */
function shownType(type: string): string {
  return type === 'api_key' || type === 'token' || type === 'oauth' ? type : displaySafe(type);
}

function labelFor(cred: AnyCredential, masked: string, email: string | undefined): string {
  switch (cred.type) {
    case 'oauth':
      return `OAuth${email ? ` (${email})` : ''}`;
    case 'token':
      return `token:${masked}${email ? ` (${email})` : ''}`;
    case 'api_key':
      return `api_key:${masked}`;
    default:
      return `${displaySafe(String(cred.type))} (unsupported)`;
  }
}

/** The command that adds a credential for a provider. */
export function addCredentialCommand(provider: string, agentId: string): string {
  const a = agentFlag(agentId);
  if (provider === 'anthropic') return `clawdbot models auth setup-token --provider anthropic${a}`;
  if (provider === 'openai-codex') return `clawdbot models auth login --provider openai-codex${a}`;
  return `clawdbot models auth paste-token --provider ${provider}${a}`;
}

/**
 * The one command that fixes this profile's problem, or none. The credential comes first: clearing
 * a cooldown does nothing for a token that is expiring or gone. An expired access token that
 * refreshes on use needs nothing from a person, a reused CLI login included.
 */
function fixFor(
  profileId: string,
  provider: string,
  type: string,
  source: CredentialSource,
  status: HealthStatus,
  canRefresh: boolean,
  needsReauth: boolean,
  unusable: UnusableState | undefined,
  agentId: string,
): string | undefined {
  const a = agentFlag(agentId);
  const needsPerson = needsReauth || status === 'missing' || ((status === 'expired' || status === 'expiring') && !canRefresh);
  if (needsPerson) {
    if (source === 'claude-cli') return 'run `claude` on this host to sign in again (or: clawdbot models auth setup-token --provider anthropic)';
    if (source === 'codex-cli') return `run \`codex login\` on this host (or: clawdbot models auth login --provider openai-codex${a})`;
    if (needsReauth || type === 'oauth') return `clawdbot models auth login --provider ${provider}${a}`;
    if (provider === 'anthropic' && type === 'token') return `clawdbot models auth setup-token --provider anthropic --profile-id ${profileId}${a}`;
    if (type === 'token') return `clawdbot models auth paste-token --provider ${provider} --profile-id ${profileId}${a}`;
    if (type === 'api_key') return `clawdbot models auth paste-api-key --provider ${provider} --profile-id ${profileId}${a}`;
    return `clawdbot models auth add --provider ${provider}${a}`;
  }
  if (unusable) return `clawdbot models auth cooldown clear ${profileId}${a}`;
  return undefined;
}

/** A skip reason that means "this profile is not part of the try list at all" (not a state problem). */
export function isExcludedReason(reason: string | undefined): boolean {
  return !!reason && (reason.startsWith('not in ') || reason.startsWith('profile is for ') || reason.startsWith('config says mode'));
}

/**
 * A state no request can use: no secret, or expired with no way to refresh (a rejected refresh
 * token still leaves a valid access token usable until it expires). A usable profile is one in
 * the try order now (not cooling down) whose state is not dead.
 */
function deadStatus(status: HealthStatus, canRefresh: boolean, needsReauth: boolean): boolean {
  return status === 'missing' || (status === 'expired' && (!canRefresh || needsReauth));
}

const STATUS_RANK: Record<HealthStatus, number> = { static: 0, ok: 1, expiring: 2, expired: 3, missing: 4 };
const STATUS_BY_RANK: readonly HealthStatus[] = ['static', 'ok', 'expiring', 'expired', 'missing'];

interface AgentInputs {
  env: Env;
  now: number;
  warnMs: number;
  config: ClawdbotConfig;
  envCreds: EnvCredential[];
  dotEnv: Record<string, string>;
  probe?: ProbeFn;
  externalSync?: ExternalSyncFn;
  warn?: WarningSink;
  onStoreRead?: (loaded: LoadedAuthStore) => void;
}

async function buildAgentReport(agentId: string, inputs: AgentInputs): Promise<AgentReport> {
  const { env, now, warnMs, config } = inputs;
  const store = openAgentStore(agentId, env, inputs.warn);
  const notes: string[] = [];
  let storeError: string | undefined;
  let doc: AuthProfileStore;

  if (inputs.externalSync) {
    try {
      const synced = await inputs.externalSync(store, env, now, config);
      if (Array.isArray(synced)) for (const n of synced) if (typeof n === 'string') notes.push(n);
    } catch (err) {
      // A corrupt store is reported once, below, by load(); anything else is one note.
      const msg = errorMessage(err);
      if (!msg.includes(store.storePath)) notes.push(`Claude Code / Codex CLI credentials could not be read: ${msg}`);
    }
  }
  try {
    const loaded = await store.load();
    doc = loaded.store;
    inputs.onStoreRead?.(loaded);
    for (const n of [...loaded.imported, ...loaded.restored]) notes.push(n);
  } catch (err) {
    storeError = errorMessage(err);
    doc = emptyAuthStore();
  }
  // Secret references resolve now, all at once (one run per exec provider); the values are
  // registered for redaction by the resolver and kept only in this map. One pass over the
  // profiles: enumerating an object of 10,000 keys is itself a cost.
  // The same pass indexes the profiles by provider (profileIdsByProvider).
  const refOf = new Map<string, SecretRef>();
  const idsByProvider = profileIdsByProvider(doc, (id, cred) => {
    const c = cred as { key?: unknown; token?: unknown; access?: unknown; refresh?: unknown; keyRef?: unknown; tokenRef?: unknown; accessRef?: unknown; refreshRef?: unknown };
    if (typeof c.key === 'string') registerSecret(c.key);
    if (typeof c.token === 'string') registerSecret(c.token);
    if (typeof c.access === 'string') registerSecret(c.access);
    if (typeof c.refresh === 'string') registerSecret(c.refresh);
    const ref = credentialRef(cred);
    if (ref) refOf.set(id, ref);
    else if (cred.type === 'oauth' && (c.keyRef !== undefined || c.tokenRef !== undefined || c.accessRef !== undefined || c.refreshRef !== undefined)) {
      notes.push(`${id}: OAuth profiles cannot use secret references (a rotating refresh token must be writable); the reference is ignored.`);
    }
  });
  const resolvedRefs = refOf.size ? await resolveRefs([...refOf.values()], { env, secrets: config.secrets, dotEnv: inputs.dotEnv }) : undefined;
  const resolvedSecret = new Map<string, string>();

  const models = resolveModelsInUse(config, store.agentId);
  const inUse = new Set(models.providers);

  // Providers: those in use first (primary's first), then every other provider with a credential.
  const others = new Set<string>();
  for (const p of idsByProvider.keys()) if (p) others.add(p);
  for (const e of inputs.envCreds) others.add(e.provider);
  const providerIds = [...models.providers, ...[...others].filter((p) => !inUse.has(p)).sort()];

  const providers: ProviderReport[] = [];
  const rejectedInSubAgent: ProfileReport[] = [];
  // Every row counted once by its state, as it is built.
  const counts: Record<StateCount, number> = { ok: 0, expiring: 0, expired: 0, missing: 0, static: 0, cooldown: 0, disabled: 0 };
  for (const provider of providerIds) {
    const ownIds = idsByProvider.get(provider) ?? [];
    const resolved = resolveProfileOrder({ provider, store: doc, config, now, providerProfileIds: ownIds });
    const skipped = new Map<string, string>();
    // Indexed loops over per-profile arrays (here and below): a cold run is mostly unoptimised
    // code, which allocates an iterator result for every step of a for-of.
    for (let k = 0; k < resolved.skipped.length; k++) {
      const s = resolved.skipped[k]!;
      skipped.set(s.profileId, s.reason);
      if (!storeError && !doc.profiles[s.profileId]) {
        const where = resolved.source === 'config' ? 'config auth.order' : resolved.source === 'store' ? 'the stored order' : 'config auth.profiles';
        notes.push(`${where} for ${provider} lists ${s.profileId}, which is not in the store; it is skipped.`);
      }
    }
    const profiles: ProfileReport[] = [];
    // What the provider's state needs, gathered while each row is built from local values: the
    // rows are objects of many shapes (optional fields), and reading them back in later passes is
    // slow at 10,000 profiles. `usable`: the rows a request could use now (in the try order, not
    // cooling down, state not dead), in order.
    const usable: ProfileReport[] = [];
    let worstAll = -1;
    let worstUsable = -1;
    let usableExpiredNoRefresh = false;
    let usableExpiring = false;
    let firstStored: ProfileReport | undefined;
    // The order holds only usable profiles of this provider, each once, so it is a subset of
    // ownIds: the rest of ownIds follow it. Only a profile in the order has a position.
    const order = resolved.order;
    const ids = order.slice();
    if (ids.length < ownIds.length) {
      // Which of ownIds are not in the order, without a set of the whole order (thousands of
      // ids): resolveProfileOrder skips every profile of the provider that is not in the order,
      // and the profiles it lists in both are those cooling down, which close the order.
      const cooling = new Set<string>();
      for (let k = order.length - 1; k >= 0 && skipped.has(order[k]!); k--) cooling.add(order[k]!);
      for (let k = 0; k < ownIds.length; k++) {
        const id = ownIds[k]!;
        if (skipped.has(id) && !cooling.has(id)) ids.push(id);
      }
    }
    // Positions count only the profiles a request would try now.
    let n = 0;
    const agentId = store.agentId;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const cred = doc.profiles[id];
      if (!cred) continue;
      const stats = doc.usageStats?.[id];
      const health = credentialHealth(cred, now, warnMs);
      const ref = refOf.size ? refOf.get(id) : undefined;
      const resolution = ref ? resolvedRefs!.get(ref) : undefined;
      const secret = resolution ? (resolution.ok ? resolution.value : undefined) : secretOf(cred);
      if (ref && secret) resolvedSecret.set(id, secret);
      const masked = secret ? maskSecret(secret) : ref ? '(unresolved)' : '(empty)';
      const unusable = profileUnusable(stats, now);
      const skipReason = skipped.size ? skipped.get(id) : undefined;
      const email = typeof cred.email === 'string' && cred.email ? displaySafe(cred.email) : undefined;
      const type = shownType(cred.type);
      const source = profileSource(id, cred);
      const needsReauth = Boolean(reauthRequired(cred, stats));
      const unresolved = resolution !== undefined && !resolution.ok;
      const status: HealthStatus = unresolved ? 'missing' : health.status;
      // A profile in cooldown stays in `order` (tried when its time is up) but a request now skips it.
      const tried = i < order.length && !unusable && !unresolved;
      // Optional fields are assigned, not spread: this runs once per profile, 10,000 times for
      // a large store, and each spread of a conditional literal allocates.
      const p: ProfileReport = {
        profileId: id,
        provider,
        type,
        source,
        masked,
        label: ref && resolution ? `${type}:${describeRef(ref)}${resolution.ok ? ` (${masked})` : ' (does not resolve)'}` : labelFor(cred, masked, email),
        status,
        canRefresh: health.canRefresh,
        needsReauth,
        orderPosition: tried ? ++n : null,
      };
      if (ref && resolution) {
        p.secretRef = { source: describeRef(ref), ref: { source: ref.source, provider: ref.provider, id: displaySafe(ref.id) }, resolves: resolution.ok };
        if (!resolution.ok) {
          p.secretRef.problem = errorMessage(resolution.problem);
          p.skipReason = `secret reference ${describeRef(ref)} does not resolve: ${p.secretRef.problem}`;
        }
      }
      if (email !== undefined) p.email = email;
      if (health.expiresAt !== undefined) {
        p.expiresAt = health.expiresAt;
        p.remainingMs = health.remainingMs;
      }
      if (unusable) p.unusable = unusable;
      if (skipReason) p.skipReason = displaySafe(skipReason);
      if (typeof stats?.lastUsed === 'number' && stats.lastUsed > 0) p.lastUsed = stats.lastUsed;
      if (typeof stats?.errorCount === 'number' && stats.errorCount > 0) p.errorCount = stats.errorCount;
      const fix = unresolved ? errorMessage(resolution.fix) : fixFor(id, provider, type, source, status, health.canRefresh, needsReauth, unusable, agentId);
      if (fix) p.fix = fix;
      if (needsReauth && cred.type === 'oauth' && agentId !== DEFAULT_AGENT_ID) rejectedInSubAgent.push(p);
      profiles.push(p);
      counts[unusable ? unusable.kind : status]++;
      const rank = STATUS_RANK[status];
      if (rank > worstAll) worstAll = rank;
      if (tried && !deadStatus(status, health.canRefresh, needsReauth)) {
        usable.push(p);
        if (rank > worstUsable) worstUsable = rank;
        if (status === 'expired' && !health.canRefresh) usableExpiredNoRefresh = true;
        if (status === 'expiring') usableExpiring = true;
        if (!firstStored && !ENV_SOURCES.has(source)) firstStored = p;
      }
    }

    // Env credentials are tried after the profiles (Clawdbot: profiles, then env).
    const envCred = inputs.envCreds.find((e) => e.provider === provider);
    if (envCred) {
      const masked = maskSecret(envCred.value);
      const p: ProfileReport = {
        profileId: `${provider}:$${envCred.envVar}`,
        provider,
        type: envCred.kind,
        source: envCred.source,
        masked,
        label: `${envCred.envVar}=${masked}`,
        status: 'static',
        canRefresh: false,
        needsReauth: false,
        orderPosition: n + 1,
        envVar: envCred.envVar,
      };
      profiles.push(p);
      // Static, in the order, never cooling down: always usable.
      counts.static++;
      worstAll = Math.max(worstAll, STATUS_RANK.static);
      usable.push(p);
      worstUsable = Math.max(worstUsable, STATUS_RANK.static);
    }

    const isInUse = inUse.has(provider);
    let status: HealthStatus;
    if (usable.length === 0) {
      // In use with nothing usable: missing. Not in use: the worst state of what it has.
      status = isInUse || profiles.length === 0 ? 'missing' : STATUS_BY_RANK[worstAll]!;
    }
    else status = STATUS_BY_RANK[worstUsable]!;
    // An expired access token that refreshes on use is not the provider's state.
    if (status === 'expired' && !usableExpiredNoRefresh) {
      status = usableExpiring ? 'expiring' : 'ok';
    }
    const effective: ProviderReport['effective'] = firstStored
      ? { kind: 'profiles', detail: store.storePath }
      : usable[0]
        ? { kind: 'env', detail: `${usable[0].source}: ${usable[0].envVar}` }
        : { kind: 'missing' };
    providers.push({
      provider,
      inUse: isInUse,
      order: resolved.order,
      orderSource: resolved.source,
      profiles,
      status,
      effective,
      ...(usable[0] ? { next: usable[0].profileId } : {}),
      ...(isInUse && effective.kind === 'missing' ? { fix: addCredentialCommand(provider, store.agentId) } : {}),
    });
  }

  // A sub-agent's rejected copy of a sign-in the main agent holds a newer one of: a refresh takes
  // that one, as the gateway would (inherit-main.ts); no new sign-in is needed.
  const main = rejectedInSubAgent.length ? await mainStoreOf(store, env) : undefined;
  for (const p of main ? rejectedInSubAgent : []) {
    const cred = doc.profiles[p.profileId] as OAuthCredential;
    if (signInSuccessor(main!, p.profileId, cred, cred.refresh)) p.fix = takeMainSignInFix(p.profileId, store.agentId);
  }

  // Notes.
  for (const [model, ttl] of Object.entries(models.cacheControlTtl)) {
    const provider = model.slice(0, model.indexOf('/'));
    const pr = providers.find((x) => x.provider === provider);
    if (provider !== 'anthropic' || !pr) continue;
    const next = pr.profiles.find((p) => p.profileId === pr.next);
    const subscription = pr.profiles.filter((p) => p.source === 'claude-cli' || p.type === 'oauth' || (p.type === 'token' && !ENV_SOURCES.has(p.source)));
    if (next && (next.type === 'oauth' || next.type === 'token')) {
      notes.push(
        `cacheControlTtl "${ttl}" for ${model} has no effect with ${next.profileId} (Claude Code / setup-token OAuth); only API-key access honours it.`,
      );
    } else if (subscription.length) {
      notes.push(`cacheControlTtl "${ttl}" for ${model} applies only to API keys; it is ignored when ${subscription.map((p) => p.profileId).join(', ')} is used.`);
    }
  }
  if (storeError) notes.push('The auth store was not read; credentials from the environment are still shown. Run `clawdbot doctor` for a repair.');

  if (inputs.probe) await runProbes(providers, doc, inputs.probe, env, resolvedSecret);

  return {
    agentId: store.agentId,
    agentDir: store.agentDir,
    storePath: store.storePath,
    ...(storeError ? { storeError } : {}),
    providers,
    counts,
    notes,
    defaultModel: models.primary,
    fallbacks: models.fallbacks,
    providersInUse: models.providers,
    missingProvidersInUse: providers.filter((pr) => pr.inUse && pr.effective.kind === 'missing').map((pr) => pr.provider),
  };
}

async function runProbes(providers: ProviderReport[], doc: AuthProfileStore, probe: ProbeFn, env: Env, resolvedSecret: Map<string, string>): Promise<void> {
  const jobs: Array<() => Promise<void>> = [];
  for (const pr of providers) {
    for (const p of pr.profiles) {
      let secret: string | undefined;
      if (p.envVar) secret = env[p.envVar];
      else if (p.secretRef) secret = resolvedSecret.get(p.profileId);
      else {
        const cred = doc.profiles[p.profileId];
        secret = cred ? secretOf(cred) : undefined;
      }
      if (!secret) {
        p.probe = { status: 'skipped', error: p.secretRef ? `the secret reference ${p.secretRef.source} does not resolve` : 'no secret to probe with' };
        continue;
      }
      const s = secret;
      jobs.push(async () => {
        try {
          const r = await probe({ provider: p.provider, type: p.type, secret: s, env });
          p.probe = { status: r.status, ...(r.latencyMs !== undefined ? { latencyMs: r.latencyMs } : {}), ...(r.error ? { error: errorMessage(r.error) } : {}) };
        } catch (err) {
          p.probe = { status: 'unknown', error: errorMessage(err) };
        }
      });
    }
  }
  // Two at a time: a status run must not open dozens of connections.
  let i = 0;
  const worker = async () => {
    while (i < jobs.length) await jobs[i++]!();
  };
  await Promise.all([worker(), worker()]);
}

export async function buildStatusReport(opts: BuildReportOptions = {}): Promise<StatusReport> {
  const env = opts.env ?? process.env;
  const now = opts.now ?? Date.now();
  const warnMs = opts.warnMs ?? DEFAULT_WARN_MS;
  const configPath = resolveConfigPath(env);
  let config: ClawdbotConfig = {};
  let configError: string | undefined;
  try {
    config = (await readConfig(configPath)).config;
  } catch (err) {
    configError = errorMessage(err);
  }

  // Environment credentials: the process env, then the state dir's .env, then (when enabled) the login shell.
  let dotEnv: Record<string, string> = {};
  try {
    dotEnv = await readDotEnv(envFilePath(env));
  } catch {
    /* an unreadable .env is the same as none for status */
  }
  const modelsMain = resolveModelsInUse(config);
  const envProviders = [...new Set([...Object.keys(PROVIDER_ENV_VARS), ...modelsMain.providers])];
  const agentIds = opts.allAgents ? await discoverAgentIds(env, config) : (opts.agentIds?.length ? opts.agentIds : [DEFAULT_AGENT_ID]).map((a) => normalizeAgentId(a));
  // Every agent's own providers in use can need env lookups too.
  for (const id of agentIds) for (const p of resolveModelsInUse(config, id).providers) if (!envProviders.includes(p)) envProviders.push(p);
  const envCreds = findEnvCredentials(env, dotEnv, envProviders);
  const shell = await loadShellEnv(config, env);
  const appliedKeys: string[] = [];
  if (shell.enabled && !shell.error) {
    for (const provider of envProviders) {
      if (envCreds.some((e) => e.provider === provider)) continue;
      for (const envVar of envVarsForProvider(provider)) {
        const value = shell.vars[envVar]?.trim();
        if (!value) continue;
        envCreds.push({ provider, envVar, value, source: 'shell env', kind: envVar.includes('OAUTH') || envVar.endsWith('_TOKEN') ? 'token' : 'api_key' });
        appliedKeys.push(envVar);
        break;
      }
    }
  }
  for (const e of envCreds) registerSecret(e.value);

  const agents: AgentReport[] = [];
  for (const agentId of agentIds) {
    agents.push(
      await buildAgentReport(agentId, {
        env,
        now,
        warnMs,
        config,
        envCreds,
        dotEnv,
        ...(opts.probe ? { probe: opts.probe } : {}),
        ...(opts.externalSync === false ? {} : { externalSync: opts.externalSync ?? defaultExternalSync }),
        ...(opts.warn ? { warn: opts.warn } : {}),
        ...(opts.onStoreRead ? { onStoreRead: opts.onStoreRead } : {}),
      }),
    );
  }
  const first = agents[0];
  return {
    generatedAt: now,
    warnAfterMs: warnMs,
    configPath,
    defaultModel: first?.defaultModel ?? modelsMain.primary,
    fallbacks: first?.fallbacks ?? modelsMain.fallbacks,
    providersInUse: first?.providersInUse ?? modelsMain.providers,
    agents,
    ...(configError ? { configError } : {}),
    ...(shell.enabled ? { shellEnv: { enabled: true, appliedKeys, ...(shell.error ? { error: shell.error } : {}) } } : {}),
  };
}

/**
 * What `--check` concludes: 1 when a credential in use is expired (and cannot refresh), missing,
 * needs a new sign-in, or a provider in use has no usable credential (all in cooldown counts);
 * 2 when one expires within the warn window and cannot refresh; else 0. Providers not in use are
 * listed by status but never alarm.
 */
export function checkReport(report: StatusReport): CheckResult {
  const problems: CheckProblem[] = [];
  if (report.configError) {
    problems.push({ level: 'error', agentId: report.agents[0]?.agentId ?? DEFAULT_AGENT_ID, message: `config unreadable: ${report.configError}` });
  }
  for (const a of report.agents) {
    if (a.storeError) {
      problems.push({ level: 'error', agentId: a.agentId, message: `auth store unreadable: ${a.storeError}`, fix: `clawdbot doctor --repair${agentFlag(a.agentId)}` });
    }
    for (const pr of a.providers) {
      if (!pr.inUse) continue;
      if (pr.effective.kind === 'missing') {
        const blocked = pr.profiles.filter((p) => p.unusable);
        const all = pr.profiles.filter((p) => !isExcludedReason(p.skipReason));
        if (all.length > 0 && blocked.length === all.length) {
          const soonest = blocked.map((p) => p.unusable!).sort((x, y) => x.until - y.until)[0]!;
          problems.push({
            level: 'error',
            agentId: a.agentId,
            provider: pr.provider,
            message: `${pr.provider}: every profile is in cooldown or disabled (first back in ${Math.ceil(soonest.remainingMs / 60_000)}m)`,
            fix: `clawdbot models auth cooldown clear${agentFlag(a.agentId)}`,
          });
        } else {
          problems.push({
            level: 'error',
            agentId: a.agentId,
            provider: pr.provider,
            message: `${pr.provider} is in use (${a.defaultModel ?? report.defaultModel}${(a.fallbacks ?? report.fallbacks).length ? ' or its fallbacks' : ''}) but has no usable credential`,
            fix: pr.fix ?? addCredentialCommand(pr.provider, a.agentId),
          });
        }
      }
      for (const p of pr.profiles) {
        if (ENV_SOURCES.has(p.source) || isExcludedReason(p.skipReason)) continue;
        const base = { agentId: a.agentId, provider: pr.provider, profileId: p.profileId, ...(p.fix ? { fix: p.fix } : {}) };
        if (p.needsReauth && (p.status === 'expired' || p.status === 'missing')) {
          problems.push({ level: 'error', ...base, message: `${p.profileId}: refresh was rejected; sign in again` });
        } else if (p.needsReauth) {
          problems.push({ level: 'warn', ...base, message: `${p.profileId}: refresh was rejected; sign in again before the access token expires` });
        } else if (p.secretRef && !p.secretRef.resolves) {
          problems.push({ level: 'error', ...base, message: `${p.profileId}: secret reference ${p.secretRef.source} does not resolve: ${p.secretRef.problem ?? 'unknown problem'}` });
        } else if (p.status === 'missing') problems.push({ level: 'error', ...base, message: `${p.profileId}: no secret stored` });
        else if (p.status === 'expired' && !p.canRefresh) problems.push({ level: 'error', ...base, message: `${p.profileId}: expired` });
        else if (p.status === 'expiring' && !p.canRefresh) {
          const left = p.remainingMs !== undefined ? ` (${formatDuration(Math.max(0, p.remainingMs))} left)` : '';
          problems.push({ level: 'warn', ...base, message: `${p.profileId}: expires within the warn window${left}` });
        } else if (p.unusable?.kind === 'disabled' && pr.effective.kind !== 'missing') {
          // Others carry the provider, but this one is out for hours (e.g. out of credit): needs a person soon.
          const hours = Math.max(1, Math.round(p.unusable.remainingMs / 3_600_000));
          problems.push({ level: 'warn', ...base, message: `${p.profileId}: disabled (${p.unusable.reason ?? 'unknown'}) for about ${hours}h; other profiles are used meanwhile` });
        }
      }
    }
  }
  const exitCode = problems.some((p) => p.level === 'error') ? 1 : problems.length ? 2 : 0;
  return { exitCode, problems };
}
