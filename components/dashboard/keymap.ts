// The dashboard's keys as data: one table says, for each screen, which keys do what, the line the
// help panel shows for them and the hints the footer shows. The key handler (use-dashboard-keys.ts),
// the help panel and the footer (hints.ts) are all built from it, so none of them can name a key
// the others do not know.
import type { Key } from 'ink';
import type { DashboardActions, DashboardState, DashboardStore } from '../../src/state/dashboard/index.js';
import type { UsageStore } from '../../src/state/usage-store.js';
import { applyTyped } from '../common/keys.js';
import { askUsageNow } from './usage.js';

type State = DashboardState & DashboardActions;

/** Where a key is read: the store's mode, with the table split by whether a profile is picked up. */
export type KeyMode = 'list' | 'picking' | 'filter' | 'agents' | 'confirm-remove' | 'help';

/**
 * A key as the keymap names it: a named key, `ctrl-<letter>`, `meta-<letter>`, or a printable character. Two
 * catch-alls come last in a lookup: `text` (typed text, a filter) and `any` (every other key).
 */
export type KeyName = 'up' | 'down' | 'pageup' | 'pagedown' | 'enter' | 'space' | 'escape' | 'backspace' | 'tab' | 'text' | 'any' | (string & {});

/** The table has rows on screen, has none (empty agent), or has none because of the filter. */
export type ListCase = 'rows' | 'empty' | 'no-match';

export interface FooterHint {
  /** Dropped lowest first, only when even two lines of short labels do not fit. */
  priority: number;
  text: string;
  /** The label when the full ones do not fit on one line (default: text). */
  short?: string;
  /** In the table: the cases the hint shows in (default: rows). */
  when?: readonly ListCase[];
}

export interface KeyContext {
  store: DashboardStore;
  usage: UsageStore;
  /** Rows a PgUp/PgDn moves: the table's height less one. */
  pageRows: number;
}

export interface KeyBinding {
  id: string;
  mode: KeyMode | 'every';
  keys: readonly KeyName[];
  run(s: State, key: KeyName, input: string, c: KeyContext): void;
  /** Its line in the help panel (the table's keys: the panel is opened from the table). */
  help?: { keys: string; text: string };
  /** Its hints in the footer while its mode is on screen. */
  hints?: readonly FooterHint[];
  /** Why it is in neither (a key every terminal program honours, or text the footer echoes). */
  unlisted?: string;
}

const UP = new Set<KeyName>(['up', 'k']);
const step = (key: KeyName): 1 | -1 => (UP.has(key) ? -1 : 1);
const ALL: readonly ListCase[] = ['rows', 'empty', 'no-match'];

