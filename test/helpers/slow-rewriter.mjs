// Rewrites a file in place the way Claude Code, older Codex builds and the gateway's plain
// writeFile do - truncate, then write - but slowly, in pieces, so a reader can catch it empty or cut
// short. Prints "ready", then rewrites it over and over (alternating between the given versions)
// until stdin says "stop"; then prints "stopped <rewrites>" and exits. A rewrite takes
// pieces x pauseMs (longer when the machine starves this process); each is reported as
// "rewrote <n> <truncated at> <whole again at>" (epoch ms), so a reader can tell a stalled writer
// from a short one. The file then stays whole for idleMs before the next one.
//   argv: <file> <pieces> <pauseMs> <idleMs> <version file>...
import fs from 'node:fs';
import readline from 'node:readline';

const [file, piecesRaw, pauseRaw, idleRaw, ...versionFiles] = process.argv.slice(2);
const pieces = Number(piecesRaw);
const pauseMs = Number(pauseRaw);
const idleMs = Number(idleRaw);
const versions = versionFiles.map((f) => fs.readFileSync(f));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let stop = false;
readline.createInterface({ input: process.stdin }).on('line', (l) => {
  if (l.trim() === 'stop') stop = true;
});
process.stdout.write('ready\n');
let n = 0;
while (!stop) {
  const bytes = versions[n % versions.length];
  const truncatedAt = Date.now();
  const fd = fs.openSync(file, 'w'); // O_TRUNC: the file is empty from here until the last piece
  const size = Math.ceil(bytes.length / pieces);
  for (let at = 0; at < bytes.length; at += size) {
    fs.writeSync(fd, bytes, at, Math.min(size, bytes.length - at));
    await sleep(pauseMs);
  }
  fs.closeSync(fd);
  n++;
  process.stdout.write(`rewrote ${n} ${truncatedAt} ${Date.now()}\n`);
  await sleep(idleMs);
}
process.stdout.write(`stopped ${n}\n`);
process.exit(0);
