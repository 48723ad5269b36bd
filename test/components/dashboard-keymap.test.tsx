// The keymap (components/dashboard/keymap.ts) is the one table of the dashboard's keys: every
// entry shows on screen (its help line, its footer hints), every key a help line or a hint names
// is handled by the entry that names it, and no key means two things on one screen.
import { type InkUi, renderInk } from '../helpers/ink-ui.js'; // first: CI must be gone before Ink loads
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Dashboard } from '../../components/dashboard/Dashboard.js';
import { KEYMAP, type KeyBinding, type KeyMode, type KeyName, bindingFor } from '../../components/dashboard/keymap.js';
import { createDashboardStore, type DashboardStore } from '../../src/state/dashboard/index.js';
import { DAY, agentReport, fakeDeps, profile, statusReport } from '../helpers/dashboard-fixtures.js';

const MODES: KeyMode[] = ['list', 'picking', 'filter', 'agents', 'confirm-remove', 'help'];
const now = Date.now();
const PROFILES = [
  profile({ profileId: 'anthropic:work', status: 'ok', expiresAt: now + 3 * DAY }),
  profile({ profileId: 'anthropic:home', status: 'ok', expiresAt: now + 4 * DAY }),
  profile({ profileId: 'openai:personal', type: 'api_key', status: 'static' }),
];

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function mount(profiles = PROFILES, size = { cols: 220, rows: 40 }): Promise<{ ui: InkUi; store: DashboardStore; deps: ReturnType<typeof fakeDeps> }> {
  const deps = fakeDeps(statusReport([agentReport(profiles)], now), ['main', 'ops']);
  const store = createDashboardStore(deps, { agentId: 'main' });
  await store.getState().start();
  // Wide and tall by default: every hint fits on one line and the help panel is never cut.
  const ui = renderInk(<Dashboard store={store} color={false} size={size} />);
  cleanups.push(() => {
    store.getState().stop();
    ui.unmount();
  });
  await ui.waitFrame((f) => f.includes('q quit'), 'the dashboard reading keys');
  return { ui, store, deps };
}

const footer = (frame: string) => frame.split('\n').slice(-2).join('\n');

/** The screens of the dashboard, each reached by its keys, with the footer and (help) the panel. */
async function screens(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const { ui } = await mount();
  out.set('list:rows', await ui.waitFrame('anthropic:home', 'the table'));
  ui.type('?');
  out.set('help', await ui.waitFrame('Keys', 'the help panel'));
  ui.type('z');
  await ui.waitFrame('PROFILE', 'back from help');
  ui.press('enter');
  out.set('picking', await ui.waitFrame('Moving', 'a profile picked up'));
  ui.press('escape');
  await ui.waitFrame('nothing saved', 'put back');
  ui.type('x');
  out.set('confirm-remove', await ui.waitFrame('Remove', 'the question'));
  ui.type('n');
  await ui.waitFrame('Nothing removed', 'kept');
  ui.type('a');
  out.set('agents', await ui.waitFrame('Switch agent', 'the agent list'));
  ui.press('escape');
  await ui.waitFrame('PROFILE', 'back from the agent list');
  ui.type('/');
  out.set('filter', await ui.waitFrame('filter: ▏', 'the filter line'));
  ui.type('zzz');
  ui.press('enter');
  out.set('list:no-match', await ui.waitFrame((f) => f.includes('No profiles match') && f.includes('q quit'), 'no match'));
  const empty = await mount([]);
  out.set('list:empty', await empty.ui.waitFrame((f) => f.includes('No profiles yet') && f.includes('q quit'), 'the empty table'));
  return out;
}

/** Key names a label on screen stands for ("↑/↓  j/k", "Enter/space", "n/Esc", "any key:"). */
function namedKeys(label: string): KeyName[] {
  const names: Record<string, KeyName> = { '↑': 'up', '↓': 'down', Enter: 'enter', space: 'space', Esc: 'escape', PgUp: 'pageup', PgDn: 'pagedown', any: 'any' };
  return label
    .split(/[/\s]+/)
    .filter(Boolean)
    .map((k) => names[k] ?? k);
}

const hintLabel = (text: string) => (text.startsWith('any key') ? 'any' : text.split(' ')[0]!);
const modeOf = (b: KeyBinding): KeyMode => (b.mode === 'every' ? 'list' : b.mode);

