// The dashboard's store and display settings, handed down through context so leaves can
// subscribe to just the slice they show.
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import type { DashboardActions, DashboardState, DashboardStore } from '../../src/state/dashboard/index.js';
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

/**
 * A primitive derived from both stores, re-rendering only when it changes. `get` runs on every
 * change of either store (each countdown tick too): keep it O(1) in the number of profiles.
 */
export function useDashAndUsage<T extends string | number>(get: (d: DashboardState & DashboardActions, u: UsageState & UsageActions) => T): T {
  const { store, usage } = useDashboardContext();
  const subscribe = useCallback(
    (onChange: () => void) => {
      const a = store.subscribe(onChange);
      const b = usage.subscribe(onChange);
      return () => {
        a();
        b();
      };
    },
    [store, usage],
  );
  return useSyncExternalStore(subscribe, () => get(store.getState(), usage.getState()));
}

export const STATE_COLORS: Record<string, string> = {
  ok: 'green',
  expiring: 'yellow',
  expired: 'red',
  missing: 'red',
  disabled: 'red',
  cooldown: 'magenta',
};
