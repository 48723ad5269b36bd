// Property: at 10,000 profiles the table the store derives for the screen (ids in order, try
// positions, the filter, rows built only for the lines shown and reused across reloads, header
// counts kept tick by tick, column content from one pass) is exactly what the full derivation
// (buildSections: every row of every provider, built from scratch) gives, whatever the user does
// and whatever other processes and the clock do meanwhile: scrolling, filtering, picking up and
// moving a profile, dropping or putting it back, a profile added, removed or changed on disk,
// ticks across expiry and cooldown boundaries.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgentReport, ProfileReport, StatusReport } from '../../src/auth/report-types.js';
import {
  type DashboardLine,
  type DashboardRow,
  type DashboardStore,
  createDashboardStore,
  maxPosition,
  profilesInOrder,
  scrollWindow,
} from '../../src/state/dashboard/index.js';
import { columnContent } from '../../components/dashboard/layout.js';
import { LiveCounts } from '../../src/state/dashboard/live-counts.js';
import { displaySafe } from '../../src/util/sanitize.js';
import { DAY, HOUR, MIN, type FakeDeps, fakeDeps, profile, statusReport } from '../helpers/dashboard-fixtures.js';
import { type ProviderSection, buildSections, liveCounts } from '../helpers/dashboard-reference.js';

const T0 = Date.UTC(2026, 10, 23, 12);
const WARN = DAY;
const PROVIDERS = ['anthropic', 'openai', 'openai-codex', 'openrouter', 'google', 'mistral', 'xai', 'groq'];
const SOURCES: ProfileReport['source'][] = ['store', 'store', 'store', 'store', 'env', 'claude-cli'];

/** A profile of every kind and state, varied by `i` (and `v`, a version for edits by "another process"). */
function makeProfile(i: number, now: number, v = 0): ProfileReport {
  const provider = PROVIDERS[i % PROVIDERS.length]!;
  const kind = (i * 7 + v) % 6;
  const status = (['ok', 'expiring', 'expired', 'static', 'missing', 'ok'] as const)[kind]!;
  const p = profile({
    profileId: `${provider}:p${String(i).padStart(5, '0')}`,
    provider,
    type: kind === 3 ? 'api_key' : kind === 0 || kind === 2 ? 'oauth' : 'token',
    source: SOURCES[i % SOURCES.length]!,
    status,
    masked: kind === 4 ? '' : `sk-…${String(i % 9973).padStart(4, '0')}`,
    canRefresh: kind === 0 || kind === 2,
    needsReauth: i % 97 === 0,
    orderPosition: kind === 2 || kind === 4 || i % 11 === 0 ? null : 1,
    ...(kind !== 3 && kind !== 4 ? { expiresAt: now + ((i % 13) - 3) * 17 * MIN + (kind === 1 ? HOUR : 2 * DAY) + v } : {}),
    ...(i % 5 === 0 ? { email: `user${i}@example.com` } : {}),
    ...(i % 9 === 0 ? { unusable: { kind: i % 2 ? ('cooldown' as const) : ('disabled' as const), until: now + (i % 17) * 20_000, remainingMs: 0 } } : {}),
    ...(i % 3 === 0 ? { lastUsed: now - i * 1000 } : {}),
    ...(i % 11 === 0 ? { skipReason: 'in cooldown', fix: `clawdbot models auth login --provider ${provider}` } : {}),
  });
  return p;
}

/** An agent report as the report builds one: per provider the tried profiles in order (some providers round-robin). */
function agentOf(profiles: ProfileReport[]): AgentReport {
  const providers = PROVIDERS.map((provider, pi) => {
    const ps = profiles.filter((p) => p.provider === provider);
    // The report's order lists the tried ones, newest first for some providers; the rest follow in the table.
    const tried = ps.filter((p) => p.orderPosition !== null);
    const order = (pi % 2 ? [...tried].reverse() : tried).map((p) => p.profileId);
    return {
      provider,
      inUse: pi < 3,
      order,
      orderSource: pi % 3 === 0 ? ('store' as const) : pi % 3 === 1 ? ('config' as const) : ('round-robin' as const),
      profiles: ps,
      status: 'ok' as const,
      effective: pi === 2 && !ps.length ? { kind: 'missing' as const } : pi === 5 ? { kind: 'env' as const, detail: 'MISTRAL_API_KEY' } : { kind: 'profiles' as const },
      ...(pi === 2 ? { fix: 'clawdbot models auth login --provider openai-codex' } : {}),
    };
  });
  return {
    agentId: 'main',
    agentDir: '/tmp/state/agents/main/agent',
    storePath: '/tmp/state/agents/main/agent/auth-profiles.json',
    providers,
    counts: { ok: 0, expiring: 0, expired: 0, missing: 0, static: 0, cooldown: 0, disabled: 0 },
    notes: [],
  };
}

