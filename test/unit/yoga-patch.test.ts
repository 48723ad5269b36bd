// patches/yoga-layout+<version>.patch: Yoga (Ink's layout engine) loads its WebAssembly from a
// base64 `data:` URL embedded in its module. As published it hands that URL to the global
// `fetch` whenever one exists, so every Ink program on Node loads undici and decodes ~100 KB
// through it before its first frame. Patched, it decodes the URL itself. These tests check that
// neither what the component tests run (node_modules) nor what dist/ ships calls `fetch` while
// loading, that layout still works, and that the build refuses an unpatched Yoga.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain .mjs build script without type declarations
import { assertPatched, patchedPackages } from '../../scripts/patch-check.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const YOGA_DIR = path.resolve(path.dirname(createRequire(path.join(ROOT, 'package.json')).resolve('yoga-layout')), '../..');
const YOGA_VERSION = (JSON.parse(readFileSync(path.join(YOGA_DIR, 'package.json'), 'utf8')) as { version: string }).version;
const YOGA_PATCH = path.join(ROOT, 'patches', `yoga-layout+${YOGA_VERSION}.patch`);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'cb-yoga-patch-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Import `target` in a fresh Node whose global `fetch` records each call (and fails it, so a
 * loader that falls back still finishes); prints the calls and whether a Yoga layout computes.
 */
function loadWithFetchSpy(target: string, check: string): { fetchCalls: string[]; result: string } {
  const script = `
    const calls = [];
    globalThis.fetch = (url) => { calls.push(String(url).slice(0, 40)); return Promise.reject(new Error('no network in this test')); };
    const m = await import(${JSON.stringify(pathToFileURL(target).href)});
    const result = await (${check})(m);
    process.stdout.write(JSON.stringify({ fetchCalls: calls, result }));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '' } });
  return JSON.parse(out) as { fetchCalls: string[]; result: string };
}

describe('Yoga as the tests and dist/ load it', () => {
  it('node_modules/yoga-layout (what the component tests render through): loads without fetch and lays out', () => {
    const r = loadWithFetchSpy(
      path.join(YOGA_DIR, 'dist', 'src', 'index.js'),
      `(m) => { const Y = m.default; const n = Y.Node.create(); n.setWidth(12); n.setHeight(3); n.calculateLayout(); return n.getComputedWidth() + 'x' + n.getComputedHeight(); }`,
    );
    expect(r.fetchCalls).toEqual([]);
    expect(r.result).toBe('12x3');
  });

  it('dist/dashboard.js (what `models status` on a terminal loads): no fetch while loading', () => {
    const r = loadWithFetchSpy(path.join(ROOT, 'dist', 'dashboard.js'), `(m) => typeof m.runDashboardProgram`);
    expect(r.fetchCalls).toEqual([]);
    expect(r.result).toBe('function');
  });

  it('Yoga as published does call fetch (what the patch changes)', () => {
    const dir = path.join(scratch, 'published');
    cpSync(YOGA_DIR, path.join(dir, 'node_modules', 'yoga-layout'), { recursive: true });
    execFileSync('git', ['apply', '--reverse', YOGA_PATCH], { cwd: dir, stdio: 'pipe', env: { ...process.env, GIT_CEILING_DIRECTORIES: scratch } });
    const r = loadWithFetchSpy(path.join(dir, 'node_modules', 'yoga-layout', 'dist', 'src', 'index.js'), `(m) => typeof m.default.Node.create`);
    expect(r.fetchCalls).toEqual(['data:application/octet-stream;base64,AGF']);
    expect(r.result).toBe('function');
  });

  it('stops the build when node_modules/yoga-layout is not patched', () => {
    const fakeRoot = path.join(scratch, 'fake-root');
    const yogaDir = path.join(fakeRoot, 'node_modules', 'yoga-layout');
    mkdirSync(path.join(fakeRoot, 'patches'), { recursive: true });
    cpSync(YOGA_PATCH, path.join(fakeRoot, 'patches', path.basename(YOGA_PATCH)));
    cpSync(YOGA_DIR, yogaDir, { recursive: true });
    expect(() => assertPatched(fakeRoot, 'yoga-layout')).not.toThrow();
    execFileSync('git', ['apply', '--reverse', YOGA_PATCH], { cwd: fakeRoot, stdio: 'pipe', env: { ...process.env, GIT_CEILING_DIRECTORIES: scratch } });
    expect(() => assertPatched(fakeRoot, 'yoga-layout')).toThrow(/node_modules\/yoga-layout is not patched/);
    writeFileSync(path.join(yogaDir, 'package.json'), JSON.stringify({ name: 'yoga-layout', version: '99.0.0' }));
    expect(() => assertPatched(fakeRoot, 'yoga-layout')).toThrow(/yoga-layout 99\.0\.0 has no patch/);
    // The build checks every package patches/ has a patch for, this one included.
    expect(patchedPackages(ROOT)).toEqual(expect.arrayContaining(['ink', 'string-width', 'yoga-layout']));
    expect(patchedPackages(fakeRoot)).toEqual(['yoga-layout']);
  });
});
