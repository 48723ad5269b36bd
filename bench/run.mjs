// `npm run bench` (after the build): how fast and how light clawdbot is, measured honestly on this
// machine. For every figure: the median of several runs, the spread (min..max), the budget and
// whether it is met, and a ratio where there is a reference measured in the same run. Prints one
// table and writes bench/results.json (with the machine it came from). Not part of npm test.
//
// A figure whose surface does not exist yet is reported as "not available", never estimated.
// Environment: BENCH_RUNS (default 7), BENCH_LOCK_RUNS (default 3), BENCH_ONLY=id,id (subset;
// BENCH_ONLY=dashboard-scale runs the 10,000-profile dashboard figures alone).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST_CLI = path.join(ROOT, 'dist', 'cli.js');
const DIST_INDEX = path.join(ROOT, 'dist', 'index.js');
const CHILD = path.join(ROOT, 'bench', 'child.mjs');
const WORKER = path.join(ROOT, 'test', 'helpers', 'store-worker.mjs');
// Acts as the Clawdbot gateway: proper-lockfile with the gateway's options on the same store.
const GATEWAY_WORKER = path.join(ROOT, 'test', 'helpers', 'gateway-lock-worker.mjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const LOCK_RUNS = Number(process.env.BENCH_LOCK_RUNS ?? 3);
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : undefined;
const MiB = 1024 * 1024;

if (!fs.existsSync(DIST_CLI) || !fs.existsSync(DIST_INDEX)) {
  console.error('bench: dist/ is missing; run `node scripts/build.mjs` first (npm run bench does).');
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Small utilities

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const spread = (xs) => ({ min: Math.min(...xs), max: Math.max(...xs) });
const round = (v, d = 1) => (v === null || v === undefined ? v : Math.round(v * 10 ** d) / 10 ** d);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function run(cmd, args, { env = process.env, input = '', timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - t0 });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

const HAVE_TIME = fs.existsSync('/usr/bin/time');
// Without /usr/bin/time: a preloaded module reports the process's own peak RSS on fd 3. It takes
// fs through process.getBuiltinModule: `import fs from 'node:fs'` builds fs's ESM facade, which
// loads fs/promises, readline and the streams (~3 MiB on a bare Node 26) into the process measured.
const RSS_PRELOAD = 'data:text/javascript,' + encodeURIComponent(
  "const fs = process.getBuiltinModule('node:fs'); process.on('exit', () => { try { fs.writeSync(3, String(process.resourceUsage().maxRSS)); } catch {} });",
);

/** Peak RSS in KiB of `node ...args`. */
async function peakRssKiB(args, env) {
  if (HAVE_TIME) {
    const r = await run('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { env });
    const m = /(\d+)\s*$/.exec(r.stderr.trim());
    if (!m) throw new Error(`/usr/bin/time gave no figure: ${r.stderr}`);
    return Number(m[1]);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', RSS_PRELOAD, ...args], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    let fd3 = '';
    child.stdio[3].on('data', (d) => (fd3 += d));
    child.on('error', reject);
    child.on('close', () => resolve(Number(fd3)));
  });
}

const figures = [];
function record(f) {
  figures.push(f);
  const m = f.median === null ? 'n/a' : `${round(f.median)} ${f.unit}`;
  process.stderr.write(`  ${f.id}: ${m}${f.meets === false ? '  (over budget)' : ''}\n`);
}
function notAvailable(id, name, budget, why) {
  record({ id, name, unit: '', median: null, spread: null, runs: 0, budget, ratio: null, meets: null, status: 'not available', note: why });
}
function want(id) {
  return !ONLY || [...ONLY].some((o) => id.startsWith(o));
}

// ---------------------------------------------------------------------------------------------
// Fixtures: a state dir with N profiles of every kind and state.

function makeStore(n, now = Date.now()) {
  const profiles = {};
  const usageStats = {};
  const providers = ['anthropic', 'openai', 'openai-codex', 'openrouter', 'google-gemini-cli', 'mistral', 'xai', 'groq'];
  for (let i = 0; i < n; i++) {
    const provider = providers[i % providers.length];
    const id = `${provider}:p${String(i).padStart(5, '0')}`;
    const kind = i % 3;
    const body = `${i.toString(36).padStart(6, '0')}Bench${'x'.repeat(32)}`;
    if (kind === 0) profiles[id] = { type: 'api_key', provider, key: `sk-bench-${body}` };
    else if (kind === 1) profiles[id] = { type: 'token', provider, token: `tok-bench-${body}`, expires: now + ((i % 7) - 2) * 86_400_000 };
    else
      profiles[id] = {
        type: 'oauth',
        provider,
        access: `acc-bench-${body}`,
        refresh: `ref-bench-${body}`,
        expires: now + ((i % 5) - 1) * 3_600_000,
        email: `user${i}@example.com`,
      };
    if (i % 4 === 0) usageStats[id] = { lastUsed: now - i * 1000, errorCount: i % 3, ...(i % 8 === 0 ? { cooldownUntil: now + 600_000 } : {}) };
  }
  return { version: 1, profiles, usageStats, lastGood: { anthropic: 'anthropic:p00000' } };
}

async function makeState(n) {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), `cb-bench-${n}-`));
  const home = path.join(root, 'home');
  const stateDir = path.join(root, 'state');
  const agentDir = path.join(stateDir, 'agents', 'main', 'agent');
  await fsp.mkdir(home, { recursive: true });
  await fsp.mkdir(agentDir, { recursive: true, mode: 0o700 });
  const storePath = path.join(agentDir, 'auth-profiles.json');
  await fsp.writeFile(storePath, JSON.stringify(makeStore(n), null, 2) + '\n', { mode: 0o600 });
  await fsp.writeFile(
    path.join(stateDir, 'clawdbot.json'),
    JSON.stringify({ agents: { defaults: { model: { primary: 'anthropic/claude-opus-4-5', fallbacks: ['openai/gpt-5.2'] } } }, env: { shellEnv: { enabled: false } } }, null, 2),
    { mode: 0o600 },
  );
  const env = { PATH: process.env.PATH, HOME: home, CLAWDBOT_STATE_DIR: stateDir, NO_COLOR: '1', LANG: 'C.UTF-8' };
  return { root, stateDir, agentDir, storePath, env, cleanup: () => fsp.rm(root, { recursive: true, force: true }) };
}

