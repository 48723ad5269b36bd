import { useInput } from 'ink';
import { useWizardStore } from '../context.js';

/** While something is waited for (a sign-in starting, a device code, the live check): Esc goes back and stops it. */
export function EscBack(): null {
  const store = useWizardStore();
  useInput((_input, key) => {
    if (key.escape) store.getState().back();
  });
  return null;
}
