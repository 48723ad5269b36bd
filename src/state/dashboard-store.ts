// State of the live `models status` dashboard: a zustand vanilla store built from injected
// dependencies (report loader, store mutations, clock, file watcher), so tests build it with fakes
// in one line and no component reads a file, a clock or the network itself.
//
// Data flow: the status report is rebuilt only when a watched file changes (or after our own
// edits); once a second only `now` changes, and the countdown leaves re-derive their text from
// expiresAt / unusable.until and `now`. The row view-model here is pure and shared with tests.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AgentReport, HealthStatus, ProfileReport, StateCount, StatusReport } from '../auth/report-types.js';
import { formatDuration } from '../util/duration.js';
import { errorMessage } from '../util/redact.js';

// ---------------------------------------------------------------------------------------------
// Dependencies

export interface DashboardMutations {
  /**
   * Save the provider's order (ids as shown, first tried first) under the lock; ids that are not
   * stored profiles of the provider (env credentials) are left out by the mutation.
   */
  saveOrder(agentId: string, provider: string, ids: string[]): Promise<void>;
  /** Remove the provider's stored order (round-robin). False when there was none. */
  clearOrder(agentId: string, provider: string): Promise<boolean>;
  /** False when the profile was already gone. */
  removeProfile(agentId: string, profileId: string): Promise<boolean>;
  /** False when the profile had no cooldown/disable to clear. */
  clearCooldown(agentId: string, profileId: string): Promise<boolean>;
  /**
   * Refresh an OAuth profile now (single flight, under the store lock the gateway also takes);
   * resolves with the new access token's expiry when known.
   */
  refreshProfile(agentId: string, profileId: string): Promise<number | undefined>;
}

export interface DashboardDeps {
  loadReport(agentId: string): Promise<StatusReport>;
  listAgents(): Promise<string[]>;
  mutations: DashboardMutations;
  /** Epoch ms. */
  now(): number;
  /** Call onChange when any file behind the agent's report changes; returns the unsubscribe. */
  watch(agentId: string, onChange: () => void): () => void;
  /** Tick period of the countdowns (default 1000 ms). */
  tickMs?: number;
}

// ---------------------------------------------------------------------------------------------
// Row view-model (pure)

export interface DashboardRow {
  key: string;
  provider: string;
  profileId: string;
  /** 1-based place in the order a request tries profiles now; 0 when it skips this one (shown as `-`). */
  position: number;
  type: string;
  source: ProfileReport['source'];
  masked: string;
  label: string;
  email?: string;
  /** The report's status at generatedAt. */
  reportStatus: HealthStatus;
  expiresAt?: number;
  canRefresh: boolean;
  needsReauth: boolean;
  unusable?: { kind: 'cooldown' | 'disabled'; reason?: string; until: number };
  lastUsed?: number;
  skipReason?: string;
  /** The command that fixes its problem, when it has one. */
  fix?: string;
  editable: boolean;
}

export interface ProviderSection {
  provider: string;
  inUse: boolean;
  orderSource: 'store' | 'config' | 'round-robin';
  /** In use and nothing usable: requests for it fail. */
  noUsable: boolean;
  /** The command that adds a credential, when noUsable. */
  fix?: string;
  /** How requests authenticate (e.g. an env var when no profile is stored). */
  effective?: string;
  rows: DashboardRow[];
}

/** Profiles of each provider in the order they are tried (the report's order, then the rest). */
export function buildSections(
  agent: AgentReport,
  opts: { filter?: string; orderOverride?: Record<string, string[]> } = {},
): ProviderSection[] {
  const needle = (opts.filter ?? '').trim().toLowerCase();
  const sections: ProviderSection[] = [];
  for (const p of agent.providers) {
    const byId = new Map(p.profiles.map((x) => [x.profileId, x]));
    const ids: string[] = [];
    const seen = new Set<string>();
    const push = (id: string) => {
      if (!seen.has(id) && byId.has(id)) {
        seen.add(id);
        ids.push(id);
      }
    };
    for (const id of opts.orderOverride?.[p.provider] ?? []) push(id);
    for (const id of p.order) push(id);
    for (const x of p.profiles) push(x.profileId);
    // Positions count the profiles a request would try now, in the order shown (a profile being
    // moved renumbers as it goes); the others (expired, no secret, in cooldown) have none.
    const rows: DashboardRow[] = [];
    let n = 0;
    for (const id of ids) {
      const x = byId.get(id)!;
      rows.push(toRow(x, x.orderPosition !== null ? ++n : 0));
    }
    const shown = needle ? rows.filter((r) => rowMatches(r, needle)) : rows;
    if (shown.length || !needle) {
      const section: ProviderSection = {
        provider: p.provider,
        inUse: p.inUse,
        orderSource: p.orderSource,
        noUsable: p.inUse && p.effective.kind === 'missing',
        rows: shown,
      };
      if (p.effective.kind === 'env' && p.effective.detail) section.effective = p.effective.detail;
      if (section.noUsable && p.fix) section.fix = p.fix;
      sections.push(section);
    }
  }
  return sections;
}

