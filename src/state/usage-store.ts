// Subscription usage for the dashboard: a zustand vanilla store beside the dashboard's own, so the
// table, the clock and the keys never wait for it. Each profile is asked at most once a minute
// (USAGE_MIN_INTERVAL_MS); nothing here runs on the countdown tick. The fetch is injected.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { errorMessage } from '../util/redact.js';
import { formatWindow, percentLeft, tightestWindow, usageLevel } from '../usage/format.js';
import type { ProfileUsage, UsageStatus } from '../usage/types.js';

export const USAGE_MIN_INTERVAL_MS = 60_000;

/**
 * Answers that needed no request and can change with the next file change (another process
 * refreshes the token, or stores one): they do not count against the once-a-minute limit.
 */
const RECHECK: ReadonlySet<UsageStatus> = new Set(['expired', 'no_secret']);

export interface UsageDeps {
  /** Usage of these profiles of the agent; aborted when the dashboard quits. */
  fetchUsage(agentId: string, profileIds: string[], signal: AbortSignal): Promise<ProfileUsage[]>;
  now(): number;
}

export interface UsageEntry {
  usage?: ProfileUsage;
  pending: boolean;
  /** When a request for it last started (none for answers that needed no request). */
  askedAt?: number;
}

export interface UsageState {
  entries: Record<string, UsageEntry>;
}

export interface UsageActions {
  /**
   * Ask for the profiles not asked within the last minute. Returns how many were asked and, when
   * none could be, how long until the first one can.
   */
  refresh(agentId: string, profileIds: readonly string[]): { asked: number; waitMs: number };
  /** Abort what is in flight; nothing more is asked. */
  stop(): void;
}

export type UsageStore = StoreApi<UsageState & UsageActions>;

export function usageKey(agentId: string, profileId: string): string {
  return `${agentId}\u0000${profileId}`;
}

export function createUsageStore(deps: UsageDeps): UsageStore {
  const controller = new AbortController();
  return createStore<UsageState & UsageActions>()((set, get) => ({
    entries: {},
    refresh(agentId, profileIds) {
      if (controller.signal.aborted) return { asked: 0, waitMs: 0 };
      const now = deps.now();
      const ask: string[] = [];
      let waitMs = Infinity;
      for (const id of profileIds) {
        const e = get().entries[usageKey(agentId, id)];
        if (e?.pending) continue;
        const since = e?.askedAt === undefined ? Infinity : now - e.askedAt;
        if (since >= USAGE_MIN_INTERVAL_MS) ask.push(id);
        else waitMs = Math.min(waitMs, USAGE_MIN_INTERVAL_MS - since);
      }
      if (!ask.length) return { asked: 0, waitMs: Number.isFinite(waitMs) ? waitMs : 0 };
      const entries = { ...get().entries };
      for (const id of ask) entries[usageKey(agentId, id)] = { ...entries[usageKey(agentId, id)], pending: true, askedAt: now };
      set({ entries });
      const settle = (results: Map<string, ProfileUsage | undefined>) => {
        const next = { ...get().entries };
        for (const id of ask) {
          const key = usageKey(agentId, id);
          const usage = results.get(id);
          const prev = next[key];
          const entry: UsageEntry = { pending: false };
          if (usage) entry.usage = usage;
          else if (prev?.usage) entry.usage = prev.usage;
          if (prev?.askedAt !== undefined && !(usage && RECHECK.has(usage.status))) entry.askedAt = prev.askedAt;
          next[key] = entry;
        }
        set({ entries: next });
      };
      deps.fetchUsage(agentId, ask, controller.signal).then(
        (list) => settle(new Map(list.map((u) => [u.profileId, u]))),
        (err: unknown) => {
          const at = deps.now();
          const error = `usage unavailable: ${errorMessage(err)}`;
          settle(new Map(ask.map((id) => [id, { profileId: id, provider: id.split(':')[0] ?? '', status: 'error' as const, windows: [], error, updatedAt: at }])));
        },
      );
      return { asked: ask.length, waitMs: 0 };
    },
    stop() {
      controller.abort();
    },
  }));
}

export type UsageCellLevel = 'ok' | 'low' | 'critical' | 'quiet' | 'problem';

const CELL_TEXT: Partial<Record<ProfileUsage['status'], string>> = {
  expired: 'expired',
  no_scope: 'n/a',
  rejected: 'rejected',
  error: 'error',
  timeout: 'timeout',
  offline: 'offline',
};

/** The USAGE cell: percent left of the tightest window, `…` while asking, a word when there is none. */
export function usageCell(e: UsageEntry | undefined): { text: string; level: UsageCellLevel } {
  const u = e?.usage;
  if (!u) return { text: e?.pending ? '…' : '', level: 'quiet' };
  if (u.status === 'ok') {
    const w = tightestWindow(u);
    return w ? { text: `${percentLeft(w)}% left`, level: usageLevel(u) ?? 'ok' } : { text: '-', level: 'quiet' };
  }
  const text = CELL_TEXT[u.status] ?? '';
  return { text, level: u.status === 'rejected' || u.status === 'error' || u.status === 'timeout' ? 'problem' : 'quiet' };
}

/** For the line under the table: each window with its reset countdown, or why there are none. */
export function usageDetail(e: UsageEntry | undefined, now: number): string {
  const u = e?.usage;
  if (!u) return e?.pending ? 'usage: asking…' : '';
  if (u.status === 'unsupported') return '';
  if (u.status !== 'ok') return u.error ?? '';
  const plan = u.plan ? ` · plan ${u.plan}` : '';
  return u.windows.length ? `usage: ${u.windows.map((w) => formatWindow(w, now)).join(' · ')}${plan}` : `usage: no windows reported${plan}`;
}
