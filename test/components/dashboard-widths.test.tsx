// The dashboard at ordinary widths (60, 80, 100, 120 columns) with a realistic store: 30 similar
// `anthropic:account-N` ids, the Codex CLI's login and profiles whose fix is a long command.
// Columns give way by value (empty ones first, the `#` order never), ids are shortened in the
// middle only when they must be, the selected profile's detail wraps instead of being cut, and
// every key hint stays on screen.
import { renderInk } from '../helpers/ink-ui.js'; // first: CI must be gone before Ink loads
import React from 'react';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Dashboard } from '../../components/dashboard/Dashboard.js';
import { computeColumns, fitIds, frameBudget, shortenId, visibleColumns, wrapWords } from '../../components/dashboard/layout.js';
import { LIST_HINTS, layoutHints } from '../../components/dashboard/hints.js';
import { createDashboardStore } from '../../src/state/dashboard/index.js';
import type { ProfileReport } from '../../src/auth/report-types.js';
import { DAY, HOUR, MIN, agentReport, fakeDeps, profile, shownIds, statusReport } from '../helpers/dashboard-fixtures.js';
import { waitFor } from '../helpers/store-cli.js';


const CODEX_FIX = 'run `codex login` on this host (or: clawdbot models auth login --provider openai-codex)';
const ACCOUNT7_FIX = 'clawdbot models auth setup-token --provider anthropic --profile-id anthropic:account-7';

/** 30 Anthropic accounts (one expired, with its fix), the Codex CLI's expired login; cooldowns on request. */
function realistic(now: number, opts: { cooldown?: boolean } = {}): ProfileReport[] {
  const out: ProfileReport[] = [];
  let pos = 0;
  for (let n = 1; n <= 30; n++) {
    const expired = n === 7;
    out.push(
      profile({
        profileId: `anthropic:account-${n}`,
        type: 'token',
        status: expired ? 'expired' : 'ok',
        expiresAt: expired ? now - 2 * HOUR : now + (100 + n) * DAY,
        orderPosition: expired ? null : ++pos,
        ...(expired ? { skipReason: 'expired', fix: ACCOUNT7_FIX } : {}),
        ...(n % 3 === 0 ? { lastUsed: now - n * MIN } : {}),
        ...(opts.cooldown && n === 5 ? { unusable: { kind: 'cooldown' as const, reason: 'rate_limit', until: now + 4 * MIN, remainingMs: 4 * MIN } } : {}),
      }),
    );
  }
  out.push(
    profile({
      profileId: 'openai-codex:codex-cli',
      provider: 'openai-codex',
      type: 'oauth',
      source: 'codex-cli',
      masked: 'eyJhbGciOi…QssA',
      status: 'expired',
      expiresAt: now - DAY,
      orderPosition: null,
      skipReason: 'expired and the refresh token was rejected',
      needsReauth: true,
      fix: CODEX_FIX,
    }),
  );
  return out;
}

async function mount(cols: number, rows: number, opts: { cooldown?: boolean } = {}) {
  const now = Date.now();
  const store = createDashboardStore(fakeDeps(statusReport([agentReport(realistic(now, opts))], now)), { agentId: 'main' });
  await store.getState().start();
  const ui = renderInk(<Dashboard store={store} color={false} size={{ cols, rows }} />);
  const frame = ui.frame;
  await waitFor(() => frame().includes('anthropic:') && frame().includes('q quit'), 'the table and its hints');
  return {
    store,
    frame,
    /** Select a profile by id (as ↓ would) and wait for its detail under the table. */
    async select(id: string) {
      store.getState().moveCursor(-1000);
      const ids = shownIds(store);
      store.getState().moveCursor(ids.indexOf(id));
      await waitFor(() => frame().split('\n').some((l) => l.startsWith('›') && l.includes(id.slice(-4))), `${id} selected`);
    },
    done() {
      store.getState().stop();
      ui.unmount();
    },
  };
}

