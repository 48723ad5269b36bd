// Bundles the CLI and the library with esbuild. Bundling is not an optimisation we can skip:
// unbundled Ink costs ~350 ms to import on a 2-core box, and one-shot commands must start in
// a small multiple of `node -e 0`.
// - dist/cli.js: the entry, one small module with no imports: it decides between the two below.
// - dist/program.js: the full program. Everything it imports statically (commander, the store,
//   the engine) is one module, because each extra ESM module costs resolve + compile + link time.
//   Every UI module (Ink, React, components, flows) is reached only through import() and lands
//   in dist/chunks/, loaded by the interactive surfaces alone.
// - dist/status.js: one-shot `models status` in one module (src/status-program.ts), loaded by
//   dist/cli.js when the command is one-shot.
// - dist/dashboard.js: `models status` on a terminal (the live dashboard, Ink included) in one
//   module (src/dashboard-program.ts), loaded by dist/cli.js instead of the full program.
// - dist/index.js: the library a gateway embeds, built separately so that sharing code with it
//   does not split the CLI's core into many small chunks.
import { build } from 'esbuild';
import { chmod, copyFile, link, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { assertAllPatched } from './patch-check.mjs';
import { lazyBuiltinExports } from './lazy-builtin-exports.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
assertAllPatched(root);
// Build into a private directory and swap it in, so a test that is running dist/cli.js in
// another process never sees a half-written bundle.
const tmpOut = `dist.tmp-${process.pid}`;
await rm(path.join(root, tmpOut), { recursive: true, force: true });

// process.getBuiltinModule (Node >= 22.3) instead of `import ... from 'node:...'` here and below:
// see builtinsWithoutEsmFacade.
const esmShims = [
  "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);",
  // CJS dependencies (write-file-atomic hashes __filename into its temp names) expect these.
  "const __filename = process.getBuiltinModule('node:url').fileURLToPath(import.meta.url);",
  "const __dirname = process.getBuiltinModule('node:path').dirname(__filename);",
].join('\n');

// Built-ins of async functions that the one-shot status no longer calls (its few small reads are
// blocking calls): loading node:fs/promises and what it pulls in cost ~4 ms of `models status
// --check` (1.62x -> 1.43x a bare Node in alternating runs). Their modules load on the first call
// of one of their functions instead; only functions are exported (a constant imported by name
// fails the build), and the default export reads through to the module.
// node:child_process too: terminal-size (Ink) imports it for a fallback it seldom runs, and ours is
// only ever needed to run a command.
const LOADED_ON_FIRST_CALL = new Set(['node:fs/promises', 'node:child_process']);
/** A built-in's own data properties that can be exported by name, those `keep` accepts. */
function exportableNames(mod, keep) {
  return Object.keys(mod).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && !RESERVED.has(k) && keep(Object.getOwnPropertyDescriptor(mod, k)));
}
function lazyBuiltin(id) {
  const fns = exportableNames(process.getBuiltinModule(id), (d) => typeof d.value === 'function');
  return [
    'let m;',
    `const load = () => (m ??= process.getBuiltinModule(${JSON.stringify(id)}));`,
    'export default new Proxy({}, { get: (_, k) => load()[k], has: (_, k) => k in load() });',
    ...fns.map((k) => forwarder(k, `load().${k}`)),
  ].join('\n');
}
/** A function export that reaches `target` only when called (or constructed: `new` builds the real class's instance). */
function forwarder(name, target) {
  return `export function ${name}(...a) { return new.target ? Reflect.construct(${target}, a) : ${target}.apply(this, a); }`;
}

// `import fs from 'node:fs'` in an ES module makes Node build the module's ESM facade, which
// reads every export, getters included: `fs.promises` and `fs.ReadStream` load fs/promises and
// the whole streams stack (~30 internal modules, ~4 ms and ~2 MiB on Node 26) before a line of
// ours runs. Each statically imported `node:` module becomes a small ES module around
// process.getBuiltinModule (no facade) that re-exports the built-in's plain values by name;
// getters are left out, so `import { promises } from 'node:fs'` fails the build instead of
// loading fs/promises. Not CommonJS: esbuild's CommonJS interop copies every property of the
// module with a getter per property, a loop hot enough on fs to start Maglev (+3 MiB RSS).
// Dynamic import() of a built-in is left alone.
const builtinsWithoutEsmFacade = {
  name: 'builtins-without-esm-facade',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => (args.kind === 'import-statement' ? { path: args.path, namespace: 'node-builtin', sideEffects: false } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'node-builtin' }, async (args) => {
      if (LOADED_ON_FIRST_CALL.has(args.path)) return { contents: lazyBuiltin(args.path), loader: 'js' };
      // What Node loads on first read (scripts/lazy-builtin-exports.mjs) is not read at start-up:
      // a function is reached through a forwarder when called; another value is not exported, so
      // importing one fails the build rather than quietly costing every start.
      const lazy = await lazyBuiltinExports(args.path);
      const mod = process.getBuiltinModule(args.path);
      const names = exportableNames(mod, (d) => 'value' in d).filter((k) => lazy.get(k) !== 'value');
      return {
        contents: [
          `const m = process.getBuiltinModule(${JSON.stringify(args.path)});`,
          'export default m;',
          ...names.map((k) => (lazy.has(k) ? forwarder(k, `m.${k}`) : `export const ${k} = m.${k};`)),
        ].join('\n'),
        loader: 'js',
      };
    });
  },
};
const RESERVED = new Set(['default', 'delete', 'import', 'export', 'function', 'class', 'const', 'let', 'var', 'new', 'in', 'of', 'for', 'if', 'do', 'while', 'with', 'yield', 'await', 'enum', 'static', 'super', 'this', 'void', 'typeof', 'instanceof', 'return', 'throw', 'try', 'catch', 'finally', 'switch', 'case', 'break', 'continue', 'debugger', 'extends', 'null', 'true', 'false']);