function toRow(x: ProfileReport, position: number): DashboardRow {
  const row: DashboardRow = {
    key: x.profileId,
    provider: x.provider,
    profileId: x.profileId,
    position,
    type: x.type,
    source: x.source,
    masked: x.masked,
    label: x.label,
    reportStatus: x.status,
    canRefresh: x.canRefresh,
    needsReauth: x.needsReauth,
    editable: x.source === 'store',
  };
  if (x.email) row.email = x.email;
  if (x.expiresAt !== undefined) row.expiresAt = x.expiresAt;
  if (x.unusable) row.unusable = { kind: x.unusable.kind, until: x.unusable.until, ...(x.unusable.reason ? { reason: x.unusable.reason } : {}) };
  if (x.lastUsed !== undefined) row.lastUsed = x.lastUsed;
  if (x.skipReason) row.skipReason = x.skipReason;
  if (x.fix) row.fix = x.fix;
  return row;
}

/** One line about a row for the message line: who, why it is skipped, and the fix. */
export function missingDetail(section: ProviderSection): string {
  return `${section.provider}: no usable credential · fix: ${section.fix}`;
}

export function rowDetail(r: DashboardRow): string {
  const parts = [r.profileId];
  if (r.email) parts.push(r.email);
  if (r.source !== 'store') parts.push(`from ${r.source} (read-only here)`);
  if (r.skipReason) parts.push(`skipped: ${r.skipReason}`);
  if (r.fix) parts.push(`fix: ${r.fix}`);
  return parts.join(' · ');
}

function rowMatches(r: DashboardRow, needle: string): boolean {
  return [r.profileId, r.provider, r.type, r.source, r.reportStatus, r.email ?? '', r.unusable?.kind ?? '']
    .some((f) => f.toLowerCase().includes(needle));
}

/**
 * A row's state at `now`: the report's status re-derived from expiresAt (ok -> expiring -> expired
 * as time passes, with the same thresholds as the report), missing/static kept as reported.
 */
export function liveStatus(row: Pick<DashboardRow, 'reportStatus' | 'expiresAt'>, now: number, warnAfterMs: number): HealthStatus {
  const s = row.reportStatus;
  if (row.expiresAt === undefined || s === 'missing' || s === 'static') return s;
  const remaining = row.expiresAt - now;
  // An OAuth record with only a refresh token is expired whatever its stale expiry says.
  if (s === 'expired' && remaining > 0) return 'expired';
  return remaining <= 0 ? 'expired' : remaining <= warnAfterMs ? 'expiring' : 'ok';
}

/** The cooldown/disable still in force at `now`, if any. */
export function liveUnusable(row: Pick<DashboardRow, 'unusable'>, now: number): DashboardRow['unusable'] | undefined {
  return row.unusable && row.unusable.until > now ? row.unusable : undefined;
}

/** `in 2h 05m` / `5m 10s ago` / '' (no expiry). */
export function countdownText(row: Pick<DashboardRow, 'expiresAt'>, now: number): string {
  if (row.expiresAt === undefined) return '';
  const rem = row.expiresAt - now;
  return rem > 0 ? `in ${formatDuration(rem)}` : `${formatDuration(-rem)} ago`;
}

/** `cooldown 4m 59s` / `disabled 2h 00m` / ''. */
export function unusableText(row: Pick<DashboardRow, 'unusable'>, now: number): string {
  const u = liveUnusable(row, now);
  return u ? `${u.kind} ${formatDuration(u.until - now)}` : '';
}

