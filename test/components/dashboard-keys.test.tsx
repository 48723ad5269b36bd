// Keys on the dashboard: reordering saved through the real store module (the file's order equals
// the screen's), reset, filter, remove with confirmation, non-store profiles refused, help, quit.
import { renderInk } from '../helpers/ink-ui.js'; // first: CI must be gone before Ink loads
import React from 'react';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Dashboard } from '../../components/dashboard/Dashboard.js';
import { createDashboardStore, type DashboardStore } from '../../src/state/dashboard/index.js';
import { realDashboardDeps } from '../../src/commands/models-status-dashboard.js';
import { openAgentStore, setProfile } from '../../src/store/index.js';
import { DAY, agentReport, fakeDeps, profile, statusReport } from '../helpers/dashboard-fixtures.js';
import { waitFor } from '../helpers/store-cli.js';

/** Profile ids of the table rows in screen order (a row: marker, position, id, type...). */
const screenIds = (f: string, provider: string) =>
  f
    .split('\n')
    .map((l) => new RegExp(`^.\\s+\\d+\\s+(${provider}:[a-z0-9-]+)\\s+(token|oauth|api_key)`).exec(l)?.[1])
    .filter((x): x is string => Boolean(x));

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function mount(store: DashboardStore, size = { cols: 140, rows: 24 }) {
  const ui = renderInk(<Dashboard store={store} color={false} size={size} />);
  cleanups.push(() => {
    store.getState().stop();
    ui.unmount();
  });
  return ui;
}