// ---------------------------------------------------------------------------------------------
// 1. models status --check / --json against `node -e 0`: wall time and peak RSS

// Issue 18: a cron check within 1.5x a bare Node's start-up and 10 MiB of its peak RSS, both
// measured in the same run on the same runtime.
const STATUS_WALL_RATIO = 1.5;
const STATUS_RSS_OVER_BARE_MIB = 10;

async function benchStatusCommands() {
  const st = await makeState(50);
  try {
    const variants = [
      { id: 'status-check', name: 'models status --check (50 profiles)', args: [DIST_CLI, 'models', 'status', '--check'] },
      { id: 'status-json', name: 'models status --json (50 profiles)', args: [DIST_CLI, 'models', 'status', '--json'] },
    ].filter((v) => want(v.id));
    if (!variants.length) return;
    const ref = { wall: [], rss: [] };
    const got = Object.fromEntries(variants.map((v) => [v.id, { wall: [], rss: [] }]));
    // Sanity: the command runs (exit 0, 1 or 2 are all answers from --check) and prints output.
    for (const v of variants) {
      const r = await run(process.execPath, v.args, { env: st.env });
      if (![0, 1, 2].includes(r.code) || (v.id === 'status-json' && !r.stdout.trim().startsWith('{'))) {
        for (const m of ['wall', 'rss']) notAvailable(`${v.id}-${m}`, v.name, '', `command failed: exit ${r.code}: ${r.stderr.trim().split('\n')[0]}`);
        got[v.id] = null;
      }
    }
    // Alternate reference and subjects so machine noise hits all of them alike.
    await run(process.execPath, ['-e', '0']);
    for (let i = 0; i < RUNS; i++) {
      ref.wall.push((await run(process.execPath, ['-e', '0'], { env: st.env })).ms);
      for (const v of variants) if (got[v.id]) got[v.id].wall.push((await run(process.execPath, v.args, { env: st.env })).ms);
      ref.rss.push(await peakRssKiB(['-e', '0'], st.env));
      for (const v of variants) if (got[v.id]) got[v.id].rss.push(await peakRssKiB(v.args, st.env));
    }
    const refWall = median(ref.wall);
    const refRss = median(ref.rss) / 1024;
    record({
      id: 'node-e-0-wall', name: 'reference: node -e 0', unit: 'ms', median: refWall, spread: spread(ref.wall), runs: RUNS,
      budget: null, ratio: null, meets: null, status: 'reference', note: `peak RSS ${round(refRss)} MiB`,
    });
    for (const v of variants) {
      const g = got[v.id];
      if (!g) continue;
      const wall = median(g.wall);
      record({
        id: `${v.id}-wall`, name: `${v.name}: wall time`, unit: 'ms', median: wall, spread: spread(g.wall), runs: RUNS,
        budget: `<= ${STATUS_WALL_RATIO}x node -e 0`, ratio: wall / refWall, meets: wall / refWall <= STATUS_WALL_RATIO, status: 'measured',
      });
      const rss = g.rss.map((k) => k / 1024);
      record({
        id: `${v.id}-rss`, name: `${v.name}: peak RSS`, unit: 'MiB', median: median(rss), spread: spread(rss), runs: RUNS,
        budget: `<= node -e 0 + ${STATUS_RSS_OVER_BARE_MIB} MiB (${round(refRss + STATUS_RSS_OVER_BARE_MIB)})`, ratio: median(rss) / refRss,
        meets: median(rss) - refRss <= STATUS_RSS_OVER_BARE_MIB, status: 'measured',
        note: `+${round(median(rss) - refRss)} MiB over node -e 0 (${round(refRss)} MiB) in the same run; via ${HAVE_TIME ? '/usr/bin/time -f %M' : 'process.resourceUsage()'}`,
      });
    }
  } finally {
    await st.cleanup();
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Store load + validate (+ status report) at 1,000 and 10,000 profiles, each in a fresh process

/**
 * A bench-only bundle of one source module, built like dist/ (production React, the patched Ink,
 * minified), into the temp dir. What the library does not export (the status report on its own,
 * the dashboard's tick hook) is measured through these, never through a hook in the library.
 */
async function bundleForBench(entry, name) {
  const { build } = await import('esbuild');
  const out = path.join(os.tmpdir(), `cb-bench-${name}-${process.pid}.mjs`);
  await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    minify: true,
    keepNames: true,
    external: ['open', '@lydell/node-pty'],
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { 'react-devtools-core': './scripts/empty-module.mjs' },
    banner: { js: "import { createRequire as __cbReq } from 'node:module'; const require = __cbReq(import.meta.url);" },
    logLevel: 'error',
  });
  return out;
}

