// `models status --check/--json/--plain` run from cron and monitors every few minutes: they must
// load the one self-contained dist/status.js and no UI code (React, Ink, components), and the
// dashboard path must still reach the full program. Checked by recording every module a real run
// of dist/cli.js loads.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTempState, requireBuild, type TempState } from '../helpers/store-cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const REGISTER = pathToFileURL(path.join(ROOT, 'test/fixtures/module-trace/register.mjs')).href;
let t: TempState;
beforeAll(() => requireBuild());
afterEach(async () => t?.cleanup());

/** Bundled chunks have hashed names: UI code is recognised by what is in the file. */
function hasUiCode(relPath: string): boolean {
  const text = readFileSync(path.join(ROOT, relPath), 'utf8');
  return text.includes('ink-box') || text.includes('react.transitional.element') || text.includes('yoga-layout');
}

function modulesLoaded(args: string[], env: NodeJS.ProcessEnv): string[] {
  const file = path.join(t.root, 'modules.txt');
  rmSync(file, { force: true });
  try {
    execFileSync(process.execPath, ['--import', REGISTER, path.join(ROOT, 'dist/cli.js'), ...args], { env: { ...env, MODULE_TRACE_FILE: file }, stdio: 'pipe' });
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status !== 1 && status !== 2) throw err; // --check answers with 1 or 2 too
  }
  return readFileSync(file, 'utf8').trim().split('\n').filter((u) => u.startsWith('file:') && !u.includes('/test/fixtures/module-trace/'));
}

describe('what a one-shot models status loads', () => {
  it.each([['--check'], ['--json'], ['--plain']])('models status %s: dist/cli.js, a runtime chunk or two, dist/status.js; no UI', async (flag) => {
    t = await makeTempState('cb-h-mods-');
    const loaded = modulesLoaded(['models', 'status', flag], t.env);
    const rel = loaded.map((u) => path.relative(ROOT, new URL(u).pathname));
    expect(rel).toContain('dist/status.js');
    expect(rel.filter(hasUiCode)).toEqual([]);
    expect(rel.length, rel.join('\n')).toBeLessThanOrEqual(5);
  });

  it('any other command goes through the full program, still without UI code for a one-shot command', async () => {
    t = await makeTempState('cb-h-mods-');
    const rel = modulesLoaded(['models', 'auth', 'list'], t.env).map((u) => path.relative(ROOT, new URL(u).pathname));
    expect(rel).not.toContain('dist/status.js');
    expect(rel.some((f) => readFileSync(path.join(ROOT, f), 'utf8').includes('commander'))).toBe(true);
    expect(rel.filter(hasUiCode)).toEqual([]);
  });

  it('the UI check itself finds Ink in the dashboard chunk (so the checks above can fail)', () => {
    const chunks = readdirSync(path.join(ROOT, 'dist/chunks')).map((f) => path.join('dist/chunks', f));
    expect(chunks.some(hasUiCode)).toBe(true);
    expect(hasUiCode('dist/status.js')).toBe(false);
  });
});
