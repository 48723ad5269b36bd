// `models status --json`: Clawdbot's field names kept exactly (scripts written for Clawdbot read
// `auth.storePath`, `auth.providers[]`, `auth.unusableProfiles[]`, `auth.oauth.profiles[]`,
// `auth.missingProvidersInUse[]`), with our additions beside them. Rendered from the report only;
// every credential value in it is already masked.
import type { AgentReport, CheckResult, HealthStatus, ProfileReport, ProviderReport, StatusReport } from './report-types.js';
import type { ProfileUsage } from '../usage/types.js';

const ENV_SOURCES = new Set(['env', '.env', 'shell env']);

function profileJson(p: ProfileReport) {
  return {
    profileId: p.profileId,
    provider: p.provider,
    type: p.type,
    status: p.status,
    ...(p.expiresAt !== undefined ? { expiresAt: p.expiresAt } : {}),
    ...(p.remainingMs !== undefined ? { remainingMs: p.remainingMs } : {}),
    source: p.source,
    label: p.label,
    // Additions:
    masked: p.masked,
    ...(p.email ? { email: p.email } : {}),
    ...(p.envVar ? { envVar: p.envVar } : {}),
    canRefresh: p.canRefresh,
    needsReauth: p.needsReauth,
    orderPosition: p.orderPosition,
    ...(p.skipReason ? { skipReason: p.skipReason } : {}),
    ...(p.unusable ? { unusable: p.unusable } : {}),
    ...(p.lastUsed !== undefined ? { lastUsed: p.lastUsed } : {}),
    ...(p.errorCount !== undefined ? { errorCount: p.errorCount } : {}),
    ...(p.fix ? { fix: p.fix } : {}),
    ...(p.probe ? { probe: p.probe } : {}),
    ...(p.usage ? { usage: usageJson(p.usage) } : {}),
  };
}

/** Clawdbot's usage snapshot fields (`provider`, `displayName`, `windows`, `plan`, `error`) plus ours. */
export function usageJson(u: ProfileUsage) {
  return {
    provider: u.provider,
    ...(u.displayName ? { displayName: u.displayName } : {}),
    windows: u.windows,
    ...(u.plan ? { plan: u.plan } : {}),
    ...(u.error ? { error: u.error } : {}),
    status: u.status,
    updatedAt: u.updatedAt,
  };
}

function providerJson(pr: ProviderReport) {
  const stored = pr.profiles.filter((p) => !ENV_SOURCES.has(p.source));
  const envCred = pr.profiles.find((p) => ENV_SOURCES.has(p.source));
  return {
    provider: pr.provider,
    effective: pr.effective,
    profiles: {
      count: stored.length,
      oauth: stored.filter((p) => p.type === 'oauth').length,
      token: stored.filter((p) => p.type === 'token').length,
      apiKey: stored.filter((p) => p.type === 'api_key').length,
      labels: stored.map((p) => `${p.profileId}=${p.label}`),
    },
    ...(envCred ? { env: { value: envCred.masked, source: `${envCred.source}: ${envCred.envVar ?? ''}`.trim() } } : {}),
    // Additions:
    inUse: pr.inUse,
    status: pr.status,
    order: pr.order,
    orderSource: pr.orderSource,
    ...(pr.next ? { next: pr.next } : {}),
  };
}

/**
 * Clawdbot's per-provider OAuth summary: the provider's state and the soonest expiry among the
 * profiles in that state (an expired token that refreshes on use does not make an "ok" or
 * "expiring" provider show a negative time left).
 */
function oauthProviderJson(pr: ProviderReport) {
  const timed = pr.profiles.filter((p) => p.expiresAt !== undefined && p.status === pr.status);
  const soonest = timed.sort((a, b) => a.expiresAt! - b.expiresAt!)[0];
  return {
    provider: pr.provider,
    status: pr.status,
    ...(soonest ? { expiresAt: soonest.expiresAt, remainingMs: soonest.remainingMs } : {}),
    profiles: pr.profiles.map(profileJson),
  };
}

