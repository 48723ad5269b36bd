// Hand-made status reports and fake dashboard dependencies for the dashboard tests.
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
