// The dashboard's store and display settings, handed down through context so leaves can
// subscribe to just the slice they show.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { DashboardActions, DashboardState, DashboardStore } from '../../src/state/dashboard-store.js';
import { type UsageActions, type UsageState, type UsageStore, createUsageStore } from '../../src/state/usage-store.js';

export interface DashboardContextValue {
  store: DashboardStore;
  /** False under NO_COLOR: no foreground colours at all (inverse/bold still mark the selection). */
  color: boolean;
  /** Subscription usage (an inert store when the caller gives none). */
  usage: UsageStore;
}

/** For a dashboard rendered without usage (tests, bench): never asks anything. */
export const NO_USAGE: UsageStore = createUsageStore({ fetchUsage: async () => [], now: () => 0 });
NO_USAGE.getState().stop();

export const DashboardContext = createContext<DashboardContextValue | null>(null);

export function useDashboardContext(): DashboardContextValue {
  const ctx = useContext(DashboardContext);
  if (!ctx) throw new Error('Dashboard components must be rendered inside <DashboardContext.Provider>.');
  return ctx;
}

/** Subscribe to one slice; return primitives or stable references (zustand v5). */
export function useDash<T>(selector: (s: DashboardState & DashboardActions) => T): T {
  return useStore(useDashboardContext().store, selector);
}

/** Subscribe to one slice of the usage store. */
export function useUsage<T>(selector: (s: UsageState & UsageActions) => T): T {
  return useStore(useDashboardContext().usage, selector);
}

export const STATE_COLORS: Record<string, string> = {
  ok: 'green',
  expiring: 'yellow',
  expired: 'red',
  missing: 'red',
  disabled: 'red',
  cooldown: 'magenta',
};
