// Ink's internal files, as installed (patched by patches/ink+*.patch at `npm install`) and as
// published (the same file with the patch reversed), for tests that hold the patch to Ink's own
// behaviour. Ink's package exports only its entry, so its files are imported by URL: the same
// module instances Ink's entry (and so every component test) uses.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll } from 'vitest';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
// Ink's entry is build/index.js; its package exports nothing else.
export const INK_DIR = path.resolve(path.dirname(createRequire(path.join(REPO_ROOT, 'package.json')).resolve('ink')), '..');
const INK_VERSION = (JSON.parse(fs.readFileSync(path.join(INK_DIR, 'package.json'), 'utf8')) as { version: string }).version;
export const INK_PATCH = path.join(REPO_ROOT, 'patches', `ink+${INK_VERSION}.patch`);

export async function importInkFile<T>(file: string): Promise<T> {
  return (await import(pathToFileURL(path.join(INK_DIR, file)).href)) as T;
}

/** The text of one of Ink's files as published: the installed file with the patch reversed. */
export function unpatchedInkSource(file: string): string {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-ink-unpatched-'));
  try {
    const rel = path.join('node_modules', 'ink', file);
    fs.mkdirSync(path.dirname(path.join(scratch, rel)), { recursive: true });
    fs.copyFileSync(path.join(INK_DIR, file), path.join(scratch, rel));
    execFileSync('git', ['apply', '--reverse', `--include=${rel}`, INK_PATCH], { cwd: scratch, stdio: 'pipe' });
    return fs.readFileSync(path.join(scratch, rel), 'utf8');
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

const written: string[] = [];
afterAll(() => {
  for (const f of written.splice(0)) fs.rmSync(f, { force: true });
});

/**
 * One of Ink's files as published, loaded next to the installed one (so its imports resolve to
 * the same packages) under a name of its own, removed after the test file.
 */
export async function importUnpatchedInkFile<T>(file: string): Promise<T> {
  const source = unpatchedInkSource(file);
  if (source === fs.readFileSync(path.join(INK_DIR, file), 'utf8')) throw new Error(`${file} is not patched: run npm install (patch-package applies ${path.basename(INK_PATCH)})`);
  const target = path.join(INK_DIR, path.dirname(file), `.unpatched-${process.pid}-${path.basename(file)}`);
  fs.writeFileSync(target, source);
  written.push(target);
  return (await import(pathToFileURL(target).href)) as T;
}