async function bundleReport() {
  const report = path.join(ROOT, 'src', 'auth', 'report.ts');
  if (!fs.existsSync(report)) return undefined;
  return bundleForBench(report, 'report');
}

// The status report (load, validate, report) at 10,000 profiles: 60 ms since issue 18; the load
// alone keeps issue 9's 100 ms.
const budget10k = { load: 100, 'status-report': 60 };

async function benchLoadAndStatus() {
  const sizes = [1000, 10000];
  const kinds = [
    { id: 'load', name: 'store load + validate' },
    { id: 'status-report', name: 'store load + validate + status report' },
  ].filter((k) => want(`${k.id}-`));
  if (!kinds.length) return;
  let bundle;
  try {
    bundle = await bundleReport();
  } catch (err) {
    bundle = undefined;
    process.stderr.write(`  (status report bundle failed: ${String(err.message ?? err).split('\n')[0]})\n`);
  }
  const byKind = {};
  for (const n of sizes) {
    const st = await makeState(n);
    try {
      for (const k of kinds) {
        const id = `${k.id}-${n}`;
        if (k.id === 'status-report' && !bundle) {
          notAvailable(id, `${k.name} (${n} profiles)`, '', 'src/auth/report.ts is missing or did not bundle');
          continue;
        }
        const args = k.id === 'load' ? [CHILD, 'load', st.storePath] : [CHILD, 'status', st.stateDir, bundle];
        const ms = [];
        let failed;
        for (let i = 0; i < RUNS && !failed; i++) {
          const r = await run(process.execPath, args, { env: st.env });
          if (r.code !== 0) failed = r.stderr.trim().split('\n').slice(-1)[0];
          else ms.push(JSON.parse(r.stdout.trim().split('\n').pop()).ms);
        }
        if (failed) {
          notAvailable(id, `${k.name} (${n} profiles)`, '', `failed: ${failed}`);
          continue;
        }
        (byKind[k.id] ??= {})[n] = median(ms);
        record({
          id, name: `${k.name} (${n} profiles, cold process)`, unit: 'ms', median: median(ms), spread: spread(ms), runs: RUNS,
          budget: n === 10000 ? `<= ${budget10k[k.id]} ms` : null, ratio: null, meets: n === 10000 ? median(ms) <= budget10k[k.id] : null, status: 'measured',
        });
      }
    } finally {
      await st.cleanup();
    }
  }
  for (const k of kinds) {
    const t = byKind[k.id];
    if (!t?.[1000] || !t?.[10000]) continue;
    const growth = t[10000] / t[1000];
    record({
      id: `${k.id}-growth`, name: `${k.name}: time at 10,000 / time at 1,000 (10x the profiles)`, unit: 'x', median: growth,
      spread: null, runs: RUNS, budget: '<= 12.5x (linear, +25% for noise)', ratio: growth, meets: growth <= 12.5, status: 'measured',
      note: 'linear growth is 10x; a quadratic step would show as ~100x',
    });
  }
}

// 2b. Store load + validate at 100,000 profiles (issue 18), so the curve 1k / 10k / 100k shows
// whether the cost stays linear far beyond any real store. No absolute budget; the growth from
// 10,000 has the same linear budget as 1,000 -> 10,000.
async function benchLoad100k() {
  if (!want('load-100000') && !want('load-growth-100k')) return;
  const ms = [];
  const st = await makeState(100000);
  const small = await makeState(10000);
  const ms10k = [];
  try {
    let failed;
    for (let i = 0; i < RUNS && !failed; i++) {
      const r = await run(process.execPath, [CHILD, 'load', st.storePath], { env: st.env });
      if (r.code !== 0) failed = r.stderr.trim().split('\n').slice(-1)[0];
      else ms.push(JSON.parse(r.stdout.trim().split('\n').pop()).ms);
      // The 10,000-profile load again, alternating, so the growth compares runs under the same load.
      const r10 = await run(process.execPath, [CHILD, 'load', small.storePath], { env: small.env });
      if (r10.code === 0) ms10k.push(JSON.parse(r10.stdout.trim().split('\n').pop()).ms);
    }
    if (failed) {
      notAvailable('load-100000', 'store load + validate (100000 profiles, cold process)', '', `failed: ${failed}`);
      return;
    }
    const bytes = (await fsp.stat(st.storePath)).size;
    record({
      id: 'load-100000', name: 'store load + validate (100000 profiles, cold process)', unit: 'ms', median: median(ms), spread: spread(ms), runs: RUNS,
      budget: null, ratio: null, meets: null, status: 'measured', note: `store file ${round(bytes / MiB)} MiB`,
    });
    const growth = median(ms) / median(ms10k);
    record({
      id: 'load-growth-100k', name: 'store load + validate: time at 100,000 / time at 10,000 (10x the profiles)', unit: 'x', median: growth,
      spread: null, runs: RUNS, budget: '<= 12.5x (linear, +25% for noise)', ratio: growth, meets: growth <= 12.5, status: 'measured',
      note: `10,000 measured alternately in the same run: ${round(median(ms10k))} ms`,
    });
  } finally {
    await st.cleanup();
    await small.cleanup();
  }
}

// ---------------------------------------------------------------------------------------------
// 3. 16 processes x 200 locked updates; 4. a reader and a locked action while a writer is busy