const reportOf = (profiles: ProfileReport[], now: number): StatusReport => statusReport([agentOf(profiles)], now, WARN);

type Cmd =
  | { kind: 'move'; delta: number }
  | { kind: 'filter'; text: string }
  | { kind: 'pick'; moves: number[]; then: 'drop' | 'cancel' | 'stay' }
  | { kind: 'add'; at: number }
  | { kind: 'remove'; at: number }
  | { kind: 'edit'; at: number }
  | { kind: 'tick'; ms: number }
  | { kind: 'boundary'; at: number; which: 0 | 1 | 2 };

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ kind: fc.constant('move' as const), delta: fc.oneof(fc.integer({ min: -40, max: 40 }), fc.constantFrom(-20_000, 20_000, 1249, -1249)) }),
  fc.record({ kind: fc.constant('filter' as const), text: fc.constantFrom('', 'p0', 'p00', 'p001', 'ANTH', 'openai', 'expired', 'cooldown', 'env', 'user1', 'api_key', 'zzz', ' x', 'disabled') }),
  fc.record({ kind: fc.constant('pick' as const), moves: fc.array(fc.integer({ min: -300, max: 300 }), { maxLength: 4 }), then: fc.constantFrom('drop' as const, 'cancel' as const, 'stay' as const) }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('edit' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('tick' as const), ms: fc.oneof(fc.constant(1000), fc.integer({ min: 1, max: 3 * HOUR }), fc.constant(-5000)) }),
  // A tick landing exactly on the moment a profile turns expiring, expires, or its cooldown ends.
  fc.record({ kind: fc.constant('boundary' as const), at: fc.nat(), which: fc.constantFrom(0 as const, 1 as const, 2 as const) }),
);

/** The table as lines, from the full derivation. */
function flatten(sections: ProviderSection[]): Array<{ kind: 'provider'; provider: string; size: number } | { kind: 'row'; row: DashboardRow }> {
  return sections.flatMap((s) => [{ kind: 'provider' as const, provider: s.provider, size: s.rows.length }, ...s.rows.map((row) => ({ kind: 'row' as const, row }))]);
}

function comparable(l: DashboardLine) {
  return l.kind === 'provider' ? { kind: 'provider' as const, provider: l.section.provider, size: l.section.size } : { kind: 'row' as const, row: l.row };
}

const HEIGHT = 35;

/** The store's view against the full derivation at this moment; returns the window's top for the next check. */
function check(store: DashboardStore, prevTop: number): number {
  const s = store.getState();
  const agent = s.agent!;
  const override = s.picked ? { ...s.orderOverride, [s.picked.provider]: s.picked.ids } : s.orderOverride;
  const full = buildSections(agent, { filter: s.filter, orderOverride: override });
  const view = s.view();
  // Sections: which providers, what their titles say, how many rows.
  expect(view.sections.map((x) => [x.provider, x.size, x.inUse, x.orderSource, x.noUsable, x.fix, x.effective])).toEqual(
    full.map((x) => [x.provider, x.rows.length, x.inUse, x.orderSource, x.noUsable, x.fix, x.effective]),
  );
  const lines = flatten(full);
  expect(view.lineCount).toBe(lines.length);
  expect(view.rowCount).toBe(full.reduce((n, x) => n + x.rows.length, 0));
  // The selection and the window a screen of HEIGHT lines shows around it.
  const cursorLine = Math.max(0, lines.findIndex((l) => l.kind === 'row' && l.row.profileId === s.cursor));
  const top = scrollWindow(prevTop, cursorLine, HEIGHT, lines.length);
  expect(s.lines(top, HEIGHT).map(comparable)).toEqual(lines.slice(top, top + HEIGHT));
  // The last screen too (scrolling to the end), and the selected row.
  const last = Math.max(0, lines.length - HEIGHT);
  expect(s.lines(last, HEIGHT).map(comparable)).toEqual(lines.slice(last));
  const selected = full.flatMap((x) => x.rows).find((r) => r.profileId === s.cursor);
  expect(s.selectedRow()).toEqual(selected);
  // Header counts: every profile of the agent, whatever the filter.
  expect({ ...s.counts() }).toEqual(liveCounts(buildSections(agent), s.now, s.warnAfterMs));
  return top;
}

/** Column content from every row of the full derivation (what the widths used to be computed from). */
function fullColumnContent(agent: AgentReport) {
  const rows = buildSections(agent).flatMap((x) => x.rows);
  return columnContent(rows, rows.reduce((m, r) => Math.max(m, r.position), 0), displaySafe);
}

async function settle(store: DashboardStore): Promise<void> {
  await store.getState().reload();
}

