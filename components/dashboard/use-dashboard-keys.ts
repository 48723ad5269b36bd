// The dashboard's key handler: every key is looked up in the keymap (keymap.ts) for the mode on
// screen; nothing here knows what a key does.
import { useInput } from 'ink';
import { useDashboardContext } from './context.js';
import { dispatchKey } from './keymap.js';

/** `pageRows`: how far PgUp/PgDn move (the table's height less one). */
export function useDashboardKeys(pageRows: number): void {
  const { store, usage } = useDashboardContext();
  useInput((input, key) => dispatchKey(input, key, { store, usage, pageRows }));
}
