// The dashboard's store and display settings, handed down through context so leaves can
// subscribe to just the slice they show.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { DashboardActions, DashboardState, DashboardStore } from '../../src/state/dashboard-store.js';

export interface DashboardContextValue {
  store: DashboardStore;
  /** False under NO_COLOR: no foreground colours at all (inverse/bold still mark the selection). */
  color: boolean;
}

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

export const STATE_COLORS: Record<string, string> = {
  ok: 'green',
  expiring: 'yellow',
  expired: 'red',
  missing: 'red',
  disabled: 'red',
  cooldown: 'magenta',
};
