// The bundle ships dependencies as installed in node_modules, which patch-package patches at
// `npm install` (patches/<name>+<version>.patch, see patches/README.md). A build from an unpatched
// copy (installed with --ignore-scripts, or another version than the patch was written for) would
// ship a slower program without saying so; this stops it instead.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The packages patches/ holds a patch for, from the file names patch-package gives them
 * (`<name>+<version>.patch`, a scope's `/` written as `+`); every one must be patched for its
 * installed version.
 */
export function patchedPackages(root) {
  return readdirSync(path.join(root, 'patches'))
    .map((f) => /^(.+)\+[^+]+\.patch$/.exec(f)?.[1])
    .filter((name) => name !== undefined)
    .map((name) => name.replace('+', '/'));
}

export function assertPatched(root, name) {
  const { version } = JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8'));
  const patch = path.join(root, 'patches', `${name}+${version}.patch`);
  if (!existsSync(patch)) {
    throw new Error(`${name} ${version} has no patch in patches/: port patches/${name}+*.patch to it (see patches/README.md) or install the ${name} version the patch is for.`);
  }
  try {
    // The patch reverses cleanly only onto files that carry it.
    // Git applies paths relative to the top of the repository it finds, and ignores files outside
    // the current directory; the ceiling keeps it from finding one above the project.
    const env = { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(root) };
    execFileSync('git', ['apply', '--check', '--reverse', path.relative(root, patch)], { cwd: root, env, stdio: 'pipe' });
  } catch {
    throw new Error(`node_modules/${name} is not patched with ${path.relative(root, patch)}: run \`npm install\` (or \`npx patch-package\`).`);
  }
}

export function assertAllPatched(root) {
  for (const name of new Set(patchedPackages(root))) assertPatched(root, name);
}
