// The dashboard's life: load the report (one load at a time; a change during a load causes one
// more), follow the agent's files, and the once-a-second tick. A tick only moves `now`; the report
// is rebuilt on a file change, after our own edits, or when a profile's place in the order changes
// by itself (an expiry, a cooldown's end), at most every few seconds.
import type { AgentReport } from '../../auth/report-types.js';
import { errorMessage } from '../../util/redact.js';
import { nextReportChange } from './view-model.js';
import { hasProfile, rowIdAtIndex, type RowCache } from './table-view.js';
import type { DashboardDeps, DashboardSession, Get, Set } from './types.js';

const TIMED_RELOAD_GAP_MS = 5_000;

export interface Session extends DashboardSession {
  /** Follow another agent's files (after an agent switch). */
  follow(agentId: string): void;
  /**
   * Run a save whose order is shown ahead of it: while one runs, a reload keeps the order shown
   * (the report may not have caught up yet).
   */
  saving<T>(work: () => Promise<T>): Promise<T>;
}

export function createSession(deps: DashboardDeps, set: Set, get: Get, rows: RowCache): Session {
  let unwatch: (() => void) | undefined;
  let ticker: ReturnType<typeof setInterval> | undefined;
  let loadSeq = 0;
  let reloadAgain = false;
  let loadingNow: Promise<void> | null = null;
  let pendingSaves = 0;
  // When the report's own answers change with time alone (a credential expires, a cooldown ends):
  // order, positions and skip reasons come from the report, so it is rebuilt then. At most every
  // few seconds, however many boundaries a large store has.
  let nextChange: number | undefined;
  let changesFrom: { agent: AgentReport; now: number } | undefined;
  let lastTimedReload = -Infinity;

  const doLoad = async (): Promise<void> => {
    const seq = ++loadSeq;
    const agentId = get().agentId;
    try {
      const report = await deps.loadReport(agentId);
      if (seq !== loadSeq || agentId !== get().agentId) return;
      const agent = report.agents.find((a) => a.agentId === agentId) ?? report.agents[0] ?? null;
      const s = get();
      // An order shown ahead of its save is kept only while that save is still running.
      const override = pendingSaves > 0 ? s.orderOverride : {};
      let cursor = s.cursor;
      if (cursor !== null && !(agent && hasProfile(agent, cursor))) cursor = null;
      rows.prune(agent);
      set({
        report,
        agent,
        warnAfterMs: report.warnAfterMs,
        loading: false,
        loadError: null,
        now: deps.now(),
        orderOverride: override,
        version: s.version + 1,
      });
      if (cursor === null) cursor = rowIdAtIndex(get().view(), 0) ?? null;
      set({ cursor });
      // Worked out at the first tick, not ahead of the first frame (one pass over the profiles).
      nextChange = undefined;
      changesFrom = agent ? { agent, now: deps.now() } : undefined;
    } catch (err) {
      if (seq !== loadSeq) return;
      set({ loading: false, loadError: errorMessage(err) });
    }
  };

  const reload = async (): Promise<void> => {
    // One load at a time; changes during a load cause exactly one more.
    if (loadingNow) {
      reloadAgain = true;
      return loadingNow;
    }
    loadingNow = (async () => {
      do {
        reloadAgain = false;
        await doLoad();
      } while (reloadAgain);
    })().finally(() => {
      loadingNow = null;
    });
    return loadingNow;
  };

  const follow = (agentId: string) => {
    unwatch?.();
    unwatch = undefined;
    try {
      unwatch = deps.watch(agentId, () => void reload());
    } catch (err) {
      // Without a watcher the table still works; it just does not follow other processes.
      set({ message: { kind: 'error', text: `Not following file changes: ${errorMessage(err)}` } });
    }
  };

  return {
    follow,
    async saving(work) {
      pendingSaves++;
      try {
        return await work();
      } finally {
        pendingSaves--;
      }
    },
    async start() {
      follow(get().agentId);
      if (!ticker) {
        ticker = setInterval(() => get().tick(), deps.tickMs ?? 1000);
        ticker.unref?.();
      }
      await reload();
    },
    stop() {
      unwatch?.();
      unwatch = undefined;
      if (ticker) clearInterval(ticker);
      ticker = undefined;
    },
    reload,
    tick() {
      const now = deps.now();
      set({ now });
      if (changesFrom) {
        nextChange = nextReportChange(changesFrom.agent, changesFrom.now);
        changesFrom = undefined;
      }
      if (nextChange !== undefined && now >= nextChange && now - lastTimedReload >= TIMED_RELOAD_GAP_MS) {
        nextChange = undefined;
        lastTimedReload = now;
        void reload();
      }
    },
  };
}
