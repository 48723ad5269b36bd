// One measurement in a fresh process (so every figure is a cold start, like a cron run), printed
// as one JSON line. Spawned by bench/run.mjs; not part of npm test.
//
//   load <store>                   read + validate auth-profiles.json (the built library)
//   status <stateDir> <bundle>     load + validate + build the status report (src/auth/report.ts, bundled)
//   read-during-write <store> <ms> plain reads of a store another process is rewriting: latency per read
//   lock-wait <store> <n>          n locked no-op-ish updates while another process holds the lock often
//   dashboard-tick <bundle> <profiles> <ticks>  benchDashboardTicks of components/dashboard/bench.tsx, bundled by run.mjs
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');
const lib = await import(pathToFileURL(path.join(ROOT, 'dist', 'index.js')).href);
const [mode, ...args] = process.argv.slice(2);
const out = (v) => process.stdout.write(JSON.stringify(v) + '\n');
const quiet = () => undefined;

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1] };
}

switch (mode) {
  case 'load': {
    const t0 = performance.now();
    const loaded = await lib.readAuthStore(args[0]);
    const ms = performance.now() - t0;
    out({ ms, profiles: Object.keys(loaded.store.profiles).length });
    break;
  }
  case 'status': {
    const [stateDir, bundle] = args;
    const { buildStatusReport } = await import(pathToFileURL(bundle).href);
    const env = { ...process.env, CLAWDBOT_STATE_DIR: stateDir };
    const t0 = performance.now();
    const report = await buildStatusReport({ env, externalSync: false });
    const ms = performance.now() - t0;
    const agent = report.agents[0];
    if (agent.storeError) throw new Error(agent.storeError);
    out({ ms, profiles: agent.providers.reduce((n, p) => n + (p.profiles?.length ?? 0), 0) });
    break;
  }
  case 'read-during-write': {
    const [store, durationRaw] = args;
    const lat = [];
    let errors = 0;
    const end = Date.now() + Number(durationRaw);
    while (Date.now() < end) {
      const t0 = performance.now();
      try {
        lib.parseAuthStore(store, fs.readFileSync(store));
      } catch {
        errors++;
      }
      lat.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 5));
    }
    out({ ...stats(lat), errors });
    break;
  }
  case 'lock-wait': {
    const [store, nRaw] = args;
    const waits = [];
    for (let i = 0; i < Number(nRaw); i++) {
      const t0 = performance.now();
      let got = 0;
      await lib.updateAuthStore(
        store,
        (doc) => {
          got = performance.now();
          doc.readerMarks = (typeof doc.readerMarks === 'number' ? doc.readerMarks : 0) + 1;
          return true;
        },
        { warn: quiet, timeoutMs: 60_000 },
      );
      // Time until the lock was ours and the fresh file was read (the wait a dashboard action sees).
      waits.push(got - t0);
      await new Promise((r) => setTimeout(r, 10));
    }
    out(stats(waits));
    break;
  }
  case 'dashboard-tick': {
    const { benchDashboardTicks } = await import(pathToFileURL(args[0]).href);
    const r = await benchDashboardTicks({ profiles: Number(args[1]), ticks: Number(args[2]), ...(args[3] ? { filter: args[3] } : {}) });
    out(r);
    process.exit(0); // Ink may hold the event loop open
    break;
  }
  default:
    process.stderr.write(`unknown mode ${mode}\n`);
    process.exit(2);
}
