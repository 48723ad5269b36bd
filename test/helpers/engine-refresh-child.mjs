// A child process for the G8 refresh test: imports the built library, prints "ready", waits for
// "go" on stdin, then runs N concurrent ensureFreshCredential calls on one profile and prints one
// JSON line with what each caller got.
// argv: <dist/index.js path> <profileId> <callers> [agentId]
import { pathToFileURL } from 'node:url';

const [distPath, profileId, callersRaw, agentId = 'main'] = process.argv.slice(2);
const lib = await import(pathToFileURL(distPath).href);
const callers = Number(callersRaw);

process.stdout.write('ready\n');
await new Promise((resolve) => {
  let buf = '';
  process.stdin.on('data', (d) => {
    buf += d.toString();
    if (buf.includes('go')) resolve();
  });
});

const store = lib.openAgentStore(agentId, process.env, () => {});
const settled = await Promise.allSettled(
  Array.from({ length: callers }, () => lib.ensureFreshCredential(store, profileId, { backoffMs: 20 })),
);
const out = settled.map((s) =>
  s.status === 'fulfilled' ? { ok: true, access: s.value.access ?? s.value.token ?? s.value.key } : { ok: false, error: String(s.reason?.message ?? s.reason) },
);
process.stdout.write(JSON.stringify(out) + '\n');
process.stdin.destroy();
