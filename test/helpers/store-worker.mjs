// A child process for the store reliability tests and the bench. It imports the BUILT library
// (dist/index.js), so run `node scripts/build.mjs` first. It reports one event per stdout line
// (pipes are written synchronously on Linux, so a printed line means the step has happened).
//
//   updates <store> <workerId> <count> [locked|unlocked]
//       prints "ready", waits for "go" on stdin, then does <count> read-modify-writes, each one
//       setting its own profile `w<id>:p` (n = i+1) and bumping the shared top-level `counter`.
//       "unlocked" does the same read-modify-write with the same atomic write but no lock (a bug,
//       on purpose: the tests use it to prove they can catch lost updates). Prints "done <ms>".
//   writer <store> <profiles> [pauseMs]
//       loops forever: a locked update that rewrites every one of <profiles> bulk profiles with
//       generation g+1 and sets top-level `generation`; prints "gen <g>" after each commit, then
//       pauses pauseMs (default 0: back to back).
//   hold <store>
//       takes the lock, prints "locked", holds it until killed.
//   stall <store> <staleMs>
//       a locked update that adds `stall:x`, prints "locked", then waits for "go" on stdin before
//       returning; prints "wrote" or "error <code>".
//   usage <store> <profileId> <count>
//       like a gateway recording use: <count> locked updates bumping usageStats[<profileId>].uses;
//       prints "ready", waits for "go", prints "done <ms>".
//   read-loop <store> <ms>
//       plain reads (no lock) for <ms>; prints "reads <n> errors <m>".
import { readFileSync } from 'node:fs';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const lib = await import(pathToFileURL(path.resolve(import.meta.dirname, '..', '..', 'dist', 'index.js')).href);
const { updateAuthStore, readAuthStore, writePrivateFileAtomic, serializeAuthStore, withFileLock, parseAuthStore } = lib;

const [mode, store, ...rest] = process.argv.slice(2);
const say = (line) => process.stdout.write(line + '\n');
const quiet = () => undefined;

const stdinLines = readline.createInterface({ input: process.stdin });
const waitFor = (word) =>
  new Promise((resolve) => {
    const on = (line) => {
      if (line.trim() === word) {
        stdinLines.off('line', on);
        resolve();
      }
    };
    stdinLines.on('line', on);
  });

function mutateOne(doc, id, i) {
  doc.profiles[`w${id}:p`] = { type: 'api_key', provider: `w${id}`, key: `sk-worker-${id}-key-${i}`, n: i + 1 };
  doc.counter = (typeof doc.counter === 'number' ? doc.counter : 0) + 1;
}

switch (mode) {
  case 'updates': {
    const [id, countRaw, how = 'locked'] = rest;
    const count = Number(countRaw);
    say('ready');
    await waitFor('go');
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      if (how === 'unlocked') {
        const { store: doc } = await readAuthStore(store);
        mutateOne(doc, id, i);
        await writePrivateFileAtomic(store, serializeAuthStore(doc), quiet);
      } else {
        await updateAuthStore(store, (doc) => mutateOne(doc, id, i) ?? true, { warn: quiet, timeoutMs: 120_000 });
      }
    }
    say(`done ${Math.round(performance.now() - t0)}`);
    stdinLines.close();
    break;
  }
  case 'writer': {
    const profiles = Number(rest[0]);
    const pauseMs = Number(rest[1] ?? 0);
    const pad = 'x'.repeat(120);
    say('start');
    for (;;) {
      const g = await updateAuthStore(
        store,
        (doc) => {
          const gen = (typeof doc.generation === 'number' ? doc.generation : 0) + 1;
          doc.generation = gen;
          for (let i = 0; i < profiles; i++) {
            doc.profiles[`bulk:p${i}`] = { type: 'api_key', provider: 'bulk', key: `sk-bulk-${i}-${pad}`, gen };
          }
          return gen;
        },
        { warn: quiet },
      );
      say(`gen ${g}`);
      if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
    }
  }
  case 'hold': {
    await withFileLock(store, async () => {
      say('locked');
      await new Promise(() => setInterval(() => undefined, 1 << 30));
    });
    break;
  }
  case 'stall': {
    const staleMs = Number(rest[0]);
    try {
      await updateAuthStore(
        store,
        async (doc) => {
          doc.profiles['stall:x'] = { type: 'api_key', provider: 'stall', key: 'sk-stalled-writer' };
          say('locked');
          await waitFor('go');
          return true;
        },
        { warn: quiet, staleMs },
      );
      say('wrote');
    } catch (err) {
      say(`error ${err?.code ?? err?.name}`);
      process.exitCode = 3;
    }
    stdinLines.close();
    break;
  }
  case 'usage': {
    const [id, countRaw] = rest;
    say('ready');
    await waitFor('go');
    const t0 = performance.now();
    for (let i = 0; i < Number(countRaw); i++) {
      await updateAuthStore(
        store,
        (doc) => {
          doc.usageStats ??= {};
          const u = (doc.usageStats[id] ??= {});
          u.uses = (typeof u.uses === 'number' ? u.uses : 0) + 1;
          u.lastUsed = Date.now();
          return true;
        },
        { warn: quiet, timeoutMs: 120_000 },
      );
    }
    say(`done ${Math.round(performance.now() - t0)}`);
    stdinLines.close();
    break;
  }
  case 'read-loop': {
    const ms = Number(rest[0]);
    let reads = 0;
    let errors = 0;
    const end = Date.now() + ms;
    while (Date.now() < end) {
      try {
        parseAuthStore(store, readFileSync(store));
      } catch {
        errors++;
      }
      reads++;
      await new Promise((r) => setImmediate(r));
    }
    say(`reads ${reads} errors ${errors}`);
    stdinLines.close();
    break;
  }
  default:
    process.stderr.write(`unknown mode ${mode}\n`);
    process.exit(2);
}