/** Every key of the dashboard. Within a mode, the order is the footer's and the help panel's. */
export const KEYMAP: readonly KeyBinding[] = [
  { id: 'interrupt', mode: 'every', keys: ['ctrl-c'], run: (s) => s.quit(), unlisted: 'Ctrl-C leaves like q, as in every terminal program' },

  // The table
  {
    id: 'move',
    mode: 'list',
    keys: ['up', 'down', 'k', 'j', 'pageup', 'pagedown'],
    run: (s, key, _i, c) => s.moveCursor(key === 'pageup' ? -Math.max(1, c.pageRows) : key === 'pagedown' ? Math.max(1, c.pageRows) : step(key)),
    help: { keys: '↑/↓  j/k', text: 'move the selection (PgUp/PgDn: a page)' },
    hints: [{ priority: 5, text: '↑/↓ move' }],
  },
  {
    id: 'pick',
    mode: 'list',
    keys: ['enter', 'space'],
    run: (s) => s.pick(),
    help: { keys: 'Enter/space', text: 'pick up a profile; ↑/↓ move it; Enter/space saves the order; Esc puts it back' },
    hints: [{ priority: 4, text: 'Enter pick up', short: 'Enter pick' }],
  },
  {
    id: 'reset-order',
    mode: 'list',
    keys: ['r'],
    run: (s) => void s.resetOrder(),
    help: { keys: 'r', text: "reset the provider's order (clear it: round-robin)" },
    hints: [{ priority: 2, text: 'r reset order', short: 'r reset' }],
  },
  {
    id: 'clear-cooldown',
    mode: 'list',
    keys: ['c'],
    run: (s) => void s.clearCooldown(),
    help: { keys: 'c', text: 'clear the cooldown / disable of the selected profile' },
    hints: [{ priority: 1, text: 'c clear cooldown', short: 'c clear' }],
  },
  {
    id: 'refresh',
    mode: 'list',
    keys: ['f'],
    run: (s) => void s.refreshSelected(),
    help: { keys: 'f', text: 'refresh the selected OAuth profile now' },
    hints: [{ priority: 1, text: 'f refresh' }],
  },
  {
    id: 'remove',
    mode: 'list',
    keys: ['x'],
    run: (s) => s.requestRemove(),
    help: { keys: 'x', text: 'remove the selected profile (asks first)' },
    hints: [{ priority: 2, text: 'x remove' }],
  },
  {
    id: 'agents',
    mode: 'list',
    keys: ['a'],
    run: (s) => void s.openAgents(),
    help: { keys: 'a', text: 'switch agent' },
    // With no row on screen it is one of the few keys that do something: it ranks higher.
    hints: [
      { priority: 0, text: 'a agent' },
      { priority: 3, text: 'a agent', when: ['empty'] },
    ],
  },
  {
    id: 'usage',
    mode: 'list',
    keys: ['u'],
    run: (_s, _k, _i, c) => askUsageNow(c.store, c.usage),
    help: { keys: 'u', text: 'ask the usage endpoints again for the profiles on screen (each at most once a minute)' },
    hints: [{ priority: 0, text: 'u usage' }],
  },
  {
    id: 'filter',
    mode: 'list',
    keys: ['/'],
    run: (s) => s.openFilter(),
    help: { keys: '/', text: 'filter by id, provider, type, source or state (Esc clears)' },
    hints: [
      { priority: 3, text: '/ filter' },
      { priority: 5, text: '/ change filter', short: '/ filter', when: ['no-match'] },
    ],
  },
  {
    id: 'clear-filter',
    mode: 'list',
    keys: ['escape'],
    run: (s) => {
      if (s.filter) s.closeFilter(false);
    },
    hints: [{ priority: 5, text: 'Esc clear filter', short: 'Esc clear', when: ['no-match'] }],
  },
  {
    id: 'help',
    mode: 'list',
    keys: ['?'],
    run: (s) => s.toggleHelp(),
    help: { keys: '?', text: 'this help (any key closes it)' },
    hints: [{ priority: 9, text: '? help', when: ALL }],
  },
  {
    id: 'quit',
    mode: 'list',
    keys: ['q'],
    run: (s) => s.quit(),
    help: { keys: 'q', text: 'quit' },
    hints: [{ priority: 9, text: 'q quit', when: ALL }],
  },

  // A profile picked up (Enter on the table)
  { id: 'move-picked', mode: 'picking', keys: ['up', 'down', 'k', 'j'], run: (s, key) => s.movePicked(step(key)), hints: [{ priority: 5, text: '↑/↓ move' }] },
  { id: 'drop', mode: 'picking', keys: ['enter', 'space'], run: (s) => void s.drop(), hints: [{ priority: 5, text: 'Enter/space save order', short: 'Enter save' }] },
  { id: 'put-back', mode: 'picking', keys: ['escape'], run: (s) => s.cancelPick(), hints: [{ priority: 5, text: 'Esc put back' }] },
  { id: 'quit-picking', mode: 'picking', keys: ['q'], run: (s) => s.quit(), hints: [{ priority: 1, text: 'q quit' }] },

  // The filter line (/)
  { id: 'keep-filter', mode: 'filter', keys: ['enter'], run: (s) => s.closeFilter(true), hints: [{ priority: 0, text: 'Enter keep' }] },
  { id: 'drop-filter', mode: 'filter', keys: ['escape'], run: (s) => s.closeFilter(false), hints: [{ priority: 0, text: 'Esc clear' }] },
  { id: 'move-filtered', mode: 'filter', keys: ['up', 'down'], run: (s, key) => s.moveCursor(step(key)), hints: [{ priority: 0, text: '↑/↓ move' }] },
  {
    id: 'edit-filter',
    mode: 'filter',
    keys: ['backspace', 'text'],
    run: (s, key, input) => s.setFilter(key === 'backspace' ? s.filter.slice(0, -1) : applyTyped(s.filter, input)),
    unlisted: 'the footer shows the filter being typed, with a cursor',
  },

  // The agent switcher (a)
  { id: 'move-agent', mode: 'agents', keys: ['up', 'down', 'k', 'j'], run: (s, key) => s.moveAgentCursor(step(key)), hints: [{ priority: 0, text: '↑/↓ choose' }] },
  { id: 'choose-agent', mode: 'agents', keys: ['enter', 'space'], run: (s) => void s.chooseAgent(), hints: [{ priority: 0, text: 'Enter switch' }] },
  { id: 'close-agents', mode: 'agents', keys: ['escape', 'a', 'q'], run: (s) => s.closeAgents(), hints: [{ priority: 0, text: 'Esc back' }] },

  // Remove? (x)
  { id: 'confirm-remove', mode: 'confirm-remove', keys: ['y', 'Y'], run: (s) => void s.confirmRemove(), hints: [{ priority: 0, text: 'y remove' }] },
  { id: 'keep-profile', mode: 'confirm-remove', keys: ['any'], run: (s) => s.cancelRemove(), hints: [{ priority: 0, text: 'n/Esc keep' }] },

  // The help panel (?)
  { id: 'close-help', mode: 'help', keys: ['any'], run: (s) => s.toggleHelp(), hints: [{ priority: 0, text: 'any key: back to the table' }] },
];

