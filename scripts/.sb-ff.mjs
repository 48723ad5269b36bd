// spawn-to-first-dashboard-rows in a pty, alternating dist dirs: node .sb-ff.mjs runs stateDir distA distB ...
import pty from '@lydell/node-pty';
const [runs, dir, ...dists] = process.argv.slice(2);
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[()][A-Z0-9]|\x1b[=>78]/g;
const env = { PATH: process.env.PATH, HOME: dir + '/home', CLAWDBOT_STATE_DIR: dir + '/state', LANG: 'C.UTF-8', TERM: 'xterm-256color', ...(process.env.EXTRA ? JSON.parse(process.env.EXTRA) : {}) };
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
function once(spec, expect) {
  const [d, flag] = spec.split(':'); const cli = d + '/cli.js'; const e = flag === 'nocache' ? { ...env, NODE_DISABLE_COMPILE_CACHE: '1' } : env;
  return new Promise((resolve, reject) => {
    const t0 = performance.now(); let raw = ''; let done = false;
    const p = pty.spawn(process.execPath, [cli, 'models', 'status'], { cols: 120, rows: 40, env: e, cwd: dir });
    const timer = setTimeout(() => fin(new Error('timeout ' + raw.slice(0, 200))), 10000);
    function fin(err, ms) { if (done) return; done = true; clearTimeout(timer); try { p.kill('SIGKILL'); } catch {} err ? reject(err) : resolve(ms); }
    p.onData((d) => { raw += d; if (expect.test(raw.replace(ANSI, ''))) fin(undefined, performance.now() - t0); });
    p.onExit(() => fin(new Error('exited: ' + raw.replace(ANSI, '').slice(0, 300))));
  });
}
const res = dists.map(() => ({ first: [], rows: [] }));
for (const d of dists) { await once(d, /anthropic:p\d+/); }
for (let i = 0; i < Number(runs); i++) for (const [j, d] of dists.entries()) { res[j].first.push(await once(d, /\S/)); res[j].rows.push(await once(d, /anthropic:p\d+/)); }
dists.forEach((d, j) => console.log(`${d}: first frame ${med(res[j].first).toFixed(1)} ms, profile rows ${med(res[j].rows).toFixed(1)} ms`));
