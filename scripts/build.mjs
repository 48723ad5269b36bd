// Bundles the CLI and the library with esbuild. Bundling is not an optimisation we can skip:
// unbundled Ink costs ~350 ms to import on a 2-core box, and one-shot commands must start in
// a small multiple of `node -e 0`.
// - dist/cli.js: the CLI. Everything it imports statically (commander, the store, the engine)
//   is one module, because each extra ESM module costs resolve + compile + link time. Every UI
//   module (Ink, React, components, flows) is reached only through import() and lands in
//   dist/chunks/, loaded by the interactive surfaces alone.
// - dist/status.js: one-shot `models status` in one module (src/status-program.ts), loaded by
//   dist/cli.js before anything else when the command is one-shot.
// - dist/index.js: the library a gateway embeds, built separately so that sharing code with it
//   does not split the CLI's core into many small chunks.
import { build } from 'esbuild';
import { chmod, copyFile, link, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { assertInkPatched } from './ink-patch-check.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
assertInkPatched(root);
// Build into a private directory and swap it in, so a test that is running dist/cli.js in
// another process never sees a half-written bundle.
const tmpOut = `dist.tmp-${process.pid}`;
await rm(path.join(root, tmpOut), { recursive: true, force: true });

const esmShims = [
  "import { createRequire as __cbCreateRequire } from 'node:module';",
  "import { fileURLToPath as __cbFileURLToPath } from 'node:url';",
  "import { dirname as __cbDirname } from 'node:path';",
  'const require = __cbCreateRequire(import.meta.url);',
  // CJS dependencies (write-file-atomic hashes __filename into its temp names) expect these.
  'const __filename = __cbFileURLToPath(import.meta.url);',
  'const __dirname = __cbDirname(__filename);',
].join('\n');

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
};

const cli = await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts' },
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: `#!/usr/bin/env node\n${esmShims}` },
});
// dist/status.js: the one-shot `models status` (cron, monitors) as a single module with no
// imports of its own; src/cli.ts loads it by a runtime path, so the CLI build does not include it.
const status = await build({
  ...common,
  entryPoints: { status: 'src/status-program.ts' },
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