const common = {
  absWorkingDir: root,
  outdir: tmpOut,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  sourcemap: false,
  legalComments: 'none',
  minify: true,
  keepNames: true,
  // `open` locates its bundled xdg-open script relative to its own file, so it must stay a real
  // package; it is only imported when a browser is actually opened.
  external: ['open', '@lydell/node-pty'],
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink imports react-devtools-core only when DEV is set; keep it out of the bundle.
  alias: { 'react-devtools-core': './scripts/empty-module.mjs' },
  logLevel: 'warning',
  metafile: true,
  plugins: [builtinsWithoutEsmFacade],
};

// dist/cli.js: the entry alone (the fast-path parser and the terminal check), with no imports,
// so deciding where to go costs one module. It loads dist/status.js or dist/program.js by a
// runtime path; dist/program.js and the chunks it shares with the UI are built separately.
await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts' },
  splitting: false,
  banner: { js: `#!/usr/bin/env node\n${esmShims}` },
});
const cli = await build({
  ...common,
  entryPoints: { program: 'src/program.ts' },
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: esmShims },
});
// dist/status.js: the one-shot `models status` (cron, monitors) as a single module with no
// imports of its own; src/cli.ts loads it by a runtime path, so the CLI build does not include it.
const status = await build({
  ...common,
  entryPoints: { status: 'src/status-program.ts' },
  splitting: false,
  banner: { js: esmShims },
});
// dist/dashboard.js: `models status` on a terminal, the live dashboard with Ink, also one module
// (src/dashboard-program.ts), loaded by dist/cli.js by runtime path.
await build({
  ...common,
  entryPoints: { dashboard: 'src/dashboard-program.ts' },
  splitting: false,
  banner: { js: esmShims },
});
const uiInStatus = Object.keys(status.metafile.inputs).filter((f) => /node_modules[\\/](ink|react|yoga-layout)[\\/]/.test(f) || f.startsWith('components/'));
if (uiInStatus.length) throw new Error(`dist/status.js must not contain UI code, but it includes ${uiInStatus.slice(0, 3).join(', ')}`);
const lib = await build({
  ...common,
  entryPoints: { index: 'src/index.ts' },
  splitting: true,
  chunkNames: 'lib-chunks/[name]-[hash]',
  banner: { js: esmShims },
});
if (process.env.BUILD_META) {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(path.join(root, tmpOut, 'meta.json'), JSON.stringify(cli.metafile));
}
if (process.env.BUILD_ANALYZE) {
  const { analyzeMetafile } = await import('esbuild');
  console.log(await analyzeMetafile(cli.metafile));
  console.log(await analyzeMetafile(lib.metafile));
}
await chmod(path.join(root, tmpOut, 'cli.js'), 0o755);
// A process started from the previous build may still import its chunks after the swap (tests
// rebuild while others run). Chunk names are content hashes, so carrying recent old chunks into
// the new build never overwrites anything; ones older than 15 minutes are left to be removed.
const CARRY_MS = 15 * 60_000;
for (const sub of ['chunks', 'lib-chunks']) {
  const names = await readdir(path.join(root, 'dist', sub)).catch(() => []);
  await mkdir(path.join(root, tmpOut, sub), { recursive: true });
  for (const name of names) {
    const from = path.join(root, 'dist', sub, name);
    const to = path.join(root, tmpOut, sub, name);
    const st = await stat(from).catch(() => undefined);
    if (!st || Date.now() - st.mtimeMs > CARRY_MS) continue;
    if (await stat(to).catch(() => undefined)) continue;
    await link(from, to).catch(() => copyFile(from, to));
  }
}
const old = `dist.old-${process.pid}`;
await rename(path.join(root, 'dist'), path.join(root, old)).catch(() => undefined);
await rename(path.join(root, tmpOut), path.join(root, 'dist'));
await rm(path.join(root, old), { recursive: true, force: true });