function worker(args, env, script = WORKER) {
  const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  child.stdin.on('error', () => undefined);
  const exited = new Promise((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    exited,
    out: () => out,
    err: () => err,
    async line(re, timeoutMs = 60_000) {
      const end = Date.now() + timeoutMs;
      while (!re.test(out)) {
        if (Date.now() > end) throw new Error(`worker did not print ${re}: ${err}`);
        await sleep(5);
      }
      return re.exec(out);
    },
  };
}

async function benchLockedUpdates() {
  if (!want('locked-updates')) return;
  const PROCS = 16;
  const N = 200;
  const totals = [];
  let lost = 0;
  for (let r = 0; r < LOCK_RUNS; r++) {
    const st = await makeState(0);
    try {
      await fsp.writeFile(st.storePath, JSON.stringify({ version: 1, profiles: {}, counter: 0 }), { mode: 0o600 });
      const ws = Array.from({ length: PROCS }, (_, i) => worker(['updates', st.storePath, String(i), String(N), 'locked'], st.env));
      await Promise.all(ws.map((w) => w.line(/^ready$/m)));
      const t0 = performance.now();
      for (const w of ws) w.child.stdin.write('go\n');
      const codes = await Promise.all(ws.map((w) => w.exited));
      const ms = performance.now() - t0;
      if (codes.some((c) => c !== 0)) throw new Error(`a worker failed: ${ws.map((w) => w.err()).join('')}`);
      const doc = JSON.parse(await fsp.readFile(st.storePath, 'utf8'));
      lost += PROCS * N - doc.counter;
      totals.push(ms);
    } finally {
      await st.cleanup();
    }
  }
  const total = median(totals);
  record({
    id: 'locked-updates-total', name: '16 processes x 200 locked updates: total time', unit: 'ms', median: total, spread: spread(totals), runs: LOCK_RUNS,
    budget: '<= 30 s, 0 lost', ratio: null, meets: total <= 30_000 && lost === 0, status: 'measured', note: `${lost} updates lost over ${LOCK_RUNS} runs`,
  });
  const rates = totals.map((ms) => (PROCS * N) / (ms / 1000));
  record({
    id: 'locked-updates-rate', name: '16 processes x 200 locked updates: throughput', unit: 'updates/s', median: median(rates), spread: spread(rates), runs: LOCK_RUNS,
    budget: null, ratio: null, meets: null, status: 'measured',
  });
}

async function benchLockWait() {
  if (!want('busy-')) return;
  // Writers on a 1,000-profile store: one of ours rewriting it back to back (worst case); one
  // pausing 50 ms between writes (a gateway recording usage on ~20 requests a second); and that
  // paced writer together with a real proper-lockfile holder (the gateway's own lock library and
  // options, read-modify-write every 0..50 ms), so the wait covers both lock formats at one path.
  const variants = [
    ['back-to-back', 0, 'back to back', false],
    ['paced', 50, 'every 50 ms', false],
    ['gateway', 50, 'every 50 ms and a proper-lockfile (gateway) writer every 0..50 ms', true],
  ];
  for (const [tag, pauseMs, label, withGateway] of variants) {
    const st = await makeState(1000);
    try {
      const writer = worker(['writer', st.storePath, '1000', String(pauseMs)], st.env);
      await writer.line(/^gen \d+$/m);
      const gw = withGateway ? worker(['updates', st.storePath, '0', '1000000', '50'], st.env, GATEWAY_WORKER) : undefined;
      if (gw) {
        await gw.line(/^ready$/m);
        gw.child.stdin.write('go\n');
      }
      // The gateway writes its store in place (not atomically), so plain reads during its writes
      // can see a torn file: the read figure is measured without it.
      const reads = withGateway ? undefined : await run(process.execPath, [CHILD, 'read-during-write', st.storePath, '3000'], { env: st.env });
      const waits = await run(process.execPath, [CHILD, 'lock-wait', st.storePath, String(Math.max(20, RUNS * 4))], { env: st.env });
      const gens = (writer.out().match(/^gen \d+$/gm) ?? []).length;
      const gwFailures = (gw?.err().match(/^lock failed/gm) ?? []).length;
      for (const w of [writer, gw]) w?.child.kill('SIGKILL');
      await Promise.all([writer.exited, gw?.exited]);
      if ((reads && reads.code !== 0) || waits.code !== 0) throw new Error(`bench child failed: ${reads?.stderr ?? ''}${waits.stderr}`);
      if (reads) {
        const r = JSON.parse(reads.stdout.trim());
        record({
          id: `busy-read-${tag}`, name: `dashboard read (takes no lock) while a writer rewrites 1,000 profiles ${label}`, unit: 'ms', median: r.median,
          spread: { min: null, max: r.max, p95: r.p95 }, runs: r.n, budget: 'p95 <= 50 ms, 0 parse errors', ratio: null,
          meets: r.p95 <= 50 && r.errors === 0, status: 'measured', note: `${r.errors} parse errors in ${r.n} reads`,
        });
      }
      const w = JSON.parse(waits.stdout.trim());
      // Paced (a realistic busy gateway): the wait should be about one write. Back to back (the
      // worst case): no queue can make it one write, but it must stay bounded (no starvation).
      const budget = pauseMs > 0 ? { text: 'p95 <= 50 ms', ok: w.p95 <= 50 } : { text: 'max <= 1 s (no starvation)', ok: w.max <= 1000 };
      let gwNote = '';
      if (gw) {
        // Killed mid-write, the gateway may leave a torn file (it writes in place): then the count is unknown.
        let committed = 'an unknown number of';
        try {
          committed = String(JSON.parse(await fsp.readFile(st.storePath, 'utf8')).profiles?.['gw0:p']?.n ?? 0);
        } catch {
          /* torn */
        }
        gwNote = `; the proper-lockfile writer committed ${committed} updates with ${gwFailures} lock failures`;
      }
      record({
        id: `busy-lock-wait-${tag}`, name: `lock wait of a dashboard action (locked update) while a writer writes ${label}`, unit: 'ms', median: w.median,
        spread: { min: null, max: w.max, p95: w.p95 }, runs: w.n, budget: budget.text, ratio: null, meets: budget.ok && gwFailures === 0, status: 'measured',
        note: `the writer committed ${gens} generations meanwhile${gwNote}`,
      });
    } finally {
      await st.cleanup();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 5. First frame in a pseudo-terminal: onboard and the dashboard

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Z0-9]|\x1b[=>78c]/g;

async function firstFrameMs(pty, args, env, expect) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = pty.spawn(process.execPath, [DIST_CLI, ...args], { name: 'xterm-256color', cols: 100, rows: 30, cwd: ROOT, env });
    let raw = '';
    let done = false;
    const timer = setTimeout(() => finish(new Error(`no frame matching ${expect} within 10 s; got: ${raw.replace(ANSI, '').slice(0, 200)}`)), 10_000);
    function finish(err, ms) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      try {
        p.kill('SIGKILL');
      } catch {
        /* gone */
      }
      if (err) reject(err);
      else resolve({ ms, text: raw.replace(ANSI, '') });
    }
    p.onData((d) => {
      raw += d;
      if (expect.test(raw.replace(ANSI, ''))) finish(undefined, performance.now() - t0);
    });
    p.onExit(() => finish(new Error(`exited before a frame: ${raw.replace(ANSI, '').slice(0, 300)}`)));
  });
}

