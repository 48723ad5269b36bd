// The same fixtures through text, JSON and the dashboard give the same states. Text and JSON come
// from the built CLI (`models status --plain` / `--json`, dist/cli.js: build first); the dashboard
// leg is the report builder in-process, the dashboard's row view-model at the same moment, and the
// Ink dashboard rendered from it. One scenario per state (test/fixtures/status/scenarios.ts).
import { renderInk } from '../helpers/ink-ui.js'; // first: CI must be gone before Ink loads
import React from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TempState, makeTempState, requireBuild, runCli, waitFor } from '../helpers/store-cli.js';
import { SCENARIOS, type Scenario } from '../fixtures/status/scenarios.js';
import { buildStatusReport } from '../../src/auth/report.js';
import { createDashboardStore, liveStatus, liveUnusable } from '../../src/state/dashboard/index.js';
import { derivedSections } from '../helpers/dashboard-reference.js';
import { Dashboard } from '../../components/dashboard/Dashboard.js';
import { fakeDeps } from '../helpers/dashboard-fixtures.js';

beforeAll(() => requireBuild());

const temps: TempState[] = [];
afterEach(async () => {
  for (const t of temps.splice(0)) await t.cleanup();
});

type JsonProfile = { profileId: string; status: string; canRefresh: boolean; needsReauth: boolean; unusable?: { kind: string } };

async function prepare(s: Scenario) {
  const t = await makeTempState('cb-d-parity-');
  temps.push(t);
  await s.setup({ stateDir: t.stateDir, home: t.home }, Date.now());
  return { t, env: { ...t.env, ...(s.env ?? {}) } };
}

describe.each(SCENARIOS)('same states in text, JSON and the dashboard: $state ($name)', (s) => {
  it('every profile has one state everywhere', async () => {
    const { env } = await prepare(s);
    const [json, text] = await Promise.all([runCli(['models', 'status', '--json'], { env }), runCli(['models', 'status', '--plain'], { env })]);
    expect(json.code, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout);
    const jsonProfiles = doc.auth.oauth.profiles as JsonProfile[];

    const now = Date.now();
    const report = await buildStatusReport({ agentIds: ['main'], env, now, warn: () => {} });
    const agent = report.agents[0]!;
    const rows = derivedSections(agent).flatMap((x) => x.rows);

    // Same profiles, same states, same cooldown/disable.
    expect(rows.map((r) => r.profileId).sort()).toEqual(jsonProfiles.map((p) => p.profileId).sort());
    for (const p of jsonProfiles) {
      const row = rows.find((r) => r.profileId === p.profileId)!;
      expect(liveStatus(row, now, report.warnAfterMs), p.profileId).toBe(p.status);
      expect(liveUnusable(row, now)?.kind, p.profileId).toBe(p.unusable?.kind);
      expect(row.canRefresh, p.profileId).toBe(p.canRefresh);
      expect(row.needsReauth, p.profileId).toBe(p.needsReauth);
      // And the fixture's intent.
      expect(p.status).toBe(s.expect.profiles[p.profileId]!.status);
      // Text shows the same word on the profile's line.
      const line = text.stdout.split('\n').find((l) => l.includes(` ${p.profileId} `));
      expect(line, text.stdout).toContain(`  ${p.status}`);
    }

    // The rendered dashboard shows the same words on each profile's row.
    const store = createDashboardStore(fakeDeps(report), { agentId: 'main', warnAfterMs: report.warnAfterMs });
    await store.getState().start();
    const ui = renderInk(React.createElement(Dashboard, { store, color: false, size: { cols: 160, rows: 40 } }));
    try {
      const frame = await waitFor(() => {
        const f = ui.frame();
        return f.includes('PROFILE') && !f.includes('loading…') ? f : false;
      }, 'dashboard frame');
      for (const p of jsonProfiles) {
        const line = frame.split('\n').find((l) => new RegExp(`\\s${p.profileId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s`).test(l));
        expect(line, `${p.profileId} in:\n${frame}`).toBeDefined();
        expect(line).toMatch(new RegExp(`\\s${p.status}(\\s|$)`));
        if (p.unusable) expect(line).toMatch(new RegExp(`\\s${p.unusable.kind} \\d`));
        else expect(line).not.toMatch(/\s(cooldown|disabled) \d/);
        if (p.needsReauth) expect(line).toContain('sign in again');
        else if (p.status === 'expired' && p.canRefresh) expect(line).toContain('↻');
        // The same place in the order a request tries them ("-": skipped now).
        const esc = p.profileId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const textPos = new RegExp(`^\\s+(\\d+)?\\.?(-)?\\s+${esc}\\s`, 'm').exec(text.stdout);
        const dashPos = new RegExp(`^\\S?\\s*(\\d+|-)\\s+${esc}\\s`).exec(line!);
        expect(textPos, text.stdout).not.toBeNull();
        expect(dashPos?.[1], `${p.profileId}: ${line}`).toBe(textPos![1] ?? '-');
      }
      for (const m of doc.auth.missingProvidersInUse as string[]) {
        expect(frame).toMatch(new RegExp(`^${m}\\s.*no usable credential`, 'm'));
      }
      // With no profile to select, the detail line says how to add the missing credential.
      const missing = doc.auth.missingProvidersInUse as string[];
      if (missing.length && jsonProfiles.length === 0) {
        expect(frame).toMatch(new RegExp(`^${missing[0]}: no usable credential · fix: clawdbot models auth `, 'm'));
      }
      if (s.expect.storeError) expect(frame).toMatch(/store unreadable: .*auth-profiles\.json/);
    } finally {
      store.getState().stop();
      ui.unmount();
    }
  });
});