const RANK: Record<HealthStatus, number> = { missing: 4, expired: 3, expiring: 2, ok: 1, static: 0 };
export function worstStatus(list: HealthStatus[]): HealthStatus | undefined {
  return [...list].sort((a, b) => RANK[b] - RANK[a])[0];
}

export function agentAuthJson(report: StatusReport, a: AgentReport) {
  const profiles = a.providers.flatMap((pr) => pr.profiles);
  const withOAuth = a.providers
    .map((pr) => [pr.provider, pr.profiles.filter((p) => p.type === 'oauth' || p.type === 'token').length] as const)
    .filter(([, n]) => n > 0)
    .map(([p, n]) => `${p} (${n})`);
  return {
    storePath: a.storePath,
    ...(a.storeError ? { storeError: a.storeError } : {}),
    shellEnvFallback: {
      enabled: report.shellEnv?.enabled ?? false,
      appliedKeys: report.shellEnv?.appliedKeys ?? [],
      ...(report.shellEnv?.error ? { error: report.shellEnv.error } : {}),
    },
    providersWithOAuth: withOAuth,
    missingProvidersInUse: a.missingProvidersInUse ?? [],
    providers: a.providers.map(providerJson),
    unusableProfiles: profiles
      .filter((p) => p.unusable)
      .map((p) => ({
        profileId: p.profileId,
        provider: p.provider,
        kind: p.unusable!.kind,
        ...(p.unusable!.reason ? { reason: p.unusable!.reason } : {}),
        until: p.unusable!.until,
        remainingMs: p.unusable!.remainingMs,
      })),
    oauth: {
      warnAfterMs: report.warnAfterMs,
      profiles: profiles.map(profileJson),
      providers: a.providers.filter((pr) => pr.profiles.length > 0).map(oauthProviderJson),
    },
    // Clawdbot's `--probe` summary, when probes ran.
    ...(profiles.some((p) => p.probe)
      ? {
          probes: {
            results: profiles
              .filter((p) => p.probe)
              .map((p) => ({
                provider: p.provider,
                profileId: p.profileId,
                label: p.label,
                source: p.source,
                mode: p.type,
                status: p.probe!.status,
                ...(p.probe!.error ? { error: p.probe!.error } : {}),
                ...(p.probe!.latencyMs !== undefined ? { latencyMs: p.probe!.latencyMs } : {}),
              })),
          },
        }
      : {}),
    // Additions:
    counts: a.counts,
    notes: a.notes,
  };
}

function agentJson(report: StatusReport, a: AgentReport) {
  return {
    agentId: a.agentId,
    agentDir: a.agentDir,
    defaultModel: a.defaultModel ?? report.defaultModel,
    fallbacks: a.fallbacks ?? report.fallbacks,
    providersInUse: a.providersInUse ?? report.providersInUse,
    auth: agentAuthJson(report, a),
  };
}

/**
 * The whole `--json` document. The top level describes the first agent (`main`, or `--agent`),
 * as Clawdbot's does; `agents[]` has every agent shown (one, or all with `--all-agents`).
 */
export function renderStatusJson(report: StatusReport, check: CheckResult) {
  const first = report.agents[0];
  return {
    configPath: report.configPath,
    ...(report.configError ? { configError: report.configError } : {}),
    agentId: first?.agentId,
    agentDir: first?.agentDir,
    defaultModel: first?.defaultModel ?? report.defaultModel,
    resolvedDefault: first?.defaultModel ?? report.defaultModel,
    fallbacks: first?.fallbacks ?? report.fallbacks,
    providersInUse: first?.providersInUse ?? report.providersInUse,
    generatedAt: report.generatedAt,
    warnAfterMs: report.warnAfterMs,
    auth: first ? agentAuthJson(report, first) : undefined,
    agents: report.agents.map((a) => agentJson(report, a)),
    check,
  };
}
