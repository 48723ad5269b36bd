// The wizard store reaches components through context; components select primitives only.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { WizardState, WizardStore } from '../../src/state/wizard/index.js';

export const WizardContext = createContext<WizardStore | null>(null);

export function useWizardStore(): WizardStore {
  const s = useContext(WizardContext);
  if (!s) throw new Error('useWizard must be used inside <WizardContext.Provider>');
  return s;
}

export function useWizard<T>(selector: (s: WizardState) => T): T {
  return useStore(useWizardStore(), selector);
}