/** The mode whose keys apply now. */
export function keyMode(s: Pick<DashboardState, 'mode' | 'picked'>): KeyMode {
  return s.mode === 'list' && s.picked ? 'picking' : s.mode;
}

/** The keymap's name for one of Ink's key events. */
export function keyName(input: string, key: Key): KeyName {
  // A letter with Ctrl or Alt is not that letter: Ctrl-R must not reset an order.
  if (key.ctrl && input.length === 1) return `ctrl-${input}`;
  if (key.meta && !key.escape && input.length === 1) return `meta-${input}`;
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.backspace || key.delete) return 'backspace';
  if (key.tab) return 'tab';
  if (input === ' ') return 'space';
  return input;
}

/** Typed text a `text` binding takes: printable input, not a key with a modifier. */
function isText(input: string, key: Key): boolean {
  return input !== '' && !key.ctrl && !key.meta && !key.tab && !key.upArrow && !key.downArrow && !key.return && !key.escape && !key.backspace && !key.delete;
}

/** The binding a key has in a mode (a catch-all when nothing names the key), or none. */
export function bindingFor(mode: KeyMode, name: KeyName, text = false): KeyBinding | undefined {
  const here = (b: KeyBinding) => b.mode === mode || b.mode === 'every';
  return (
    KEYMAP.find((b) => here(b) && b.keys.includes(name)) ??
    (text ? KEYMAP.find((b) => here(b) && b.keys.includes('text')) : undefined) ??
    KEYMAP.find((b) => here(b) && b.keys.includes('any'))
  );
}

/**
 * Act on one of Ink's key events. "jjj" typed ahead over a slow link arrives as one chunk: where
 * j/k move, each letter is a move (other letters act, and a chunk of them may be a paste, so they
 * count only alone).
 */
export function dispatchKey(input: string, key: Key, c: KeyContext): void {
  const s = c.store.getState();
  const mode = keyMode(s);
  const name = keyName(input, key);
  if (name.length > 1 && /^[jk]+$/.test(name) && !key.meta && bindingFor(mode, 'j')?.keys.includes('j')) {
    for (const ch of name) bindingFor(mode, ch)!.run(s, ch, ch, c);
    return;
  }
  bindingFor(mode, name, isText(input, key))?.run(s, name, input, c);
}

/** The help panel's lines: the table's keys, then what the panel must say besides. */
export function helpLines(): Array<[keys: string, text: string]> {
  const lines: Array<[string, string]> = KEYMAP.filter((b) => b.mode === 'list' && b.help).map((b) => [b.help!.keys, b.help!.text]);
  lines.push(['', 'Only profiles stored in auth-profiles.json can be moved or removed.']);
  return lines;
}

/** The footer hints of a mode (in the table, of one of its cases), in the keymap's order. */
export function footerHints(mode: KeyMode, listCase: ListCase = 'rows'): Array<Required<Omit<FooterHint, 'when'>>> {
  return KEYMAP.filter((b) => b.mode === mode)
    .flatMap((b) => b.hints ?? [])
    .filter((h) => mode !== 'list' || (h.when ?? ['rows']).includes(listCase))
    .map((h) => ({ priority: h.priority, text: h.text, short: h.short ?? h.text }));
}
