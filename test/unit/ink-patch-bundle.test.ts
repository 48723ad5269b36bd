// dist/ ships Ink as patched by patches/ink+<version>.patch. These tests check the patch end to
// end: the real dashboard, driven through keys and ticks in three terminal sizes, draws the same
// frames byte for byte with Ink as published and with the patched Ink; the shipped bundle really
// contains the patched composer; and the build refuses an Ink that is not patched.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain .mjs build script without type declarations
import { assertPatched } from '../../scripts/patch-check.mjs';
import { INK_DIR, INK_PATCH, unpatchedInkSource } from '../helpers/ink-patch.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
// Inside the repo: the bundles resolve anything left external from node_modules.
const OUT = path.join(ROOT, '.vitest-tmp', `ink-patch-${process.pid}`);
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

async function bundle(name: string, plugins: unknown[]): Promise<string> {
  const outfile = path.join(OUT, `${name}.mjs`);
  await build({
    absWorkingDir: ROOT,
    entryPoints: [path.join(ROOT, 'test/fixtures/ink-frames/entry.tsx')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { 'react-devtools-core': './scripts/empty-module.mjs' },
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'error',
    plugins: plugins as never,
  });
  return outfile;
}

async function framesOf(file: string): Promise<string[]> {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '1' };
  delete env.CI; // Ink renders only the last frame under CI
  delete env.NO_COLOR;
  const { stdout } = await promisify(execFile)(process.execPath, [file], { env, maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
  return JSON.parse(stdout) as string[];
}

// Bundles Ink's files as published in place of the patched ones.
const PATCHED_FILES = [...readFileSync(INK_PATCH, 'utf8').matchAll(/^\+\+\+ b\/node_modules\/ink\/(\S+)$/gm)].map((m) => m[1]!);
const unpatchedInk = {
  name: 'unpatched-ink',
  setup(b: { onLoad(o: { filter: RegExp }, cb: (a: { path: string }) => { contents: string; loader: 'js'; resolveDir: string } | undefined): void }) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/].*\.js$/ }, (args) => {
      const file = path.relative(INK_DIR, args.path).split(path.sep).join('/');
      if (!PATCHED_FILES.includes(file)) return undefined;
      return { contents: unpatchedInkSource(file), loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

describe('Ink with patches/ink+*.patch (bundle)', () => {
  it('draws the real dashboard exactly as Ink as published does, frame for frame', async () => {
    expect(PATCHED_FILES).toContain('build/output.js');
    const [stockFile, fastFile] = await Promise.all([bundle('stock', [unpatchedInk]), bundle('fast', [])]);
    const [stock, fast] = await Promise.all([framesOf(stockFile), framesOf(fastFile)]);
    // The run is not trivial: frames of three sizes, coloured, with the rows and panels the keys open.
    expect(stock.length).toBeGreaterThan(60);
    const all = stock.join('');
    for (const s of ['anthropic:p00000', 'COOLDOWN', 'Keys', 'Switch agent', 'filter: p0', '\u001B[']) expect(all).toContain(s);
    expect(fast.length).toBe(stock.length);
    for (let i = 0; i < stock.length; i++) expect(fast[i], `frame ${i}`).toBe(stock[i]);
  }, 240_000);

  it('is what dist/ ships: the bundles contain the patched composer', () => {
    const chunks = ['chunks', 'lib-chunks'].flatMap((d) => readdirSync(path.join(ROOT, 'dist', d)).map((f) => path.join(ROOT, 'dist', d, f)));
    const texts = chunks.map((f) => readFileSync(f, 'utf8'));
    for (const name of ['composeRow(', 'collectWriteOperation(']) expect(texts.some((t) => t.includes(name)), name).toBe(true);
  });

  it('stops the build when node_modules/ink is not patched', () => {
    const fakeRoot = path.join(OUT, 'fake-root');
    const inkDir = path.join(fakeRoot, 'node_modules', 'ink');
    mkdirSync(path.join(fakeRoot, 'patches'), { recursive: true });
    cpSync(INK_PATCH, path.join(fakeRoot, 'patches', path.basename(INK_PATCH)));
    cpSync(INK_DIR, inkDir, { recursive: true });
    expect(() => assertPatched(fakeRoot, 'ink')).not.toThrow();
    for (const file of PATCHED_FILES) writeFileSync(path.join(inkDir, file), unpatchedInkSource(file));
    expect(() => assertPatched(fakeRoot, 'ink')).toThrow(/node_modules\/ink is not patched/);
    // Another Ink version, for which there is no patch: also refused.
    writeFileSync(path.join(inkDir, 'package.json'), JSON.stringify({ name: 'ink', version: '99.0.0' }));
    expect(() => assertPatched(fakeRoot, 'ink')).toThrow(/ink 99\.0\.0 has no patch/);
  });
});