async function benchFirstFrames() {
  // "First frame": the first output with any visible text (the program's header); "ready": the
  // first screen the user can act on (the wizard's first question, the dashboard's profile rows).
  const targets = [
    { id: 'first-frame-onboard', name: 'onboard: spawn to first frame (pty)', args: ['onboard'], expect: /\S/ },
    { id: 'first-frame-onboard-ready', name: 'onboard: spawn to first question (pty)', args: ['onboard'], expect: /Step 1 of \d+/ },
    { id: 'first-frame-dashboard', name: 'dashboard: spawn to first frame (pty, 50 profiles)', args: ['models', 'status'], expect: /\S/ },
    { id: 'first-frame-dashboard-ready', name: 'dashboard: spawn to profile rows (pty, 50 profiles)', args: ['models', 'status'], expect: /anthropic:p\d+/ },
  ].filter((t) => want(t.id));
  if (!targets.length) return;
  let pty;
  try {
    pty = await import('@lydell/node-pty');
    pty = pty.default ?? pty;
  } catch (err) {
    for (const t of targets) notAvailable(t.id, t.name, '<= 300 ms', `@lydell/node-pty unavailable: ${err.message}`);
    return;
  }
  const st = await makeState(50);
  try {
    const env = { ...st.env, TERM: 'xterm-256color' };
    delete env.NO_COLOR;
    delete env.CI;
    for (const t of targets) {
      const ms = [];
      let failed;
      let text = '';
      try {
        await firstFrameMs(pty, t.args, env, t.expect); // warm the page cache
        for (let i = 0; i < RUNS; i++) {
          const r = await firstFrameMs(pty, t.args, env, t.expect);
          ms.push(r.ms);
          text = r.text;
        }
      } catch (err) {
        failed = String(err.message).split('\n')[0];
      }
      if (failed) {
        notAvailable(t.id, t.name, '<= 300 ms', failed);
        continue;
      }
      const first = text.split(/\r?\n/).map((l) => l.trim()).find((l) => t.expect.test(l)) ?? '';
      record({
        id: t.id, name: t.name, unit: 'ms', median: median(ms), spread: spread(ms), runs: RUNS, budget: '<= 300 ms', ratio: null,
        meets: median(ms) <= 300, status: 'measured', note: `first matching line: ${JSON.stringify(first.slice(0, 60))}`,
      });
    }
  } finally {
    await st.cleanup();
  }
}

// ---------------------------------------------------------------------------------------------
// 6. Dashboard render time per tick and bytes per tick at 1,000 profiles

/** components/dashboard/bench.tsx bundled once per bench run (the patched Ink, as dist/ has it). */
let dashboardHook;
function dashboardTickHook() {
  dashboardHook ??= (async () => {
    const { assertAllPatched } = await import('../scripts/patch-check.mjs');
    assertAllPatched(ROOT);
    return bundleForBench(path.join(ROOT, 'components', 'dashboard', 'bench.tsx'), 'dashboard');
  })();
  return dashboardHook;
}