async function tempState(ids: string[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-dash-keys-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env: Record<string, string | undefined> = { HOME: dir, CLAWDBOT_STATE_DIR: path.join(dir, 'state'), PATH: process.env.PATH, SHELL: '/bin/false' };
  const s = openAgentStore('main', env);
  await s.update((doc) => {
    for (const id of ids) setProfile(doc, id, { type: 'token', provider: id.split(':')[0]!, token: `sk-ant-oat01-${id.replace(/\W/g, '')}-${'x'.repeat(30)}`, expires: Date.now() + 30 * DAY });
    return true;
  });
  return { env, agentStore: s };
}

describe('reordering through the real store', () => {
  it('saves the order shown on screen, under the lock, readable at once', async () => {
    const { env, agentStore } = await tempState(['anthropic:a', 'anthropic:b', 'anthropic:c', 'openai:z']);
    const store = createDashboardStore(realDashboardDeps({ env, warnMs: DAY }), { agentId: 'main', warnAfterMs: DAY });
    await store.getState().start();
    const ui = mount(store);
    let f = await ui.waitFrame((x) => x.includes('anthropic:c'), 'table');
    const before = screenIds(f, 'anthropic');
    expect(before).toHaveLength(3);

    // Pick up the first anthropic profile, move it down twice, drop it.
    const first = before[0]!;
    ui.press('enter');
    await ui.waitFrame((x) => x.includes(`Moving ${first}`), 'pick');
    ui.press('down');
    await ui.waitFrame((x) => screenIds(x, 'anthropic')[1] === first, 'moved once');
    ui.press('down');
    await ui.waitFrame((x) => screenIds(x, 'anthropic')[2] === first, 'moved twice');
    ui.press('enter');
    await ui.waitFrame((x) => x.includes('Saved the order of anthropic'), 'saved');

    const onDisk = JSON.parse(fs.readFileSync(agentStore.storePath, 'utf8')) as { order?: Record<string, string[]> };
    const expected = [before[1]!, before[2]!, first];
    expect(onDisk.order?.anthropic).toEqual(expected);
    // After the reload from disk the screen still shows exactly the saved order.
    f = await ui.waitFrame((x) => !x.includes('saving…'), 'settled');
    expect(screenIds(f, 'anthropic')).toEqual(expected);

    // Esc puts a picked profile back and writes nothing.
    const mtime = fs.statSync(agentStore.storePath).mtimeMs;
    ui.press('enter');
    await ui.waitFrame((x) => x.includes('Moving'), 'pick again');
    ui.press('up'); // the cursor is still on the moved profile, now last
    await ui.waitFrame((x) => screenIds(x, 'anthropic').join() !== expected.join(), 'moved');
    ui.press('escape');
    f = await ui.waitFrame((x) => x.includes('nothing saved'), 'put back');
    expect(screenIds(f, 'anthropic')).toEqual(expected);
    expect(fs.statSync(agentStore.storePath).mtimeMs).toBe(mtime);

    // r resets (clears) the provider's stored order.
    ui.type('r');
    await ui.waitFrame((x) => x.includes('Cleared the stored order of anthropic'), 'reset');
    const afterReset = JSON.parse(fs.readFileSync(agentStore.storePath, 'utf8')) as { order?: Record<string, string[]> };
    expect(afterReset.order?.anthropic).toBeUndefined();
  });

  it('c clears a cooldown in the file and the badge goes', async () => {
    const { env, agentStore } = await tempState(['anthropic:a', 'anthropic:b']);
    await agentStore.update((doc) => {
      doc.usageStats = { 'anthropic:b': { cooldownUntil: Date.now() + 20 * 60_000, errorCount: 3, failureCounts: { rate_limit: 3 } } };
      return true;
    });
    const store = createDashboardStore(realDashboardDeps({ env, warnMs: DAY }), { agentId: 'main', warnAfterMs: DAY });
    await store.getState().start();
    const ui = mount(store);
    await ui.waitFrame((x) => /anthropic:b\s.*cooldown (19|20)m/.test(x), 'cooldown badge');
    await waitFor(() => {
      if (store.getState().cursor !== 'anthropic:b') store.getState().moveCursor(1);
      return store.getState().cursor === 'anthropic:b';
    }, 'cursor on anthropic:b');
    ui.type('c');
    await ui.waitFrame((x) => x.includes('Cleared the cooldown of anthropic:b') && !/anthropic:b\s.*cooldown \d/.test(x), 'cleared');
    const doc = JSON.parse(fs.readFileSync(agentStore.storePath, 'utf8')) as { usageStats?: Record<string, { cooldownUntil?: number; errorCount?: number }> };
    expect(doc.usageStats?.['anthropic:b']?.cooldownUntil).toBeUndefined();
    expect(doc.usageStats?.['anthropic:b']?.errorCount).toBe(0);
  });

  it('removes a profile only after y, and n keeps it', async () => {
    const { env, agentStore } = await tempState(['anthropic:a', 'anthropic:b']);
    const store = createDashboardStore(realDashboardDeps({ env, warnMs: DAY }), { agentId: 'main', warnAfterMs: DAY });
    await store.getState().start();
    const ui = mount(store);
    await ui.waitFrame((x) => x.includes('anthropic:b'), 'table');
    const target = store.getState().cursor!;

    ui.type('x');
    await ui.waitFrame((x) => x.includes(`Remove ${target}?`), 'confirmation');
    ui.type('n');
    await ui.waitFrame((x) => x.includes('Nothing removed'), 'kept');
    let doc = JSON.parse(fs.readFileSync(agentStore.storePath, 'utf8')) as { profiles: Record<string, unknown> };
    expect(Object.keys(doc.profiles).sort()).toEqual(['anthropic:a', 'anthropic:b']);

    ui.type('x');
    await ui.waitFrame((x) => x.includes(`Remove ${target}?`), 'confirmation again');
    ui.type('y');
    const f = await ui.waitFrame((x) => x.includes(`Removed ${target}`) && !x.includes(`${target} `), 'removed');
    doc = JSON.parse(fs.readFileSync(agentStore.storePath, 'utf8')) as { profiles: Record<string, unknown> };
    expect(Object.keys(doc.profiles)).toHaveLength(1);
    expect(doc.profiles[target]).toBeUndefined();
    expect(f).not.toMatch(new RegExp(`${target}\\s+token`));
  });
});

describe('with a Claude Code sign-in mirrored into the store', () => {
  it('keeps the mirrored profile in a saved order and follows changes to ~/.claude/.credentials.json', async () => {
    const { env, agentStore } = await tempState(['anthropic:a', 'anthropic:b']);
    const credFile = path.join(env.HOME!, '.claude', '.credentials.json');
    const writeClaude = (expiresAt: number, letter: string) => {
      fs.mkdirSync(path.dirname(credFile), { recursive: true });
      fs.writeFileSync(credFile, JSON.stringify({ claudeAiOauth: { accessToken: `sk-ant-oat01-${letter.repeat(60)}`, refreshToken: `sk-ant-ort01-${letter.repeat(50)}`, expiresAt } }));
    };
    writeClaude(Date.now() + 3 * DAY, 'c');
    let loads = 0;
    const deps = realDashboardDeps({ env, warnMs: DAY });
    const load = deps.loadReport;
    deps.loadReport = (id) => (loads++, load(id));
    const store = createDashboardStore(deps, { agentId: 'main', warnAfterMs: DAY });
    await store.getState().start();
    const ui = mount(store);
    const f = await ui.waitFrame((x) => screenIds(x, 'anthropic').length === 3, 'three rows');
    const ids = screenIds(f, 'anthropic');
    expect(ids).toContain('anthropic:claude-cli');
    expect(f).toMatch(/anthropic:claude-cli\s+oauth\s+claude-cli/);

    // Move the first store profile to the bottom, past the mirrored one.
    const first = ids.find((id) => id !== 'anthropic:claude-cli')!;
    await waitFor(() => {
      if (store.getState().cursor !== first) store.getState().moveCursor(1);
      return store.getState().cursor === first;
    }, 'cursor on a store profile');
    ui.press('enter');
    await ui.waitFrame((x) => x.includes(`Moving ${first}`), 'pick');
    ui.press('down');
    ui.press('down');
    await ui.waitFrame((x) => screenIds(x, 'anthropic')[2] === first, 'moved to the bottom');
    ui.press('enter');
    await ui.waitFrame((x) => x.includes('Saved the order of anthropic'), 'saved');
    const doc = JSON.parse(fs.readFileSync(agentStore.storePath, 'utf8')) as { order?: Record<string, string[]> };
    expect(doc.order?.anthropic).toHaveLength(3);
    expect(doc.order?.anthropic).toContain('anthropic:claude-cli');
    expect(doc.order?.anthropic?.[2]).toBe(first);

    // Claude Code refreshes its tokens: the new expiry shows without a restart.
    writeClaude(Date.now() + 10 * DAY, 'd');
    await ui.waitFrame((x) => /anthropic:claude-cli\s.*in (9d 23h|10d 0h)/.test(x), 'new expiry from Claude Code');
    // And the sync's own write into the store does not set off a reload loop.
    const settled = loads;
    await new Promise((r) => setTimeout(r, 600));
    expect(loads - settled).toBeLessThanOrEqual(2);
  });
});

describe('keys with fake dependencies', () => {
  const now = Date.now();
  function build() {
    const report = statusReport(
      [
        agentReport([
          profile({ profileId: 'anthropic:work', status: 'ok', expiresAt: now + 3 * DAY }),
          profile({ profileId: 'anthropic:claude-cli', source: 'claude-cli', type: 'oauth', status: 'ok', expiresAt: now + 3 * DAY, canRefresh: true }),
          profile({ profileId: 'openai:personal', type: 'api_key', status: 'static' }),
          profile({ profileId: 'openrouter:main', type: 'api_key', status: 'static', unusable: { kind: 'cooldown', until: now + 600_000, remainingMs: 600_000 } }),
        ]),
      ],
      now,
    );
    const deps = fakeDeps(report, ['main', 'ops']);
    const store = createDashboardStore(deps, { agentId: 'main' });
    return { deps, store };
  }

  it('typed-ahead "jj" arriving in one read moves twice; "kk" back (issue 20 item 14)', async () => {
    const { store } = build();
    await store.getState().start();
    const ui = mount(store);
    await ui.waitFrame((x) => x.includes('openrouter:main'), 'table');
    const cursor = () => store.getState().cursor;
    const c0 = cursor();
    ui.type('j');
    const c1 = await waitFor(() => (cursor() !== c0 ? cursor() : false), 'one step');
    ui.type('k');
    await waitFor(() => cursor() === c0, 'back');
    ui.type('jj');
    const c2 = await waitFor(() => (cursor() !== c0 ? cursor() : false), 'moved');
    // Wait for both steps: a chunk taken as one step (or dropped as a paste) stops at c1 or c0.
    await waitFor(() => cursor() !== c1 && cursor() !== c0, 'two steps');
    expect(cursor()).not.toBe(c1);
    expect(c2).toBeTruthy();
    ui.type('kk');
    await waitFor(() => cursor() === c0, 'two steps back');
  });

  it('filters with /, Esc clears the filter', async () => {
    const { store } = build();
    await store.getState().start();
    const ui = mount(store);
    await ui.waitFrame((x) => x.includes('openrouter:main'), 'table');
    ui.type('/');
    await ui.waitFrame((x) => x.includes('filter: ▏'), 'filter prompt');
    for (const ch of 'openx') ui.type(ch);
    await ui.waitFrame((x) => x.includes('No profiles match'), 'nothing matches');
    ui.press('backspace');
    await ui.waitFrame((x) => x.includes('openai:personal') && x.includes('openrouter:main') && !x.includes('anthropic:work'), 'filtered');
    ui.press('enter');
    const f = await ui.waitFrame((x) => x.includes('filter: open') && x.includes('q quit'), 'filter kept');
    expect(f).not.toContain('anthropic:');
    ui.press('escape');
    await ui.waitFrame((x) => x.includes('anthropic:work'), 'filter cleared');
  });

  it('a filter that matches nothing, kept with Enter: the hints offer only what works (change or clear it)', async () => {
    const { store } = build();
    await store.getState().start();
    const ui = mount(store);
    await ui.waitFrame((x) => x.includes('openrouter:main'), 'table');
    ui.type('/');
    await ui.waitFrame((x) => x.includes('filter: ▏'), 'filter prompt');
    ui.type('zzzq\x7f'); // one chunk: typed fast, the last letter taken back
    await ui.waitFrame((x) => x.includes('filter: zzz▏'), 'chunk applied in order');
    ui.press('enter');
    const f = await ui.waitFrame((x) => x.includes('No profiles match "zzz". Esc clears the filter.') && x.includes('q quit'), 'no match kept');
    expect(f).toContain('Esc clear filter');
    expect(f).not.toContain('Enter pick up');
    expect(f).not.toContain('x remove');
    ui.press('escape');
    await ui.waitFrame((x) => x.includes('anthropic:work') && x.includes('Enter pick up'), 'filter cleared, full hints back');
  });

  it('an empty store: says how to add a profile, and hints only the keys that do something', async () => {
    const deps = fakeDeps(statusReport([agentReport([])], now), ['main', 'ops']);
    const store = createDashboardStore(deps, { agentId: 'main' });
    await store.getState().start();
    const ui = mount(store);
    const f = await ui.waitFrame((x) => x.includes('No profiles yet') && x.includes('q quit'), 'empty table');
    expect(f).toContain('clawdbot onboard');
    expect(f).toContain('a agent · ? help · q quit');
    for (const dead of ['Enter pick up', 'r reset order', 'c clear cooldown', 'x remove', '/ filter']) expect(f).not.toContain(dead);
  });

  it('refuses to move or remove a profile that is not in the store, and says why', async () => {
    const { store, deps } = build();
    await store.getState().start();
    const ui = mount(store);
    await ui.waitFrame((x) => x.includes('anthropic:claude-cli'), 'table');
    ui.press('down');
    await waitFor(() => store.getState().cursor === 'anthropic:claude-cli', 'cursor on claude-cli');
    // The line under the table describes the selected profile.
    await ui.waitFrame((x) => x.includes('anthropic:claude-cli · from claude-cli (read-only here)'), 'detail line');
    ui.press('enter');
    await ui.waitFrame((x) => x.includes('anthropic:claude-cli cannot be moved here: it comes from Claude Code'), 'refusal');
    ui.type('x');
    await ui.waitFrame((x) => x.includes('cannot be removed here'), 'refusal to remove');
    expect(deps.calls.some((c) => c[0] === 'saveOrder' || c[0] === 'removeProfile')).toBe(false);
  });

  it('f refreshes the selected OAuth profile through the store; on a key it says there is nothing to refresh', async () => {
    const { store, deps } = build();
    await store.getState().start();
    const ui = mount(store);
    await ui.waitFrame((x) => x.includes('anthropic:claude-cli'), 'table');
    ui.press('down');
    await waitFor(() => store.getState().cursor === 'anthropic:claude-cli', 'cursor on claude-cli');
    ui.type('f');
    await waitFor(() => deps.calls.find((c) => c[0] === 'refreshProfile'), 'refreshProfile call');
    expect(deps.calls.filter((c) => c[0] === 'refreshProfile')).toEqual([['refreshProfile', 'main', 'anthropic:claude-cli']]);
    await ui.waitFrame((x) => x.includes('Refreshed anthropic:claude-cli.'), 'result line');
    ui.press('down');
    await waitFor(() => store.getState().cursor === 'openai:personal', 'cursor on the key');
    ui.type('f');
    await ui.waitFrame((x) => x.includes('openai:personal is not an OAuth profile with a refresh token; nothing to refresh.'), 'refusal');
    expect(deps.calls.filter((c) => c[0] === 'refreshProfile')).toHaveLength(1);
  });

  it('c clears a cooldown through the store, ? shows help, a switches agent, q quits', async () => {
    const { store, deps } = build();
    await store.getState().start();
    const ui = mount(store);
    await ui.waitFrame((x) => x.includes('openrouter:main'), 'table');
    for (let i = 0; i < 3; i++) ui.press('down');
    await waitFor(() => store.getState().cursor === 'openrouter:main', 'cursor on openrouter');
    ui.type('c');
    await waitFor(() => deps.calls.find((c) => c[0] === 'clearCooldown'), 'clearCooldown call');
    expect(deps.calls.find((c) => c[0] === 'clearCooldown')).toEqual(['clearCooldown', 'main', 'openrouter:main']);

    ui.type('?');
    await ui.waitFrame((x) => x.includes('Keys') && x.includes('remove the selected profile'), 'help');
    ui.type('z');
    await ui.waitFrame((x) => x.includes('PROFILE'), 'back from help');

    ui.type('a');
    await ui.waitFrame((x) => x.includes('Switch agent') && x.includes('ops'), 'agent list');
    ui.press('down');
    ui.press('enter');
    await waitFor(() => deps.calls.some((c) => c[0] === 'loadReport' && c[1] === 'ops'), 'load of agent ops');
    await ui.waitFrame((x) => x.includes('agent ops'), 'header shows ops');

    ui.type('q');
    await waitFor(() => store.getState().quitRequested, 'quit');
  });
});
