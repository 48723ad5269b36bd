// Measurement hook for `npm run bench`: render the real dashboard for N profiles into
// an in-memory terminal and time the once-a-second tick (the only steady-state work: countdown
// leaves re-derive their text) and count the bytes each tick writes. No files, no timers of its own
// beyond waiting for Ink's frame; the clock is injected and advanced by exactly one second per tick.
import React from 'react';
import { PassThrough, Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { render } from 'ink';
import type { AgentReport, ProfileReport, StateCount, StatusReport } from '../../src/auth/report-types.js';
import { createDashboardStore } from '../../src/state/dashboard/index.js';
import { Dashboard } from './Dashboard.js';

export interface DashboardTickBenchOptions {
  /** Profiles in the store (default 1000). */
  profiles?: number;
  /** Ticks to time (default 120); 20 more come first as warm-up (the JIT is still compiling the render path) and are not counted. A dashboard ticks for hours: the steady state is what counts. */
  ticks?: number;
  cols?: number;
  rows?: number;
  /**
   * Filter text typed before the ticks (the dashboard's `/`). The first screen of 50 and of 10,000
   * synthetic profiles shows different profiles (other countdowns); a filter that matches the
   * same few ids at any size shows the same rows, so bytes per tick compare the store's size alone.
   */
  filter?: string;
}

export interface DashboardTickBenchResult {
  profiles: number;
  cols: number;
  rows: number;
  ticks: number;
  /** Wall time from the clock advancing to the frame written, per tick (ms). */
  tickMs: number[];
  medianMs: number;
  p95Ms: number;
  /** CPU time (user + system) this process spent per tick, median (ms): steadier than wall time on a busy machine. */
  cpuMedianMs: number;
  /** Ink's own render time (layout + output) per tick, median (ms). */
  inkRenderMedianMs: number;
  /** Bytes written to the terminal per tick. */
  bytesPerTick: number[];
  medianBytes: number;
  /** Ticks that changed nothing on screen and drew no frame (not in the figures above). */
  skippedTicks: number;
  /** Time to build the store and draw the first frame (ms). */
  firstFrameMs: number;
}

const PROVIDERS = ['anthropic', 'openai', 'openrouter', 'google', 'xai'];

/** A report of `n` profiles over five providers in every state, as the bench and the frame tests use. */
export function syntheticReport(n: number, now: number): StatusReport {
  const profiles: ProfileReport[] = [];
  for (let i = 0; i < n; i++) {
    const provider = PROVIDERS[i % PROVIDERS.length]!;
    const kind = i % 4;
    const p: ProfileReport = {
      profileId: `${provider}:p${String(i).padStart(5, '0')}`,
      provider,
      type: kind === 0 ? 'api_key' : kind === 1 ? 'oauth' : 'token',
      source: 'store',
      masked: 'sk-ant-oat01-…abcd',
      label: 'token',
      status: kind === 0 ? 'static' : kind === 3 ? 'expiring' : 'ok',
      canRefresh: kind === 1,
      needsReauth: false,
      orderPosition: i + 1,
      lastUsed: now - i * 60_000,
    };
    if (kind !== 0) p.expiresAt = now + (kind === 3 ? 2 * 3_600_000 : 3 * 86_400_000) + i * 1000;
    // Cooldowns under an hour count down in seconds, so every tick changes what is on screen.
    if (i % 7 === 0) p.unusable = { kind: 'cooldown', until: now + 55 * 60_000 + i * 1000, remainingMs: 55 * 60_000 + i * 1000 };
    profiles.push(p);
  }
  const counts = { ok: 0, expiring: 0, expired: 0, missing: 0, static: 0, cooldown: 0, disabled: 0 } as Record<StateCount, number>;
  for (const p of profiles) counts[p.status]++;
  const agent: AgentReport = {
    agentId: 'main',
    agentDir: '/bench/agents/main/agent',
    storePath: '/bench/agents/main/agent/auth-profiles.json',
    providers: PROVIDERS.map((provider) => {
      const ps = profiles.filter((p) => p.provider === provider);
      return { provider, inUse: true, order: ps.map((p) => p.profileId), orderSource: 'store' as const, profiles: ps, status: 'ok' as const, effective: { kind: 'profiles' as const } };
    }),
    counts,
    notes: [],
  };
  return { generatedAt: now, warnAfterMs: 86_400_000, configPath: '/bench/clawdbot.json', defaultModel: 'anthropic/x', fallbacks: [], providersInUse: ['anthropic'], agents: [agent] };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
}
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
}