async function benchDashboardTick() {
  if (!want('dashboard-tick')) return;
  // components/dashboard/bench.tsx renders the real dashboard for N profiles into an in-memory
  // terminal and times each once-a-second tick. One bundle, one fresh process per run.
  const name = 'dashboard render per tick (1,000 profiles)';
  let hook;
  try {
    hook = await dashboardTickHook();
  } catch (err) {
    const why = `dashboard bundle failed: ${String(err.message ?? err).split('\n')[0]}`;
    notAvailable('dashboard-tick-ms', name, '<= 5 ms median', why);
    notAvailable('dashboard-tick-bytes', 'dashboard bytes written per tick (1,000 profiles)', null, why);
    return;
  }
  const runs = [];
  for (let i = 0; i < Math.min(RUNS, 5); i++) {
    // Coloured, as on a terminal (the child's stdout is a pipe, which would switch colours off):
    // styles are part of what Ink composes on every frame.
    const r = await run(process.execPath, [CHILD, 'dashboard-tick', hook, '1000', '120'], { timeoutMs: 180_000, env: { ...process.env, FORCE_COLOR: '1' } });
    const last = r.stdout.trim().split('\n').pop() ?? '';
    let parsed;
    try {
      parsed = JSON.parse(last);
    } catch {
      parsed = { unavailable: `hook failed: exit ${r.code}: ${r.stderr.trim().split('\n').pop()}` };
    }
    if (parsed.unavailable) {
      notAvailable('dashboard-tick-ms', name, '<= 5 ms median', parsed.unavailable);
      notAvailable('dashboard-tick-bytes', 'dashboard bytes written per tick (1,000 profiles)', null, parsed.unavailable);
      return;
    }
    runs.push(parsed);
  }
  const medians = runs.map((r) => r.medianMs);
  const p95s = runs.map((r) => r.p95Ms);
  record({
    id: 'dashboard-tick-ms', name, unit: 'ms', median: median(medians), spread: spread(medians), runs: runs.length,
    budget: '<= 5 ms median', ratio: null, meets: median(medians) <= 5, status: 'measured',
    note: `median of per-run medians over ${runs[0].ticks} ticks each (${runs[0].cols}x${runs[0].rows} terminal, colours on); p95 ${round(median(p95s), 2)} ms; Ink render alone ${round(median(runs.map((r) => r.inkRenderMedianMs)), 2)} ms`,
  });
  const bytes = runs.map((r) => r.medianBytes);
  record({
    id: 'dashboard-tick-bytes', name: 'dashboard bytes written per tick (1,000 profiles)', unit: 'bytes', median: median(bytes), spread: spread(bytes),
    runs: runs.length, budget: null, ratio: null, meets: null, status: 'measured',
  });
  const first = runs.map((r) => r.firstFrameMs);
  record({
    id: 'dashboard-first-render', name: 'dashboard first render in memory (1,000 profiles, hook)', unit: 'ms', median: median(first), spread: spread(first),
    runs: runs.length, budget: null, ratio: null, meets: null, status: 'measured',
  });
}

// ---------------------------------------------------------------------------------------------
// 7. The dashboard at 10,000 profiles against 50 (issue 18): spawn to profile rows in a pty,
//    peak RSS, and the tick. Each budget is a ratio to a figure measured in this same run.