describe('the dashboard keymap', () => {
  it('every entry is on screen: its help line in the help panel, its hints in its screen\'s footer', async () => {
    const shown = await screens();
    const help = shown.get('help')!;
    for (const b of KEYMAP) {
      expect(b.help || b.hints?.length || b.unlisted, `${b.id} is documented nowhere`).toBeTruthy();
      if (b.help) {
        const line = help.split('\n').find((l) => l.includes(b.help!.text));
        expect(line, `${b.id}: help line "${b.help.text}"`).toBeDefined();
        expect(line!.trimStart().startsWith(b.help.keys), `${b.id}: keys column`).toBe(true);
      }
      for (const h of b.hints ?? []) {
        const cases = b.mode === 'list' ? (h.when ?? ['rows']).map((c) => `list:${c}`) : [b.mode];
        for (const screen of cases) expect(footer(shown.get(screen)!), `${b.id} on ${screen}`).toContain(h.text);
      }
    }
  });

  it('the handler does what help and footer say: each key a label names is handled by the entry that carries the label', () => {
    for (const b of KEYMAP) {
      const labels = [...(b.help ? [b.help.keys] : []), ...(b.hints ?? []).map((h) => hintLabel(h.text))];
      for (const label of labels) {
        for (const key of namedKeys(label)) {
          const text = key !== 'any' && key.length === 1;
          expect(bindingFor(modeOf(b), key, text)?.id, `"${label}" on ${modeOf(b)}`).toBe(b.id);
        }
      }
      // And each key the entry claims reaches it (nothing earlier in the table shadows it).
      for (const key of b.keys) {
        if (key === 'text' || key === 'any') continue;
        const modes = b.mode === 'every' ? MODES : [b.mode];
        for (const m of modes) expect(bindingFor(m, key)?.id, `${key} on ${m}`).toBe(b.id);
      }
    }
  });

  it('no key means two things on one screen', () => {
    for (const m of MODES) {
      const claimed = KEYMAP.filter((b) => b.mode === m || b.mode === 'every').flatMap((b) => b.keys.map((k) => `${k}`));
      expect(claimed.length, m).toBe(new Set(claimed).size);
    }
  });

  it('the footer and the help panel read as before the keymap', async () => {
    const shown = await screens();
    expect(footer(shown.get('list:rows')!)).toContain('↑/↓ move · Enter pick up · r reset order · c clear cooldown · f refresh · x remove · a agent · u usage · / filter · ? help · q quit');
    expect(footer(shown.get('picking')!)).toContain('↑/↓ move · Enter/space save order · Esc put back · q quit');
    expect(footer(shown.get('filter')!)).toContain('filter: ▏  Enter keep · Esc clear · ↑/↓ move');
    expect(footer(shown.get('agents')!)).toContain('↑/↓ choose · Enter switch · Esc back');
    expect(footer(shown.get('confirm-remove')!)).toContain('y remove · n/Esc keep');
    expect(footer(shown.get('help')!)).toContain('any key: back to the table');
    expect(footer(shown.get('list:empty')!)).toContain('a agent · ? help · q quit');
    expect(footer(shown.get('list:no-match')!)).toContain('/ change filter · Esc clear filter · ? help · q quit');
    const help = shown.get('help')!;
    expect(help).toMatch(/^↑\/↓ {2}j\/k\s+move the selection \(PgUp\/PgDn: a page\)$/m);
    expect(help).toMatch(/^Enter\/space\s+pick up a profile; ↑\/↓ move it; Enter\/space saves the order; Esc puts it back$/m);
    expect(help).toMatch(/^\s+Only profiles stored in auth-profiles.json can be moved or removed.$/m);
  });

  it('at 80x24 the help panel shows every explanation whole, wrapped under itself; a terminal too short for that cuts each to a line', async () => {
    const { ui } = await mount(PROFILES, { cols: 80, rows: 24 });
    ui.type('?');
    const help = await ui.waitFrame('Keys', 'the help panel');
    const rows = help.split('\n');
    const panel = rows.slice(rows.indexOf('Keys') + 1);
    // Joined back, each explanation is there in full, and no row is wider than the terminal.
    const joined = panel.map((l) => l.trimEnd()).join('\n').replace(/\n {14}/g, ' ');
    for (const b of KEYMAP.filter((k) => k.mode === 'list' && k.help)) expect(joined, b.id).toContain(`${b.help!.text}`);
    expect(joined).toContain('Only profiles stored in auth-profiles.json can be moved or removed.');
    expect(panel.some((l) => /^ {14}\S/.test(l)), 'a wrapped line, under the explanations').toBe(true);
    for (const l of rows) expect(l.length, l).toBeLessThanOrEqual(80);
    expect(panel.join('\n')).not.toContain('…');

    const short = await mount(PROFILES, { cols: 80, rows: 12 });
    short.ui.type('?');
    const cut = (await short.ui.waitFrame('Keys', 'the help panel')).split('\n');
    const pickUp = cut.find((l) => l.startsWith('Enter/space'));
    expect(pickUp).toMatch(/Esc…$/);
    expect(cut.filter((l) => /^ {14}\S/.test(l)), 'no wrapped lines').toEqual([]);
  });

  it('a letter with Ctrl or Alt is not that letter: Ctrl-R and Alt-x do nothing', async () => {
    const { ui, store, deps } = await mount();
    ui.type('\x12'); // Ctrl-R
    ui.type('\x1bx'); // Alt-x
    ui.press('down'); // a key that does act, after them: once it has, the two before were read
    await ui.waitFrame((f) => f.split('\n').some((l) => l.startsWith('›') && l.includes('anthropic:home')), 'the selection moved');
    expect(store.getState().mode).toBe('list');
    expect(deps.calls.filter((c) => c[0] === 'clearOrder')).toEqual([]);
  });
});
