// The hook `npm run bench` bundles (components/dashboard/bench.tsx) keeps working: it renders the
// real dashboard, advances the injected clock one second per tick and reports a frame per tick
// (timings are reported by the bench, never asserted here). It renders as a terminal
// (interactive) whatever the environment: CI runs this with CI=true.
import { describe, expect, it } from 'vitest';
import { benchDashboardTicks } from '../../components/dashboard/bench.js';

describe('benchDashboardTicks', () => {
  it('times each tick and counts the bytes it writes', async () => {
    const r = await benchDashboardTicks({ profiles: 300, ticks: 6, cols: 120, rows: 30 });
    expect(r.profiles).toBe(300);
    expect(r.tickMs).toHaveLength(6);
    expect(r.bytesPerTick).toHaveLength(6);
    for (const ms of r.tickMs) expect(ms).toBeGreaterThan(0);
    // Every tick redraws something (countdowns changed), and a frame is bounded by the terminal.
    for (const b of r.bytesPerTick) {
      expect(b).toBeGreaterThan(0);
      expect(b).toBeLessThan(30 * 120 * 24);
    }
    expect(Number.isFinite(r.medianMs)).toBe(true);
    expect(Number.isFinite(r.firstFrameMs)).toBe(true);
  });
});