/** `3m ago`, `just now`, '' (never used). Coarse on purpose: it changes at most once a minute. */
export function lastUsedText(lastUsed: number | undefined, now: number): string {
  if (lastUsed === undefined) return '';
  const ago = Math.max(0, now - lastUsed);
  if (ago < 60_000) return 'just now';
  const m = Math.floor(ago / 60_000);
  if (m < 60) return `${m}m ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ago`;
  return `${Math.floor(h / 24)}d ago`;
}

/** Counts by state at `now` (cooldown/disabled counted on their own, as in the report). */
export function liveCounts(sections: ProviderSection[], now: number, warnAfterMs: number): Record<StateCount, number> {
  const counts: Record<StateCount, number> = { ok: 0, expiring: 0, expired: 0, missing: 0, static: 0, cooldown: 0, disabled: 0 };
  for (const s of sections) {
    for (const r of s.rows) {
      counts[liveStatus(r, now, warnAfterMs)]++;
      const u = liveUnusable(r, now);
      if (u) counts[u.kind]++;
    }
  }
  return counts;
}

export function countsText(counts: Record<StateCount, number>): string {
  const order: StateCount[] = ['ok', 'expiring', 'expired', 'missing', 'static', 'cooldown', 'disabled'];
  const parts = order.filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${k}`);
  return parts.length ? parts.join(' · ') : 'no profiles';
}

export type DashboardLine = { kind: 'provider'; section: ProviderSection } | { kind: 'row'; row: DashboardRow; section: ProviderSection };

/** The table as lines: a title line per provider, then its rows. */
export function flattenSections(sections: ProviderSection[]): DashboardLine[] {
  const lines: DashboardLine[] = [];
  for (const s of sections) {
    lines.push({ kind: 'provider', section: s });
    for (const row of s.rows) lines.push({ kind: 'row', row, section: s });
  }
  return lines;
}

/** Keep the cursor line inside a window of `height` lines; moves the window as little as possible. */
export function scrollWindow(prevTop: number, cursorLine: number, height: number, total: number): number {
  const h = Math.max(1, height);
  let top = Math.min(Math.max(0, prevTop), Math.max(0, total - h));
  if (cursorLine < top) top = cursorLine;
  else if (cursorLine >= top + h) top = cursorLine - h + 1;
  // Show the provider title above the first row of a table when it fits.
  if (cursorLine === top && top > 0 && cursorLine - 1 >= 0 && h > 2) top = Math.max(0, top - 1);
  return Math.max(0, Math.min(top, Math.max(0, total - h)));
}

// ---------------------------------------------------------------------------------------------
// Store

export type DashboardMode = 'list' | 'filter' | 'help' | 'confirm-remove' | 'agents';

export interface Picked {
  provider: string;
  profileId: string;
  /** The provider's ids as shown when it was picked up (Esc restores this). */
  original: string[];
  /** The provider's ids as shown now. */
  ids: string[];
}

export interface DashboardState {
  agentId: string;
  report: StatusReport | null;
  agent: AgentReport | null;
  loading: boolean;
  loadError: string | null;
  now: number;
  warnAfterMs: number;
  /** Selected profile (by id). */
  cursor: string | null;
  picked: Picked | null;
  /** Orders shown before the report caught up with a save. */
  orderOverride: Record<string, string[]>;
  mode: DashboardMode;
  filter: string;
  confirmId: string | null;
  agents: string[];
  agentCursor: number;
  message: { kind: 'info' | 'error'; text: string } | null;
  busy: boolean;
  quitRequested: boolean;
  /** Bumped on every report load: memoised sections key off it. */
  version: number;
}

export interface DashboardActions {
  start(): Promise<void>;
  stop(): void;
  reload(): Promise<void>;
  tick(): void;
  sections(): ProviderSection[];
  /** Every row of the agent, unfiltered (for the header counts). */
  allSections(): ProviderSection[];
  selectedRow(): DashboardRow | undefined;
  moveCursor(delta: number): void;
  pick(): void;
  movePicked(delta: number): void;
  drop(): Promise<void>;
  cancelPick(): void;
  resetOrder(): Promise<void>;
  clearCooldown(): Promise<void>;
  refreshSelected(): Promise<void>;
  requestRemove(): void;
  confirmRemove(): Promise<void>;
  cancelRemove(): void;
  openFilter(): void;
  setFilter(text: string): void;
  closeFilter(keep: boolean): void;
  toggleHelp(): void;
  openAgents(): Promise<void>;
  moveAgentCursor(delta: number): void;
  chooseAgent(agentId?: string): Promise<void>;
  closeAgents(): void;
  quit(): void;
  setMessage(kind: 'info' | 'error', text: string): void;
}

const NO_SECTIONS: ProviderSection[] = [];

export type DashboardStore = StoreApi<DashboardState & DashboardActions>;

const SOURCE_WHY: Record<string, string> = {
  'claude-cli': 'it comes from Claude Code (~/.claude/.credentials.json)',
  'codex-cli': 'it comes from the Codex CLI ($CODEX_HOME/auth.json)',
  env: 'it comes from an environment variable',
  '.env': 'it comes from ~/.clawdbot/.env',
  'shell env': 'it comes from your login shell environment',
};

const TIMED_RELOAD_GAP_MS = 5_000;

/** The next moment a profile's place in the order can change by itself: an expiry, a cooldown's end. */
export function nextReportChange(agent: AgentReport, now: number): number | undefined {
  let next: number | undefined;
  const consider = (t: number | undefined) => {
    if (t !== undefined && t > now && (next === undefined || t < next)) next = t;
  };
  for (const p of agent.providers) {
    for (const x of p.profiles) {
      consider(x.expiresAt);
      consider(x.unusable?.until);
    }
  }
  return next;
}

export function createDashboardStore(deps: DashboardDeps, init: { agentId: string; warnAfterMs?: number }): DashboardStore {
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
  let lastTimedReload = -Infinity;
  let selMemo: { sections: ProviderSection[]; id: string | null; row: DashboardRow | undefined } | null = null;
  let allMemo: { version: number; value: ProviderSection[] } | null = null;
  let memo: { version: number; filter: string; override: Record<string, string[]>; picked: Picked | null; value: ProviderSection[] } | null = null;

  const store = createStore<DashboardState & DashboardActions>()((set, get) => {
    const msg = (kind: 'info' | 'error', text: string) => set({ message: { kind, text } });

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
        const all = agent ? agent.providers.flatMap((p) => p.profiles.map((x) => x.profileId)) : [];
        if (cursor === null || !all.includes(cursor)) cursor = null;
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
        if (cursor === null) {
          const first = get().sections().flatMap((x) => x.rows)[0];
          cursor = first ? first.profileId : null;
        }
        set({ cursor });
        nextChange = agent ? nextReportChange(agent, deps.now()) : undefined;
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

    const watchAgent = (agentId: string) => {
      unwatch?.();
      unwatch = undefined;
      try {
        unwatch = deps.watch(agentId, () => void reload());
      } catch (err) {
        // Without a watcher the table still works; it just does not follow other processes.
        msg('error', `Not following file changes: ${errorMessage(err)}`);
      }
    };

    const visibleRows = () => get().sections().flatMap((s) => s.rows);

    const editGuard = (row: DashboardRow, verb: string): boolean => {
      if (row.editable) return true;
      msg('error', `${row.profileId} cannot be ${verb} here: ${SOURCE_WHY[row.source] ?? `its source is ${row.source}`}.`);
      return false;
    };

    const mutate = async (work: () => Promise<string | null>) => {
      set({ busy: true });
      try {
        const text = await work();
        if (text) msg('info', text);
      } catch (err) {
        msg('error', errorMessage(err));
      } finally {
        set({ busy: false });
      }
      await reload();
    };

    return {
      agentId: init.agentId,
      report: null,
      agent: null,
      loading: true,
      loadError: null,
      now: deps.now(),
      warnAfterMs: init.warnAfterMs ?? 24 * 3_600_000,
      cursor: null,
      picked: null,
      orderOverride: {},
      mode: 'list',
      filter: '',
      confirmId: null,
      agents: [],
      agentCursor: 0,
      message: null,
      busy: false,
      quitRequested: false,
      version: 0,

      async start() {
        watchAgent(get().agentId);
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
        if (nextChange !== undefined && now >= nextChange && now - lastTimedReload >= TIMED_RELOAD_GAP_MS) {
          nextChange = undefined;
          lastTimedReload = now;
          void reload();
        }
      },

      sections() {
        const s = get();
        if (!s.agent) return NO_SECTIONS;
        if (memo && memo.version === s.version && memo.filter === s.filter && memo.override === s.orderOverride && memo.picked === s.picked) {
          return memo.value;
        }
        const override = s.picked ? { ...s.orderOverride, [s.picked.provider]: s.picked.ids } : s.orderOverride;
        const value = buildSections(s.agent, { filter: s.filter, orderOverride: override });
        memo = { version: s.version, filter: s.filter, override: s.orderOverride, picked: s.picked, value };
        return value;
      },
      allSections() {
        const s = get();
        if (!s.agent) return NO_SECTIONS;
        if (allMemo && allMemo.version === s.version) return allMemo.value;
        allMemo = { version: s.version, value: buildSections(s.agent) };
        return allMemo.value;
      },
      selectedRow() {
        // Selectors run on every store change (each tick too): answer from a memo.
        const id = get().cursor;
        const secs = get().sections();
        if (selMemo && selMemo.sections === secs && selMemo.id === id) return selMemo.row;
        let row: DashboardRow | undefined;
        for (const sec of secs) {
          row = sec.rows.find((r) => r.profileId === id);
          if (row) break;
        }
        selMemo = { sections: secs, id, row };
        return row;
      },

      moveCursor(delta) {
        const s = get();
        if (s.picked) return get().movePicked(delta);
        const rows = visibleRows();
        if (!rows.length) return;
        const i = Math.max(0, rows.findIndex((r) => r.profileId === s.cursor));
        const next = Math.max(0, Math.min(rows.length - 1, i + delta));
        set({ cursor: rows[next]!.profileId, message: null });
      },

      pick() {
        const row = get().selectedRow();
        if (!row || get().busy) return;
        if (!editGuard(row, 'moved')) return;
        if (get().filter) {
          msg('error', 'Clear the filter (/ then Esc) before reordering: the whole order must be visible.');
          return;
        }
        const section = get().sections().find((x) => x.provider === row.provider)!;
        const ids = section.rows.map((r) => r.profileId);
        set({ picked: { provider: row.provider, profileId: row.profileId, original: ids, ids }, message: { kind: 'info', text: `Moving ${row.profileId}: ↑/↓ to move, Enter/space to save, Esc to put it back.` } });
      },

      movePicked(delta) {
        const p = get().picked;
        if (!p) return;
        const i = p.ids.indexOf(p.profileId);
        const j = Math.max(0, Math.min(p.ids.length - 1, i + delta));
        if (i === j) return;
        const ids = [...p.ids];
        ids.splice(i, 1);
        ids.splice(j, 0, p.profileId);
        set({ picked: { ...p, ids } });
      },

      async drop() {
        const p = get().picked;
        if (!p) return;
        const s = get();
        // Every id as shown, not only the movable ones: a stored order leaves out profiles it does
        // not list (they are never tried), so a mirrored profile such as anthropic:claude-cli
        // must stay in it. The mutation keeps the ids that are stored profiles of the provider.
        const storeIds = [...p.ids];
        set({ picked: null, orderOverride: { ...s.orderOverride, [p.provider]: p.ids } });
        if (sameList(p.ids, p.original)) {
          msg('info', `Order of ${p.provider} unchanged.`);
          return;
        }
        const agentId = s.agentId;
        await mutate(async () => {
          pendingSaves++;
          try {
            await deps.mutations.saveOrder(agentId, p.provider, storeIds);
          } catch (err) {
            const o = { ...get().orderOverride };
            delete o[p.provider];
            set({ orderOverride: o });
            throw err;
          } finally {
            pendingSaves--;
          }
          return `Saved the order of ${p.provider}: ${storeIds.join(', ')}`;
        });
      },

      cancelPick() {
        const p = get().picked;
        if (!p) return;
        set({ picked: null, message: { kind: 'info', text: `Put ${p.profileId} back; nothing saved.` } });
      },

      async resetOrder() {
        const row = get().selectedRow();
        if (!row || get().busy) return;
        const agentId = get().agentId;
        const o = { ...get().orderOverride };
        delete o[row.provider];
        set({ orderOverride: o });
        await mutate(async () =>
          (await deps.mutations.clearOrder(agentId, row.provider))
            ? `Cleared the stored order of ${row.provider}; profiles are tried round-robin.`
            : `${row.provider} has no stored order to reset.`,
        );
      },

      async clearCooldown() {
        const row = get().selectedRow();
        if (!row || get().busy) return;
        if (!liveUnusable(row, deps.now())) {
          msg('info', `${row.profileId} has no cooldown to clear.`);
          return;
        }
        const agentId = get().agentId;
        await mutate(async () =>
          (await deps.mutations.clearCooldown(agentId, row.profileId))
            ? `Cleared the ${row.unusable?.kind ?? 'cooldown'} of ${row.profileId}.`
            : `${row.profileId} has no cooldown to clear.`,
        );
      },

      async refreshSelected() {
        const row = get().selectedRow();
        if (!row || get().busy) return;
        if (row.type !== 'oauth' || !row.canRefresh) {
          msg('info', `${row.profileId} is not an OAuth profile with a refresh token; nothing to refresh.`);
          return;
        }
        const agentId = get().agentId;
        msg('info', `Refreshing ${row.profileId}…`);
        await mutate(async () => {
          const expiresAt = await deps.mutations.refreshProfile(agentId, row.profileId);
          const left = expiresAt !== undefined ? `; expires in ${formatDuration(expiresAt - deps.now())}` : '';
          return `Refreshed ${row.profileId}${left}.`;
        });
      },

      requestRemove() {
        const row = get().selectedRow();
        if (!row || get().busy) return;
        if (!editGuard(row, 'removed')) return;
        set({ mode: 'confirm-remove', confirmId: row.profileId, message: null });
      },
      async confirmRemove() {
        const id = get().confirmId;
        if (!id) return;
        const agentId = get().agentId;
        const rows = visibleRows();
        const i = rows.findIndex((r) => r.profileId === id);
        const neighbour = rows[i + 1] ?? rows[i - 1];
        set({ mode: 'list', confirmId: null, cursor: neighbour ? neighbour.profileId : null });
        await mutate(async () =>
          (await deps.mutations.removeProfile(agentId, id)) ? `Removed ${id}.` : `${id} was already gone.`,
        );
      },
      cancelRemove() {
        set({ mode: 'list', confirmId: null, message: { kind: 'info', text: 'Nothing removed.' } });
      },

      openFilter() {
        set({ mode: 'filter', message: null });
      },
      setFilter(text) {
        set({ filter: text.replace(/[\r\n\t]/g, '') });
        const rows = visibleRows();
        if (rows.length && !rows.some((r) => r.profileId === get().cursor)) set({ cursor: rows[0]!.profileId });
      },
      closeFilter(keep) {
        if (!keep) get().setFilter('');
        set({ mode: 'list' });
      },
      toggleHelp() {
        set({ mode: get().mode === 'help' ? 'list' : 'help' });
      },

      async openAgents() {
        let agents: string[];
        try {
          agents = await deps.listAgents();
        } catch (err) {
          msg('error', errorMessage(err));
          return;
        }
        if (!agents.includes(get().agentId)) agents = [get().agentId, ...agents];
        set({ mode: 'agents', agents, agentCursor: Math.max(0, agents.indexOf(get().agentId)), message: null });
      },
      moveAgentCursor(delta) {
        const s = get();
        set({ agentCursor: Math.max(0, Math.min(s.agents.length - 1, s.agentCursor + delta)) });
      },
      async chooseAgent(agentId) {
        const s = get();
        const id = agentId ?? s.agents[s.agentCursor];
        set({ mode: 'list' });
        if (!id || id === s.agentId) return;
        set({ agentId: id, agent: null, report: null, cursor: null, picked: null, orderOverride: {}, filter: '', loading: true, message: null });
        watchAgent(id);
        await reload();
      },
      closeAgents() {
        set({ mode: 'list' });
      },
      quit() {
        get().stop();
        set({ quitRequested: true });
      },
      setMessage(kind, text) {
        msg(kind, text);
      },
    };
  });
  return store;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