export async function benchDashboardTicks(opts: DashboardTickBenchOptions = {}): Promise<DashboardTickBenchResult> {
  const n = opts.profiles ?? 1000;
  const ticks = opts.ticks ?? 120;
  const cols = opts.cols ?? 120;
  const rows = opts.rows ?? 40;
  const warmup = 20;
  let clock = Date.UTC(2026, 0, 1);
  const report = syntheticReport(n, clock);

  let bytes = 0;
  const stdout = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _enc, cb) {
        bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
        cb();
      },
    }),
    { isTTY: true, columns: cols, rows },
  ) as unknown as NodeJS.WriteStream;
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin }) as unknown as NodeJS.ReadStream;

  let renders = 0;
  const inkTimes: number[] = [];
  const t0 = performance.now();
  const store = createDashboardStore(
    {
      loadReport: async () => report,
      listAgents: async () => ['main'],
      now: () => clock,
      watch: () => () => {},
      tickMs: 3_600_000, // ticks are driven below, not by the interval
      mutations: {
        saveOrder: async () => {},
        clearOrder: async () => false,
        removeProfile: async () => false,
        clearCooldown: async () => false,
        refreshProfile: async () => undefined,
      },
    },
    { agentId: 'main' },
  );
  await store.getState().start();
  const app = render(<Dashboard store={store} color />, {
    stdout,
    stdin,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: 1000,
    incrementalRendering: true, // as mount.tsx renders it: bytes per tick are what a terminal receives
    // A terminal, whatever the environment says: under CI (is-in-ci) Ink would otherwise write
    // only the last frame, at unmount, and no tick would draw anything.
    interactive: true,
    onRender: ({ renderTime }) => {
      renders++;
      inkTimes.push(renderTime);
    },
  });
  const waitRender = async (after: number, timeoutMs = 5000): Promise<boolean> => {
    const deadline = performance.now() + timeoutMs;
    while (renders <= after) {
      if (performance.now() > deadline) return false;
      await new Promise((r) => setImmediate(r));
    }
    return true;
  };
  if (!(await waitRender(0))) throw new Error('the dashboard did not render within 5 s');
  // Settle: the table appears once the report is in the store.
  while (!store.getState().agent) await new Promise((r) => setImmediate(r));
  await new Promise((r) => setTimeout(r, 20));
  const firstFrameMs = performance.now() - t0;
  if (opts.filter) {
    store.getState().setFilter(opts.filter);
    await app.waitUntilRenderFlush();
  }

  const tickMs: number[] = [];
  const bytesPerTick: number[] = [];
  const inkTick: number[] = [];
  const cpuTick: number[] = [];
  let skipped = 0;
  for (let i = 0; i < ticks + warmup; i++) {
    await new Promise((r) => setTimeout(r, 3)); // past Ink's 1 ms render throttle
    // Anything the last tick left (a throttled trailing render, an effect's second commit) is
    // written now, so it is not counted as this tick's frame.
    await app.waitUntilRenderFlush();
    const before = renders;
    const bytesBefore = bytes;
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    clock += 1000;
    store.getState().tick();
    // Ink's own flush: pending React work committed, throttled renders and writes done, stdout
    // has taken the bytes. A frame is "drawn" when bytes reached the terminal, not when Ink
    // rendered (an unchanged frame renders and writes nothing).
    await app.waitUntilRenderFlush();
    const took = performance.now() - start;
    const cpu = process.cpuUsage(cpu0);
    // A tick that changes nothing on screen draws nothing (after an hour of ticks, nothing left
    // counts down in seconds): count it as a skipped frame.
    if (bytes === bytesBefore) {
      skipped++;
      continue;
    }
    if (i >= warmup) {
      tickMs.push(took);
      bytesPerTick.push(bytes - bytesBefore);
      inkTick.push(renders > before ? inkTimes[inkTimes.length - 1]! : 0);
      cpuTick.push((cpu.user + cpu.system) / 1000);
    }
  }
  app.unmount();
  store.getState().stop();
  return {
    profiles: n,
    cols,
    rows,
    ticks,
    tickMs,
    medianMs: median(tickMs),
    p95Ms: pct(tickMs, 95),
    cpuMedianMs: median(cpuTick),
    inkRenderMedianMs: median(inkTick),
    bytesPerTick,
    medianBytes: median(bytesPerTick),
    skippedTicks: skipped,
    firstFrameMs,
  };
}
