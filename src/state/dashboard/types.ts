// The dashboard store's shape: what it is built from (injected dependencies), what it holds, and
// what it can be asked to do. Nothing here runs.
import type { StoreApi } from 'zustand/vanilla';
import type { AgentReport, StatusReport } from '../../auth/report-types.js';
import type { DashboardRow, StateCounts } from './view-model.js';
import type { DashboardLine, TableView } from './table-view.js';

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
  /** Bumped on every report load: memoised views key off it. */
  version: number;
}

/** Derived views (selectors.ts): memoised, each costs what the screen shows, not the store. */
export interface DashboardSelectors {
  /** The table as shown now (filter, order being saved, profile being moved): ids and counts, no rows. */
  view(): TableView;
  /** At most `height` lines of the table from line `top`, rows built for those alone. */
  lines(top: number, height: number): DashboardLine[];
  selectedRow(): DashboardRow | undefined;
  /** Every profile of the agent by state at `now` (the header; the filter does not change it). */
  counts(): Readonly<StateCounts>;
}

export interface DashboardSession {
  start(): Promise<void>;
  stop(): void;
  reload(): Promise<void>;
  tick(): void;
}

export interface DashboardCommands {
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

export type DashboardActions = DashboardSession & DashboardSelectors & DashboardCommands;

export type DashboardStore = StoreApi<DashboardState & DashboardActions>;

export type Get = () => DashboardState & DashboardActions;
export type Set = (partial: Partial<DashboardState>) => void;