/** Rows of the table: the id cell (second field after the marker and `#`). */
function rowIds(frame: string): string[] {
  return frame
    .split('\n')
    .map((l) => /^.\s(?:\s*\d+|\s*-)\s+(\S+)/.exec(l)?.[1])
    .filter((x): x is string => Boolean(x && x.includes(':')));
}

function checkFrame(frame: string, cols: number, rows: number) {
  const lines = frame.split('\n');
  expect(lines.length, frame).toBeLessThan(rows);
  for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(cols - 1);
}

describe.each([60, 80, 100, 120])('dashboard at %i columns', (cols) => {
  it('keeps the # order, drops the empty COOLDOWN before anything else, and shows every id whole', async () => {
    const d = await mount(cols, 40);
    try {
      const frame = d.frame();
      checkFrame(frame, cols, 40);
      const header = frame.split('\n').find((l) => l.includes('PROFILE'))!;
      expect(header).toMatch(/^\s+#\s+PROFILE/);
      expect(header).toContain('STATE');
      // Nothing is in cooldown: the column is the first to give way.
      if (cols < 140) expect(header).not.toContain('COOLDOWN');
      const ids = rowIds(frame);
      expect(ids.length).toBeGreaterThan(20);
      for (const id of ids) expect(id).toMatch(/^(anthropic:account-\d+|openai-codex:codex-cli)$/);
      expect(ids).toContain('openai-codex:codex-cli');
      // The try order is on every row.
      expect(frame).toMatch(/^.\s+1\s+anthropic:account-1\s/m);
      expect(frame).toMatch(/^.\s+-\s+anthropic:account-7\s/m);
    } finally {
      d.done();
    }
  });

  it("shows the selected profile's whole fix, wrapped under the table, and keeps the frame inside the terminal", async () => {
    const d = await mount(cols, 24);
    try {
      await d.select('anthropic:account-7');
      await waitFor(() => d.frame().replace(/\s+/g, ' ').includes(`fix: ${ACCOUNT7_FIX}`), 'the whole fix');
      checkFrame(d.frame(), cols, 24);
      // The selected row is still on screen above it.
      expect(d.frame().split('\n').some((l) => l.startsWith('›') && l.includes('anthropic:account-7'))).toBe(true);

      await d.select('openai-codex:codex-cli');
      await waitFor(() => d.frame().replace(/\s+/g, ' ').includes(`skipped: expired and the refresh token was rejected · fix: ${CODEX_FIX}`), 'the codex fix');
      checkFrame(d.frame(), cols, 24);
      expect(d.frame().split('\n').some((l) => l.startsWith('›') && l.includes('codex'))).toBe(true);
    } finally {
      d.done();
    }
  });

  it('shows a hint for every key of the table (shortened or on two lines, never dropped)', async () => {
    const d = await mount(cols, 24);
    try {
      const lines = d.frame().split('\n');
      const hints = lines.slice(-2).join('\n');
      for (const key of ['↑', 'Enter', 'r reset', 'c clear', 'f refresh', 'x remove', 'a agent', 'u usage', '/ filter', '? help', 'q quit']) {
        expect(hints, d.frame()).toContain(key);
      }
      checkFrame(d.frame(), cols, 24);
    } finally {
      d.done();
    }
  });
});

describe('dashboard widths', () => {
  it('at 60 columns with a cooldown, shortens the 30 ids in the middle and keeps them distinct', async () => {
    const d = await mount(60, 40, { cooldown: true });
    try {
      const frame = d.frame();
      checkFrame(frame, 60, 40);
      const header = frame.split('\n').find((l) => l.includes('PROFILE'))!;
      expect(header).toMatch(/^\s+#\s+PROFILE/);
      expect(header).toContain('COOLDOWN');
      expect(frame).toMatch(/cooldown \dm/);
      const ids = rowIds(frame).filter((x) => x.startsWith('anthropic:'));
      expect(ids.length).toBeGreaterThan(20);
      // Provider prefix and the distinctive end kept; no two the same.
      for (const id of ids) expect(id).toMatch(/^anthropic:.*….*\d$/);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toContain(shortenId('anthropic:account-12', ids[0]!.length));
    } finally {
      d.done();
    }
  });

  it('shortens ids only when they must be, in the middle, keeping the provider and the end', () => {
    expect(shortenId('openai-codex:codex-cli', 22)).toBe('openai-codex:codex-cli');
    expect(shortenId('anthropic:account-work-2', 20)).toBe('anthropic:ac…-work-2');
    expect(shortenId('anthropic:account-12', 14)).toBe('anthropic:…-12');
    const ids = Array.from({ length: 30 }, (_, i) => shortenId(`anthropic:account-${i + 1}`, 15));
    expect(new Set(ids).size).toBe(30);
    expect(shortenId('abcdefghij', 5)).toBe('ab…ij');
  });

  it('ids that would read the same once shortened show where they differ, on the real screen', async () => {
    const now = Date.now();
    const ids = ['openai-codex:j.smith.work@example-company.com', 'openai-codex:j.smith.home@example-company.com', 'openai-codex:alice@example-company.com'];
    const profiles = ids.map((profileId, i) =>
      profile({ profileId, provider: 'openai-codex', type: 'oauth', status: 'ok', expiresAt: now + (i + 1) * DAY, orderPosition: i + 1 }),
    );
    const store = createDashboardStore(fakeDeps(statusReport([agentReport(profiles)], now)), { agentId: 'main' });
    await store.getState().start();
    const ui = renderInk(<Dashboard store={store} color={false} size={{ cols: 60, rows: 20 }} />);
    try {
      await waitFor(() => ui.frame().includes('openai-codex:') && ui.frame().includes('q quit'), 'the table');
      const shown = rowIds(ui.frame());
      expect(shown).toHaveLength(3);
      // Plain shortening keeps the start and the end, which these two share.
      expect(shortenId(ids[0]!, shown[0]!.length)).toBe(shortenId(ids[1]!, shown[0]!.length));
      expect(new Set(shown).size).toBe(3);
      expect(shown.find((t) => t.includes('work'))).toBeDefined();
      expect(shown.find((t) => t.includes('home'))).toBeDefined();
      // An id without a look-alike keeps its plain shortening.
      expect(shown).toContain(shortenId(ids[2]!, shown[0]!.length));
    } finally {
      store.getState().stop();
      ui.unmount();
    }
  });

  it('fits look-alike ids apart: each within its cell, each a piece of its id, no two the same', () => {
    expect(fitIds(['openai-codex:j.smith.work@company.com', 'openai-codex:j.smith.home@company.com'], 30).map((t) => t.trimEnd())).toEqual([
      'openai-codex:j.smith.work@co…',
      'openai-codex:j.smith.home@co…',
    ]);
    // The difference near the end: the end is kept.
    expect(fitIds(['anthropic:a-very-long-team-name-prod-1', 'anthropic:a-very-long-team-name-prod-2'], 20).map((t) => t.trimEnd())).toEqual([
      'anthropic:a-…prod-1',
      'anthropic:a-…prod-2',
    ]);
    // Deep in the middle: a window around it, cut on both sides.
    expect(fitIds(['anthropic:' + 'x'.repeat(20) + 'A' + 'y'.repeat(20), 'anthropic:' + 'x'.repeat(20) + 'B' + 'y'.repeat(20)], 20).map((t) => t.trimEnd())).toEqual([
      'anthropic:…xxAyyyy…',
      'anthropic:…xxByyyy…',
    ]);
    // Ids that fit, and ids unique once shortened, are as fitId left them.
    expect(fitIds(['anthropic:a', 'anthropic:account-12'], 15)).toEqual(['anthropic:a'.padEnd(15), shortenId('anthropic:account-12', 14).padEnd(15)]);

    const piece = fc.constantFrom('a', 'b', 'team', '-', '.', '@example.com', 'work', 'home', '1', '2', 'x'.repeat(12));
    const id = fc.tuple(fc.constantFrom('anthropic:', 'openai-codex:', ''), fc.array(piece, { minLength: 1, maxLength: 8 })).map(([p, xs]) => p + xs.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(id, { minLength: 2, maxLength: 12 }), fc.integer({ min: 8, max: 40 }), (ids, width) => {
        const cells = fitIds(ids, width);
        const texts = cells.map((c) => c.trimEnd());
        for (const [i, c] of cells.entries()) {
          expect(c).toHaveLength(width);
          // Every shown run of characters is in the id, in order.
          let from = 0;
          for (const run of texts[i]!.split('…').filter(Boolean)) {
            const at = ids[i]!.indexOf(run, from);
            expect(at, `${texts[i]} from ${ids[i]}`).toBeGreaterThanOrEqual(0);
            from = at + run.length;
          }
        }
        expect(new Set(texts).size, JSON.stringify({ ids, width, texts })).toBe(ids.length);
      }),
      { numRuns: 500 },
    );
  });

  it('never drops the # column, drops empty columns first, and fits every width', () => {
    const empty = new Set(['unusable', 'usage'] as const);
    for (let w = 20; w <= 200; w++) {
      for (const content of [{}, { longestId: 20, empty }, { longestId: 60 }]) {
        const c = computeColumns(w, content);
        expect(visibleColumns(c)).toContain('pos');
        expect(visibleColumns(c)).toContain('id');
        const total = visibleColumns(c).reduce((n, k) => n + c[k], 0);
        expect(total).toBeLessThanOrEqual(Math.max(20, w - 1));
      }
    }
    // At 80 columns with nothing in cooldown and no usage: those two go, LAST USED and SOURCE next;
    // ids are whole.
    const at80 = computeColumns(80, { longestId: 22, empty });
    expect(visibleColumns(at80)).toEqual(['marker', 'pos', 'id', 'masked', 'state', 'countdown']);
    expect(at80.id).toBe(23);
    // With a cooldown on screen, COOLDOWN stays and the least valuable go.
    expect(visibleColumns(computeColumns(80, { longestId: 22, empty: new Set(['usage'] as const) }))).toEqual(['marker', 'pos', 'id', 'state', 'countdown', 'unusable']);
  });

  it('key hints: short labels, then two lines, before any is dropped', () => {
    const all = (lines: string[]) => lines.join(' · ').split(' · ');
    expect(layoutHints(LIST_HINTS, 200, 2)).toHaveLength(1);
    const at80 = layoutHints(LIST_HINTS, 79, 2);
    expect(at80).toHaveLength(2);
    expect(all(at80)).toHaveLength(LIST_HINTS.length);
    for (const l of at80) expect(l.length).toBeLessThanOrEqual(79);
    // Short labels before a second line when they fit on one.
    const short = LIST_HINTS.map((h) => h.short).join(' · ');
    expect(layoutHints(LIST_HINTS, short.length, 2)).toEqual([short]);
    // A terminal too small for two lines keeps help and quit.
    const tiny = layoutHints(LIST_HINTS, 30, 1);
    expect(tiny).toHaveLength(1);
    expect(tiny[0]).toContain('? help · q quit');
  });

  it('the line under the table wraps at words and takes lines from the table, never past the terminal', () => {
    expect(wrapWords('fix: clawdbot models auth setup-token --provider anthropic', 20)).toEqual(['fix: clawdbot models', 'auth setup-token', '--provider anthropic']);
    expect(wrapWords('a b c d e f', 3, 2)).toEqual(['a b', 'c …']);
    // 24 rows, 3 lines of message, 2 of hints: 3 above the table, 15 table lines, one row spare.
    expect(frameBudget(24, 3, 2)).toEqual({ table: 15, message: 3 });
    // A message longer than the room leaves the table 3 lines.
    expect(frameBudget(12, 20, 2)).toEqual({ table: 3, message: 3 });
  });
});
