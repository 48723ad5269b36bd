// Hand-made status reports and fake dashboard dependencies for the dashboard tests, and a large
// real store for the end-to-end ones.
import fs from 'node:fs';
import path from 'node:path';
import type { AgentReport, ProfileReport, StatusReport, StateCount } from '../../src/auth/report-types.js';
import { type DashboardDeps, type DashboardStore, rowIdAt } from '../../src/state/dashboard/index.js';

export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export function profile(p: Partial<ProfileReport> & { profileId: string }): ProfileReport {
  const provider = p.provider ?? p.profileId.split(':')[0]!;
  return {
    provider,
    type: 'token',
    source: 'store',
    masked: 'sk-ant-oat01-…abcd',
    label: 'token',
    status: 'static',
    canRefresh: false,
    needsReauth: false,
    orderPosition: null,
    ...p,
  };
}

export function agentReport(profiles: ProfileReport[], over: Partial<AgentReport> = {}): AgentReport {
  const providers = [...new Set(profiles.map((p) => p.provider))].map((provider) => {
    const ps = profiles.filter((p) => p.provider === provider);
    return {
      provider,
      inUse: true,
      order: ps.map((p) => p.profileId),
      orderSource: 'store' as const,
      profiles: ps,
      status: ps[0]?.status ?? ('missing' as const),
      effective: { kind: 'profiles' as const },
    };
  });
  const counts = { ok: 0, expiring: 0, expired: 0, missing: 0, static: 0, cooldown: 0, disabled: 0 } as Record<StateCount, number>;
  for (const p of profiles) counts[p.status]++;
  return {
    agentId: 'main',
    agentDir: '/tmp/state/agents/main/agent',
    storePath: '/tmp/state/agents/main/agent/auth-profiles.json',
    providers,
    counts,
    notes: [],
    ...over,
  };
}

export function statusReport(agents: AgentReport[], now: number, warnAfterMs = 24 * HOUR): StatusReport {
  return {
    generatedAt: now,
    warnAfterMs,
    configPath: '/tmp/state/clawdbot.json',
    defaultModel: 'anthropic/claude-opus-4-5',
    fallbacks: [],
    providersInUse: ['anthropic'],
    agents,
  };
}

export interface FakeDeps extends DashboardDeps {
  calls: Array<[string, ...unknown[]]>;
  /** Simulate a file change seen by the watcher. */
  fireChange(): void;
  setReport(r: StatusReport): void;
}

