// Which plain-value exports of a Node built-in Node itself loads on first read. `util.parseArgs`,
// `util.diff`, `fs.Dir` and others look like data properties, but reading one (even its property
// descriptor) makes Node compile the internal modules behind it. A bundle that reads every export
// of node:util at start-up loaded the argument parser, the diff engine and the worker_threads
// stack it never called (~1 MiB and ~3 ms of a dashboard start on Node 26).
//
// Asked of the Node that runs the build, in a fresh process per built-in (the build process has
// loaded much of Node already, which would hide what a read loads): each export is read in turn,
// forwards and then backwards in a second process (a module two exports share is charged to the
// first one read), and an export counts as lazy when reading it grew the module list.
import { execFile } from 'node:child_process';

const PROBE = `
const [id, order] = process.argv.slice(1);
const m = process.getBuiltinModule(id);
const keys = Object.keys(m);
if (order === 'backwards') keys.reverse();
const lazy = {};
for (const k of keys) {
  const before = process.moduleLoadList.length;
  const d = Object.getOwnPropertyDescriptor(m, k);
  if (process.moduleLoadList.length > before && d && 'value' in d) lazy[k] = typeof d.value === 'function' ? 'function' : 'value';
}
process.stdout.write(JSON.stringify(lazy));
`;

function probe(id, order) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', PROBE, id, order], { encoding: 'utf8' }, (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout))));
  });
}

const cache = new Map();

/** Export name -> 'function' or 'value', for the exports of built-in `id` (e.g. node:util) Node loads on first read. */
export function lazyBuiltinExports(id) {
  if (!cache.has(id)) cache.set(id, Promise.all([probe(id, 'forwards'), probe(id, 'backwards')]).then(([a, b]) => new Map(Object.entries({ ...a, ...b }))));
  return cache.get(id);
}
