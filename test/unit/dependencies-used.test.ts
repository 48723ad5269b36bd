// No dependency in package.json that nothing uses: every runtime dependency is imported by the
// code that ships, every dev dependency by a test, the bench, a build script or a tool's config
// (vitest.config.ts, eslint.config.js), or run by a script in package.json (tools and type packages).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sources(dirs: string[]): string {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx|mts|mjs|js)$/.test(e.name)) out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  for (const d of dirs) walk(path.join(ROOT, d));
  return out.join('\n');
}

const imports = (code: string, name: string) => new RegExp(`(from |import\\(|require(Cjs)?\\(|requirePackage(<[^>]*>)?\\()'${name.replace(/[/.]/g, '\\$&')}(/[^']*)?'`).test(code);

describe('package.json dependencies', () => {
  it('every runtime dependency is imported by the code that ships', () => {
    const shipped = sources(['src', 'components', 'flows']);
    const unused = Object.keys(pkg.dependencies).filter((d) => !imports(shipped, d));
    expect(unused).toEqual([]);
  });

  it('every dev dependency is imported by tests, bench or scripts, or run by an npm script', () => {
    // The configs count as code: ESLint's plugins and presets are imported by eslint.config.js alone.
    const dev = sources(['test', 'bench', 'scripts']) + ['vitest.config.ts', 'eslint.config.js'].map((f) => fs.readFileSync(path.join(ROOT, f), 'utf8')).join('\n');
    const scripts = Object.values(pkg.scripts).join('\n') + fs.readFileSync(path.join(ROOT, 'scripts/test.mjs'), 'utf8');
    // Tools npm scripts run by their binary name; type packages tsc reads.
    const ranBy: Record<string, RegExp> = {
      typescript: /\btsc\b|typescript\/bin\/tsc/,
      vitest: /\bvitest\b/,
      'patch-package': /\bpatch-package\b/,
    };
    const unused = Object.keys(pkg.devDependencies).filter((d) => {
      if (d.startsWith('@types/')) return !imports(dev + sources(['src', 'components', 'flows']), d.slice('@types/'.length)) && d !== '@types/node';
      if (ranBy[d]) return !ranBy[d].test(scripts);
      return !imports(dev, d);
    });
    expect(unused).toEqual([]);
  });
});