/** Fake dependencies: a report you can swap, mutations recorded, the clock is Date.now (fake timers). */
export function fakeDeps(report: StatusReport, agents: string[] = ['main']): FakeDeps {
  let current = report;
  const listeners = new Set<() => void>();
  const calls: FakeDeps['calls'] = [];
  return {
    calls,
    loadReport: async (agentId) => {
      calls.push(['loadReport', agentId]);
      return current;
    },
    listAgents: async () => agents,
    now: () => Date.now(),
    watch(_agentId, onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    mutations: {
      saveOrder: async (...a) => void calls.push(['saveOrder', ...a]),
      clearOrder: async (...a) => (calls.push(['clearOrder', ...a]), true),
      removeProfile: async (...a) => (calls.push(['removeProfile', ...a]), true),
      clearCooldown: async (...a) => (calls.push(['clearCooldown', ...a]), true),
      refreshProfile: async (...a) => (calls.push(['refreshProfile', ...a]), undefined),
    },
    fireChange() {
      for (const l of listeners) l();
    },
    setReport(r) {
      current = r;
    },
  };
}

/** `n` profiles spread over a few providers, a mix of states (for scroll and bench). */
export function manyProfiles(n: number, now: number): ProfileReport[] {
  const providers = ['anthropic', 'openai', 'openrouter', 'google', 'xai'];
  const out: ProfileReport[] = [];
  for (let i = 0; i < n; i++) {
    const provider = providers[i % providers.length]!;
    const id = `${provider}:p${String(i).padStart(4, '0')}`;
    const kind = i % 4;
    out.push(
      profile({
        profileId: id,
        provider,
        type: kind === 0 ? 'api_key' : kind === 1 ? 'oauth' : 'token',
        status: kind === 0 ? 'static' : kind === 3 ? 'expiring' : 'ok',
        ...(kind === 0 ? {} : { expiresAt: now + (kind === 3 ? 2 * HOUR : 3 * DAY) + i * 1000 }),
        ...(i % 7 === 0 ? { unusable: { kind: 'cooldown' as const, until: now + 5 * MIN, remainingMs: 5 * MIN } } : {}),
        lastUsed: now - i * MIN,
      }),
    );
  }
  return out;
}

/** The profile ids of the table as the store shows them now (filter, order shown), in order. */
export function shownIds(store: DashboardStore): string[] {
  const view = store.getState().view();
  return view.sections.flatMap((s) => Array.from({ length: s.size }, (_, k) => rowIdAt(s, k)));
}

/** The eight providers of a large store, in the order the dashboard shows them (none in use). */
export const STORE_PROVIDERS = ['anthropic', 'google', 'groq', 'mistral', 'openai', 'openai-codex', 'openrouter', 'xai'] as const;

/** The id of the i-th profile of a large store: the provider is i mod 8, so each has n/8. */
export const storeProfileId = (i: number) => `${STORE_PROVIDERS[i % STORE_PROVIDERS.length]}:p${String(i).padStart(5, '0')}`;

/**
 * A real `auth-profiles.json` of `n` profiles over eight providers, every credential type and state
 * in each: a setup-token expiring within minutes (its countdown ticks in seconds), an API key, an
 * OAuth sign-in with a refresh token, an expired token, a token in a rate-limit cooldown, an OAuth
 * profile disabled for billing. anthropic has a stored order of all its profiles (its first row is
 * anthropic:p00000, expiring); xai holds API keys only, so its last profile is the table's last
 * row. Written with a config that reads no login shell, as `makeTempState` leaves a state dir.
 */
export function writeLargeStore(stateDir: string, n: number, now = Date.now()): { storePath: string; ids: string[] } {
  const profiles: Record<string, Record<string, unknown>> = {};
  const usageStats: Record<string, Record<string, unknown>> = {};
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = storeProfileId(i);
    const provider = id.slice(0, id.indexOf(':'));
    const body = `${i.toString(36).padStart(6, '0')}Large${'x'.repeat(34)}`;
    const kind = provider === 'xai' ? 1 : Math.floor(i / STORE_PROVIDERS.length) % 6;
    ids.push(id);
    if (kind === 0) profiles[id] = { type: 'token', provider, token: `sk-ant-oat01-${body}`, expires: now + 10 * MIN + i };
    else if (kind === 1) profiles[id] = { type: 'api_key', provider, key: `sk-${body}` };
    else if (kind === 2) profiles[id] = { type: 'oauth', provider, access: `acc-${body}`, refresh: `ref-${body}`, expires: now + 5 * HOUR, email: `user${i}@example.com` };
    else if (kind === 3) profiles[id] = { type: 'token', provider, token: `sk-ant-oat01-${body}`, expires: now - 2 * HOUR };
    else if (kind === 4) {
      profiles[id] = { type: 'token', provider, token: `sk-ant-oat01-${body}`, expires: now + 30 * DAY };
      usageStats[id] = { lastUsed: now - i * 1000, errorCount: 3, cooldownUntil: now + 20 * MIN, failureCounts: { rate_limit: 3 } };
    } else {
      profiles[id] = { type: 'oauth', provider, access: `acc-${body}`, refresh: `ref-${body}`, expires: now + 3 * HOUR };
      usageStats[id] = { lastUsed: now - i * 1000, disabledUntil: now + 3 * HOUR, disabledReason: 'billing' };
    }
  }
  const order = { anthropic: ids.filter((id) => id.startsWith('anthropic:')) };
  const agentDir = path.join(stateDir, 'agents', 'main', 'agent');
  fs.mkdirSync(agentDir, { recursive: true, mode: 0o700 });
  const storePath = path.join(agentDir, 'auth-profiles.json');
  fs.writeFileSync(storePath, JSON.stringify({ version: 1, profiles, order, usageStats }, null, 2) + '\n', { mode: 0o600 });
  fs.writeFileSync(path.join(stateDir, 'clawdbot.json'), JSON.stringify({ env: { shellEnv: { enabled: false } } }, null, 2) + '\n', { mode: 0o600 });
  return { storePath, ids };
}
