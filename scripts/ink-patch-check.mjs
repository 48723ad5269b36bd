// The bundle ships Ink as installed in node_modules, which patch-package patches at `npm install`
// (patches/ink+<version>.patch, see patches/README.md). A build from an unpatched Ink (installed
// with --ignore-scripts, or a different Ink version than the patch was written for) would ship
// a slower renderer without saying so; this stops it instead.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function assertInkPatched(root) {
  const { version } = JSON.parse(readFileSync(path.join(root, 'node_modules', 'ink', 'package.json'), 'utf8'));
  const patch = path.join(root, 'patches', `ink+${version}.patch`);
  if (!existsSync(patch)) {
    throw new Error(`ink ${version} has no patch in patches/: port patches/ink+*.patch to it (see patches/README.md) or install the Ink version the patch is for.`);
  }
  try {
    // The patch reverses cleanly only onto files that carry it.
    // Git applies paths relative to the top of the repository it finds, and ignores files outside
    // the current directory; the ceiling keeps it from finding one above the project.
    const env = { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(root) };
    execFileSync('git', ['apply', '--check', '--reverse', path.relative(root, patch)], { cwd: root, env, stdio: 'pipe' });
  } catch {
    throw new Error(`node_modules/ink is not patched with ${path.relative(root, patch)}: run \`npm install\` (or \`npx patch-package\`).`);
  }
}