// A loopback stand-in for the usage endpoints: the dashboard asks them for every Anthropic and
// ChatGPT profile once its rows are up, and a bench never sends anything off this machine.
async function startUsageStandIn() {
  const http = await import('node:http');
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end('{"error":{"type":"authentication_error","message":"bench stand-in"}}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

// Peak RSS of a process that runs in a pty (where /usr/bin/time's report would land on the
// screen): a preloaded module writes process.resourceUsage().maxRSS (KiB) to a file at exit,
// without fs's ESM facade (see RSS_PRELOAD).
const RSS_TO_FILE = 'data:text/javascript,' + encodeURIComponent(
  "const fs = process.getBuiltinModule('node:fs'); process.on('exit', () => { try { fs.writeFileSync(process.env.CB_BENCH_RSS_OUT, String(process.resourceUsage().maxRSS)); } catch {} });",
);

/** Peak RSS (KiB) of the dashboard from spawn through its first rows and `settleMs` more of running (ticks, usage requests), then `q`. */
function dashboardPeakRssKiB(pty, env, expect, settleMs) {
  const out = path.join(os.tmpdir(), `cb-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  return new Promise((resolve, reject) => {
    const p = pty.spawn(process.execPath, ['--import', RSS_TO_FILE, DIST_CLI, 'models', 'status'], {
      name: 'xterm-256color', cols: 100, rows: 30, cwd: ROOT, env: { ...env, CB_BENCH_RSS_OUT: out },
    });
    let raw = '';
    let seen = false;
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error(`no profile rows within 30 s: ${raw.replace(ANSI, '').slice(0, 200)}`));
    }, 30_000);
    p.onData((d) => {
      raw += d;
      if (!seen && expect.test(raw.replace(ANSI, ''))) {
        seen = true;
        setTimeout(() => p.write('q'), settleMs);
      }
    });
    p.onExit(() => {
      clearTimeout(timer);
      try {
        const kib = Number(fs.readFileSync(out, 'utf8'));
        fs.rmSync(out, { force: true });
        if (!seen || !kib) throw new Error(`exited before its rows: ${raw.replace(ANSI, '').slice(0, 200)}`);
        resolve(kib);
      } catch (err) {
        reject(err);
      }
    });
  });
}

async function benchDashboardAtScale() {
  if (!want('dashboard-scale')) return;
  const sizes = [50, 10000];
  const ids = [
    'dashboard-scale-rows-50', 'dashboard-scale-rows-10000', 'dashboard-scale-rss-50', 'dashboard-scale-rss-10000',
    'dashboard-scale-tick-10000', 'dashboard-scale-bytes',
  ];
  let pty;
  try {
    pty = await import('@lydell/node-pty');
    pty = pty.default ?? pty;
  } catch (err) {
    for (const id of ids) notAvailable(id, id, null, `@lydell/node-pty unavailable: ${err.message}`);
    return;
  }
  const usageApi = await startUsageStandIn();
  const states = {};
  try {
    for (const n of sizes) {
      const st = await makeState(n);
      const env = { ...st.env, TERM: 'xterm-256color', ANTHROPIC_BASE_URL: usageApi.url, CLAWDBOT_CHATGPT_BASE_URL: usageApi.url };
      delete env.NO_COLOR;
      delete env.CI;
      states[n] = { st, env };
    }
    const rowsRe = /anthropic:p\d+/;

    // Spawn to profile rows, alternating `node -e 0`, 50 and 10,000 so machine noise hits all alike.
    const wall = { ref: [], 50: [], 10000: [] };
    let failed;
    try {
      for (const n of sizes) await firstFrameMs(pty, ['models', 'status'], states[n].env, rowsRe); // warm the page cache
      for (let i = 0; i < RUNS; i++) {
        wall.ref.push((await run(process.execPath, ['-e', '0'], { env: states[50].env })).ms);
        for (const n of sizes) wall[n].push((await firstFrameMs(pty, ['models', 'status'], states[n].env, rowsRe)).ms);
      }
    } catch (err) {
      failed = String(err.message).split('\n')[0];
    }
    if (failed) {
      for (const n of sizes) notAvailable(`dashboard-scale-rows-${n}`, `dashboard: spawn to profile rows (pty, ${n} profiles)`, null, failed);
    } else {
      const ref = median(wall.ref);
      const at50 = median(wall[50]);
      const at10k = median(wall[10000]);
      record({
        id: 'dashboard-scale-rows-50', name: 'dashboard: spawn to profile rows (pty, 50 profiles) vs node -e 0', unit: 'ms', median: at50,
        spread: spread(wall[50]), runs: RUNS, budget: '<= 5x node -e 0', ratio: at50 / ref, meets: at50 / ref <= 5, status: 'measured',
        note: `node -e 0 in the same run: ${round(ref)} ms (spread ${round(Math.min(...wall.ref))}..${round(Math.max(...wall.ref))})`,
      });
      record({
        id: 'dashboard-scale-rows-10000', name: 'dashboard: spawn to profile rows (pty, 10,000 profiles) vs 50 profiles', unit: 'ms', median: at10k,
        spread: spread(wall[10000]), runs: RUNS, budget: '<= 1.2x the 50-profile time', ratio: at10k / at50, meets: at10k / at50 <= 1.2, status: 'measured',
      });
    }

    // Peak RSS: a bare `node -e 0` with the same preload, then the dashboard at 50 and 10,000
    // through its first rows and two seconds of running (two ticks; the usage requests sent).
    const rss = { ref: [], 50: [], 10000: [] };
    failed = undefined;
    try {
      for (let i = 0; i < RUNS; i++) {
        const out = path.join(os.tmpdir(), `cb-bench-rss-ref-${process.pid}`);
        await run(process.execPath, ['--import', RSS_TO_FILE, '-e', '0'], { env: { ...states[50].env, CB_BENCH_RSS_OUT: out } });
        rss.ref.push(Number(fs.readFileSync(out, 'utf8')) / 1024);
        fs.rmSync(out, { force: true });
        for (const n of sizes) rss[n].push((await dashboardPeakRssKiB(pty, states[n].env, rowsRe, 2000)) / 1024);
      }
    } catch (err) {
      failed = String(err.message).split('\n')[0];
    }
    if (failed) {
      for (const n of sizes) notAvailable(`dashboard-scale-rss-${n}`, `dashboard peak RSS (${n} profiles)`, null, failed);
    } else {
      const ref = median(rss.ref);
      const at50 = median(rss[50]);
      const at10k = median(rss[10000]);
      record({
        id: 'dashboard-scale-rss-50', name: 'dashboard peak RSS (pty, 50 profiles) vs node -e 0', unit: 'MiB', median: at50, spread: spread(rss[50]),
        runs: RUNS, budget: '<= node -e 0 + 40 MiB', ratio: at50 / ref, meets: at50 - ref <= 40, status: 'measured',
        note: `node -e 0 ${round(ref)} MiB in the same run: +${round(at50 - ref)} MiB; via process.resourceUsage().maxRSS at exit`,
      });
      record({
        id: 'dashboard-scale-rss-10000', name: 'dashboard peak RSS (pty, 10,000 profiles) vs 50 profiles', unit: 'MiB', median: at10k, spread: spread(rss[10000]),
        runs: RUNS, budget: '<= the 50-profile figure + 10 MiB', ratio: at10k / at50, meets: at10k - at50 <= 10, status: 'measured',
        note: `+${round(at10k - at50)} MiB over 50 profiles`,
      });
    }

    // The tick: the bench's dashboard hook (as dashboard-tick above) at 50 and 10,000 profiles,
    // the first screen as it is (the tick's time), and filtered to the same ten profiles at both
    // sizes (bytes per tick: the two first screens show different profiles, with other countdowns).
    const ticks = { 50: [], 10000: [] };
    const sameRows = { 50: [], 10000: [] };
    const SAME_ROWS_FILTER = 'p0000';
    failed = undefined;
    const hook = await dashboardTickHook().catch((err) => {
      failed = `dashboard bundle failed: ${String(err.message ?? err).split('\n')[0]}`;
    });
    const tickRun = async (n, filter) => {
      const r = await run(process.execPath, [CHILD, 'dashboard-tick', hook, String(n), '120', ...(filter ? [filter] : [])], { timeoutMs: 300_000, env: { ...process.env, FORCE_COLOR: '1' } });
      try {
        return JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
      } catch {
        return { unavailable: `hook failed: exit ${r.code}: ${r.stderr.trim().split('\n').pop()}` };
      }
    };
    for (let i = 0; i < Math.min(RUNS, 5) && !failed; i++) {
      for (const n of sizes) {
        for (const [into, filter] of [[ticks, undefined], [sameRows, SAME_ROWS_FILTER]]) {
          const parsed = await tickRun(n, filter);
          if (parsed.unavailable) failed = parsed.unavailable;
          else into[n].push(parsed);
        }
      }
    }
    if (failed) {
      notAvailable('dashboard-scale-tick-10000', 'dashboard render per tick (10,000 profiles)', '<= 5 ms median', failed);
      notAvailable('dashboard-scale-bytes', 'dashboard bytes per tick, 10,000 vs 50 profiles', null, failed);
    } else {
      const ms = ticks[10000].map((r) => r.medianMs);
      record({
        id: 'dashboard-scale-tick-10000', name: 'dashboard render per tick (10,000 profiles)', unit: 'ms', median: median(ms), spread: spread(ms),
        runs: ms.length, budget: '<= 5 ms median', ratio: null, meets: median(ms) <= 5, status: 'measured',
        note: `50 profiles in the same run: ${round(median(ticks[50].map((r) => r.medianMs)), 2)} ms; CPU per tick at 10,000 ${round(median(ticks[10000].map((r) => r.cpuMedianMs)), 2)} ms; first render in memory ${round(median(ticks[10000].map((r) => r.firstFrameMs)))} ms`,
      });
      const b50 = median(sameRows[50].map((r) => r.medianBytes));
      const b10k = median(sameRows[10000].map((r) => r.medianBytes));
      record({
        id: 'dashboard-scale-bytes', name: 'dashboard bytes per tick, 10,000 profiles vs 50 (the same rows on screen)', unit: 'bytes', median: b10k, spread: spread(sameRows[10000].map((r) => r.medianBytes)),
        runs: sameRows[10000].length, budget: '<= the 50-profile figure', ratio: b50 ? b10k / b50 : null, meets: b10k <= b50, status: 'measured',
        note: `${b50} bytes per tick at 50 profiles, both filtered to "${SAME_ROWS_FILTER}" (the same ten profiles); unfiltered first screens (other profiles, other countdowns): ${median(ticks[50].map((r) => r.medianBytes))} at 50, ${median(ticks[10000].map((r) => r.medianBytes))} at 10,000`,
      });
    }
  } finally {
    await usageApi.close();
    for (const { st } of Object.values(states)) await st.cleanup();
  }
}

// ---------------------------------------------------------------------------------------------

const started = new Date();
process.stderr.write(`bench: ${RUNS} runs per figure (BENCH_RUNS), ${LOCK_RUNS} for the lock workload (BENCH_LOCK_RUNS)\n`);
await benchStatusCommands();
await benchLoadAndStatus();
await benchLoad100k();
await benchLockedUpdates();
await benchLockWait();
await benchFirstFrames();
await benchDashboardTick();
await benchDashboardAtScale();
for (const name of ['report', 'dashboard']) await fsp.rm(path.join(os.tmpdir(), `cb-bench-${name}-${process.pid}.mjs`), { force: true });

const cpus = os.cpus();
const machine = {
  cpus: cpus.length,
  cpuModel: cpus[0]?.model ?? 'unknown',
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  arch: os.arch(),
  totalMemMiB: Math.round(os.totalmem() / MiB),
  loadAvg: os.loadavg().map((l) => round(l, 2)),
};
const results = {
  generatedAt: started.toISOString(),
  durationS: round((Date.now() - started.getTime()) / 1000),
  machine,
  runsPerFigure: RUNS,
  figures: figures.map((f) => ({
    ...f,
    median: round(f.median, 2),
    spread: f.spread && Object.fromEntries(Object.entries(f.spread).map(([k, v]) => [k, round(v, 2)])),
    ratio: round(f.ratio, 2),
  })),
};
if (!ONLY) await fsp.writeFile(path.join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');

// The table
const rows = results.figures.map((f) => [
  f.name,
  f.median === null ? 'not available' : `${f.median} ${f.unit}`,
  !f.spread ? '' : f.spread.min === null ? `p95 ${f.spread.p95}, max ${f.spread.max}` : `${f.spread.min}..${f.spread.max}`,
  f.budget ?? '',
  f.ratio === null || f.ratio === undefined ? '' : `${f.ratio}x`,
  f.meets === null ? (f.status === 'not available' ? 'n/a' : '') : f.meets ? 'yes' : 'NO',
]);
const head = ['figure', 'median', 'spread', 'budget', 'ratio', 'meets'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
console.log(`\nclawdbot bench — ${machine.cpus} x ${machine.cpuModel}, Node ${machine.node}, ${machine.platform}, load ${machine.loadAvg.join(' ')}`);
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
for (const f of results.figures) if (f.note && f.status === 'not available') console.log(`  ${f.id}: ${f.note}`);
console.log(ONLY ? '\n(subset run: bench/results.json not written)' : `\nwrote bench/results.json`);
