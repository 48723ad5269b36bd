// The bundle swaps two Ink internals for faster equivalents (scripts/ink-perf-plugin.mjs). These
// tests check the swap end to end: the real dashboard, driven through keys and ticks in three
// terminal sizes, draws the same frames byte for byte with Ink's own composer and with the
// replacement; the shipped bundle really contains the replacement; and a different Ink stops the
// build instead of shipping a composer written for another version.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain .mjs build script without type declarations
import { inkPerfPlugin } from '../../scripts/ink-perf-plugin.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
// Inside the repo: the bundles resolve anything left external from node_modules.
const OUT = path.join(ROOT, '.vitest-tmp', `ink-perf-${process.pid}`);
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

describe('Ink with the row-cached composer (bundle)', () => {
  it('draws the real dashboard exactly as stock Ink does, frame for frame', async () => {
    const [stockFile, fastFile] = await Promise.all([bundle('stock', []), bundle('fast', [inkPerfPlugin(ROOT)])]);
    const [stock, fast] = await Promise.all([framesOf(stockFile), framesOf(fastFile)]);
    // The run is not trivial: frames of three sizes, coloured, with the rows and panels the keys open.
    expect(stock.length).toBeGreaterThan(60);
    const all = stock.join('');
    for (const s of ['anthropic:p00000', 'COOLDOWN', 'Keys', 'Switch agent', 'filter: p0', '\u001B[']) expect(all).toContain(s);
    expect(fast.length).toBe(stock.length);
    for (let i = 0; i < stock.length; i++) expect(fast[i], `frame ${i}`).toBe(stock[i]);
  }, 240_000);

  it('is what dist/ ships: the bundles contain the replacement composer and terminal writer', () => {
    const chunks = ['chunks', 'lib-chunks'].flatMap((d) => readdirSync(path.join(ROOT, 'dist', d)).map((f) => path.join(ROOT, 'dist', d, f)));
    const texts = chunks.map((f) => readFileSync(f, 'utf8'));
    for (const name of ['"rowKey"', '"createLineDiffLog"']) expect(texts.some((t) => t.includes(name)), name).toBe(true);
  });

  it('stops the build when Ink is not the version the replacements were written for', () => {
    const fakeRoot = path.join(OUT, 'fake-root');
    const inkDir = path.join(fakeRoot, 'node_modules', 'ink');
    mkdirSync(path.join(inkDir, 'build'), { recursive: true });
    cpSync(path.join(ROOT, 'node_modules/ink/build'), path.join(inkDir, 'build'), { recursive: true });
    writeFileSync(path.join(inkDir, 'package.json'), JSON.stringify({ name: 'ink', version: '6.9.0' }));
    const setup = () => inkPerfPlugin(fakeRoot).setup({ onResolve() {}, onLoad() {}, onEnd() {} });
    expect(setup).toThrow(/ink is 6\.9\.0, the replacements were written for 6\.8\.0/);
    // Same version, edited file: also refused.
    writeFileSync(path.join(inkDir, 'package.json'), JSON.stringify({ name: 'ink', version: '6.8.0' }));
    writeFileSync(path.join(inkDir, 'build', 'output.js'), readFileSync(path.join(ROOT, 'node_modules/ink/build/output.js'), 'utf8') + '\n// edited\n');
    expect(setup).toThrow(/node_modules\/ink\/build\/output\.js is not the file/);
  });
});
