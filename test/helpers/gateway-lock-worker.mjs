// Acts as the Clawdbot gateway on a store: proper-lockfile 4.1.2 with the gateway's exact options
// (realpath resolved by default, so the lock sits next to the real file), read, modify, a plain
// write as the gateway saves, unlock. One event per stdout line, like store-worker.mjs.
//
//   hold <file>
//       locks, prints "locked", holds (heartbeating) until "release" on stdin, unlocks, prints "released".
//   try <file>
//       locks (waiting with the gateway's retries), prints "locked", unlocks, prints "released";
//       or prints "error <code>" and exits 3.
//   updates <file> <workerId> <count> [pauseMs]
//       prints "ready", waits for "go", then <count> times: lock, read, set profile `gw<id>:p`
//       (n = i+1) and bump top-level `counter`, write, unlock. A failed lock is counted, not fatal.
//       Prints "done <ms> failures <n>".
import fs from 'node:fs';
import readline from 'node:readline';
import lockfile from 'proper-lockfile';

export const GATEWAY_LOCK_OPTIONS = {
  stale: 30_000,
  retries: { retries: 10, factor: 2, minTimeout: 100, maxTimeout: 10_000, randomize: true },
};

const [mode, file, ...rest] = process.argv.slice(2);
const say = (line) => process.stdout.write(line + '\n');
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

switch (mode) {
  case 'hold': {
    const unlock = await lockfile.lock(file, GATEWAY_LOCK_OPTIONS);
    say('locked');
    await waitFor('release');
    await unlock();
    say('released');
    stdinLines.close();
    break;
  }
  case 'try': {
    try {
      const unlock = await lockfile.lock(file, GATEWAY_LOCK_OPTIONS);
      say('locked');
      await unlock();
      say('released');
    } catch (err) {
      say(`error ${err?.code ?? err?.name}`);
      process.exitCode = 3;
    }
    stdinLines.close();
    break;
  }
  case 'updates': {
    const [id, countRaw, pauseRaw = '0'] = rest;
    const count = Number(countRaw);
    const pauseMs = Number(pauseRaw);
    say('ready');
    await waitFor('go');
    const t0 = performance.now();
    let failures = 0;
    for (let i = 0; i < count; i++) {
      let unlock;
      try {
        unlock = await lockfile.lock(file, GATEWAY_LOCK_OPTIONS);
      } catch (err) {
        failures++;
        process.stderr.write(`lock failed: ${err?.code ?? err}\n`);
        continue;
      }
      try {
        const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
        doc.profiles[`gw${id}:p`] = { type: 'api_key', provider: `gw${id}`, key: `sk-gateway-${id}-key-${i}`, n: i + 1 };
        doc.counter = (typeof doc.counter === 'number' ? doc.counter : 0) + 1;
        fs.writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
      } finally {
        await unlock();
      }
      if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs * Math.random()));
    }
    say(`done ${Math.round(performance.now() - t0)} failures ${failures}`);
    stdinLines.close();
    break;
  }
  default:
    process.stderr.write(`unknown mode ${mode}\n`);
    process.exit(2);
}
