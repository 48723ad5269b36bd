// `npm test`: lint, type-check, then the whole suite, on one supported Node (>= 22.12).
// Which Node:
// - $CLAWDBOT_TEST_NODE when it is set (.ci/run sets it to run the suite once per supported line);
// - otherwise the Node running this script: under npm, the first `node` on PATH, which is
//   node_modules/.bin/node (npm puts that directory first) when `npm install` found the machine's
//   own Node too old and fetched the pinned one (scripts/dev-node.mjs), else the machine's own.
// The chosen Node's directory goes first on PATH, so everything the tests start, by
// process.execPath (vitest's workers, the CLI under test) or by `node` on PATH (shebangs, shims),
// runs on the Node under test and not on the system's.
import { spawnSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIN, newEnough } from './dev-node.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `npm run lint`'s arguments, run here by the Node under test (npm would run eslint's bin on the
// pinned one). Its cache (content hashes, node_modules/.cache) only spares unchanged files.
const LINT_ARGS = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.lint.split(/\s+/).slice(1);
const requested = process.env.CLAWDBOT_TEST_NODE;
const node = requested ? path.resolve(requested) : process.execPath;

const probe = spawnSync(node, ['-p', 'process.version'], { encoding: 'utf8' });
if (probe.status !== 0) {
  console.error(`clawdbot: cannot run the Node to test with (${node}): ${(probe.stderr || probe.error?.message || '').trim().split('\n')[0]}`);
  process.exit(1);
}
const version = probe.stdout.trim();
if (!newEnough(version)) {
  console.error(
    `clawdbot: the tests need Node ${MIN.join('.')} or newer, but ${node} is ${version}; run \`npm install\` (it fetches the pinned Node when the machine's is older), then \`npm test\`.`,
  );
  process.exit(1);
}

const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}` };
console.log(`clawdbot tests: Node ${version} (${realpathSync(node)})`);

const steps = [
  ['lint', [path.join(root, 'node_modules/eslint/bin/eslint.js'), ...LINT_ARGS]],
  ['type-check', [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit']],
  ['suite', [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...process.argv.slice(2)]],
];
for (const [name, args] of steps) {
  const r = spawnSync(node, args, { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`clawdbot tests: ${name} failed on Node ${version}`);
    process.exit(r.status ?? 1);
  }
}
console.log(`clawdbot tests: passed on Node ${version}`);
