// A child process for the G8 refresh tests: imports the built library, prints "ready", then for
// each "go" line on stdin runs N concurrent ensureFreshCredential calls on one profile and prints
// one JSON line with what each caller got. Exits after `rounds` rounds.
// argv: <dist/index.js path> <profileId> <callers> [rounds=1] [agentId=main]
import { pathToFileURL } from 'node:url';

const [distPath, profileId, callersRaw, roundsRaw = '1', agentId = 'main'] = process.argv.slice(2);
const lib = await import(pathToFileURL(distPath).href);
const callers = Number(callersRaw);
const rounds = Number(roundsRaw);

let buf = '';
const waiting = [];
let pendingGo = 0;
process.stdin.on('data', (d) => {
  buf += d.toString();
  let i;
  while ((i = buf.indexOf('\n')) >= 0) {
    const line = buf.slice(0, i).trim();
    buf = buf.slice(i + 1);
    if (line !== 'go') continue;
    const w = waiting.shift();
    if (w) w();
    else pendingGo++;
  }
});
const nextGo = () =>
  pendingGo > 0 ? (pendingGo--, Promise.resolve()) : new Promise((resolve) => waiting.push(resolve));

const store = lib.openAgentStore(agentId, process.env, () => {});
process.stdout.write('ready\n');
for (let r = 0; r < rounds; r++) {
  await nextGo();
  const settled = await Promise.allSettled(
    Array.from({ length: callers }, () => lib.ensureFreshCredential(store, profileId, { backoffMs: 20 })),
  );
  const out = settled.map((s) =>
    s.status === 'fulfilled'
      ? { ok: true, access: s.value.access ?? s.value.token ?? s.value.key }
      : { ok: false, error: String(s.reason?.message ?? s.reason) },
  );
  process.stdout.write(JSON.stringify(out) + '\n');
}
process.stdin.destroy();