describe('the dashboard at 10,000 profiles shows what a full recompute shows', () => {
  it('across scrolling, filtering, reordering, changes on disk and ticks', async () => {
    const base = Array.from({ length: 10_000 }, (_, i) => makeProfile(i, T0));
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 5, maxLength: 18 }), async (cmds) => {
        let clock = T0;
        let profiles = [...base];
        let next = 10_000;
        const deps: FakeDeps = fakeDeps(reportOf(profiles, clock));
        deps.now = () => clock;
        const store = createDashboardStore(deps, { agentId: 'main', warnAfterMs: WARN });
        await store.getState().start();
        const s = () => store.getState();
        const external = async (change: () => void) => {
          change();
          deps.setReport(reportOf(profiles, clock));
          deps.fireChange();
          await settle(store);
        };
        try {
          let top = check(store, 0);
          for (const c of cmds) {
            switch (c.kind) {
              case 'move':
                s().moveCursor(c.delta);
                break;
              case 'filter':
                s().openFilter();
                s().setFilter(c.text);
                s().closeFilter(true);
                break;
              case 'pick':
                if (s().picked) s().cancelPick();
                s().setFilter('');
                s().pick();
                for (const d of c.moves) {
                  s().movePicked(d);
                  top = check(store, top);
                }
                if (c.then === 'drop') await s().drop();
                else if (c.then === 'cancel') s().cancelPick();
                break;
              case 'add':
                await external(() => {
                  const p = makeProfile(next++, clock);
                  profiles.splice(c.at % (profiles.length + 1), 0, p);
                });
                break;
              case 'remove':
                await external(() => {
                  profiles = profiles.filter((_, i) => i !== c.at % profiles.length);
                });
                break;
              case 'edit':
                await external(() => {
                  const i = c.at % profiles.length;
                  const n = Number(profiles[i]!.profileId.split(':p')[1]);
                  profiles[i] = makeProfile(n, clock, 1 + (c.at % 5));
                });
                break;
              case 'boundary': {
                const withTimes = profiles.filter((p) => (c.which === 2 ? p.unusable : p.expiresAt !== undefined));
                const p = withTimes[c.at % withTimes.length]!;
                clock = c.which === 0 ? p.expiresAt! - WARN : c.which === 1 ? p.expiresAt! : p.unusable!.until;
                s().tick();
                await settle(store);
                break;
              }
              case 'tick':
                clock += c.ms;
                s().tick();
                await settle(store);
                break;
            }
            top = check(store, top);
          }
          const agent = s().agent!;
          expect(columnContent(profilesInOrder(agent), maxPosition(agent), displaySafe)).toEqual(fullColumnContent(agent));
        } finally {
          s().stop();
        }
      }),
      { numRuns: 12 },
    );
  }, 240_000);

  it('the header counts follow any clock, forwards and back, with any warning threshold', () => {
    const agent = agentOf(Array.from({ length: 2_000 }, (_, i) => makeProfile(i, T0)));
    const all = buildSections(agent);
    fc.assert(
      fc.property(fc.constantFrom(0, 1, MIN, DAY, 7 * DAY), fc.array(fc.integer({ min: -2 * DAY, max: 4 * DAY }), { minLength: 1, maxLength: 30 }), (warn, offsets) => {
        const counts = new LiveCounts(agent, warn);
        for (const dt of offsets) expect({ ...counts.countsAt(T0 + dt) }).toEqual(liveCounts(all, T0 + dt, warn));
      }),
      { numRuns: 60 },
    );
  });

  it('a change from another process builds new rows only for the profiles that changed', async () => {
    const clock = T0;
    let profiles = Array.from({ length: 10_000 }, (_, i) => makeProfile(i, T0));
    const deps = fakeDeps(reportOf(profiles, clock));
    deps.now = () => clock;
    const store = createDashboardStore(deps, { agentId: 'main', warnAfterMs: WARN });
    await store.getState().start();
    const before = store.getState().lines(0, HEIGHT);
    const rowsBefore = before.flatMap((l) => (l.kind === 'row' ? [l.row] : []));
    // Another process rewrites the store: one profile on screen changes; every record is new.
    const changed = rowsBefore[3]!.profileId;
    const i = profiles.findIndex((p) => p.profileId === changed);
    profiles = profiles.map((p) => ({ ...p }));
    profiles[i] = { ...profiles[i]!, masked: 'sk-…new1' };
    deps.setReport(reportOf(profiles, clock));
    deps.fireChange();
    await store.getState().reload();
    const after = store.getState().lines(0, HEIGHT).flatMap((l) => (l.kind === 'row' ? [l.row] : []));
    expect(after.map((r) => r.profileId)).toEqual(rowsBefore.map((r) => r.profileId));
    after.forEach((r, k) => {
      if (r.profileId === changed) {
        expect(r).not.toBe(rowsBefore[k]);
        expect(r.masked).toBe('sk-…new1');
      } else expect(r).toBe(rowsBefore[k]);
    });
    store.getState().stop();
  });
});
