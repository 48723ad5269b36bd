// The Node that builds, tests and benches: `npm install` runs this first (package.json `preprepare`).
// The build and the suite need Node >= 22.12 (the floor our users run), but a development machine
// may have an older system Node that only runs npm. Then this fetches the Node of
// package.json `config.devNode` from the npm registry (the `node-<os>-<cpu>` package, which ships
// bin/node), unpacks it under node_modules/.cache and links it as node_modules/.bin/node, which npm
// scripts find first on PATH: `prepare` (the build), `npm test` and `npm start` run on
// it. With a Node that is new enough, nothing is fetched. It is not a dev dependency because npm
// refuses a whole install when a dependency is for another platform (EBADPLATFORM). It is a
// script of its own (preprepare), not the start of `prepare`: a shell that has looked `node` up
// once keeps using that one, so `prepare`'s own `node` must be looked up in a new shell.
// Runs on whatever Node runs npm: plain Node built-ins only, syntax any supported npm runs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The oldest Node the build, the suite and our users run (Clawdbot 2026.1.x's floor). */
export const MIN = [22, 12];
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where fetched Node builds are unpacked, one directory per package and version. */
const CACHE = path.join(root, 'node_modules', '.cache', 'clawdbot-dev-node');

/** Whether `version` (`v22.12.0` or `22.12.0`) is at least MIN. */
export function newEnough(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > MIN[0] || (major === MIN[0] && minor >= MIN[1]);
}

/** The npm package with a Node build for this machine, if the registry has one. */
export function nodePackageFor(platform, arch) {
  const os = { linux: 'linux', darwin: 'darwin' }[platform];
  return os && ['x64', 'arm64'].includes(arch) ? `node-${os}-${arch}` : undefined;
}

/** The version a Node binary reports, or undefined when it does not run. */
function versionOf(bin) {
  try {
    return execFileSync(bin, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** npm itself: the one running this script when there is one (npm sets npm_execpath). */
function npm(args, cwd) {
  const cli = process.env.npm_execpath;
  const [cmd, argv] = cli && /\.c?js$/.test(cli) ? [process.execPath, [cli, ...args]] : ['npm', args];
  return execFileSync(cmd, argv, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/**
 * bin/node of `pkg@version`, unpacked under `cacheDir` (reused when it is there and runs). Throws
 * with npm's or tar's first line when the registry or the archive fails.
 */
export function fetchNode(pkg, version, cacheDir) {
  const dir = path.join(cacheDir, `${pkg}@${version}`);
  const bin = path.join(dir, 'package', 'bin', 'node');
  if (versionOf(bin) === `v${version}`) return bin;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    npm(['pack', '--loglevel=error', '--pack-destination', dir, `${pkg}@${version}`], dir);
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${pkg}@${version} wrote no archive`);
    execFileSync('tar', ['-xzf', tarball], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    rmSync(path.join(dir, tarball));
    if (versionOf(bin) !== `v${version}`) throw new Error(`${pkg}@${version} unpacked, but its bin/node does not run here`);
    return bin;
  } catch (err) {
    // Nothing half-unpacked is left to be taken for a Node next time.
    rmSync(dir, { recursive: true, force: true });
    throw new Error(firstLine(err), { cause: err });
  }
}

/** Point node_modules/.bin/node at `bin` (a relative link, replaced in one rename). */
function linkNode(bin) {
  const binDir = path.join(root, 'node_modules', '.bin');
  mkdirSync(binDir, { recursive: true });
  const tmp = path.join(binDir, `.node-${process.pid}`);
  rmSync(tmp, { force: true });
  symlinkSync(path.relative(binDir, bin), tmp);
  renameSync(tmp, path.join(binDir, 'node'));
}

/** The line of a failure that says what went wrong (npm's `npm error code E404` only names it). */
function firstLine(err) {
  const lines = String(err?.stderr || err?.message || err).split('\n').map((l) => l.trim());
  const said = lines.filter((l) => l && !/^npm error (code \S+|A complete log.*)$/.test(l));
  return (said[0] ?? lines.find(Boolean) ?? 'unknown error').replace(/^npm error /, '');
}

/**
 * Whether npm scripts need the pinned Node (`want`) fetched. The Node running this is npm's first
 * `node` on PATH: the one linked here before (`linked`, the real path of node_modules/.bin/node),
 * which needs replacing when package.json now pins another version, or any other (the machine's
 * own), which needs it only when older than MIN.
 */
export function needsPinnedNode(execPath, version, want, linked) {
  if (linked !== undefined && execPath === linked) return version !== `v${want}`;
  return !newEnough(version);
}

/** The real path of node_modules/.bin/node when it is a Node linked here (under CACHE). */
function linkedNode() {
  try {
    const real = realpathSync(path.join(root, 'node_modules', '.bin', 'node'));
    return real.startsWith(realpathSync(CACHE) + path.sep) ? real : undefined;
  } catch {
    return undefined; // no link, or no cache: nothing was fetched here
  }
}

function main() {
  const want = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).config.devNode;
  if (!needsPinnedNode(process.execPath, process.version, want, linkedNode())) return;
  const pkg = nodePackageFor(process.platform, process.arch);
  const needs = `clawdbot: building and testing need Node ${MIN.join('.')} or newer, and this is ${process.version}`;
  if (!pkg) {
    console.error(`${needs}; npm has no Node build for ${process.platform}-${process.arch}: install Node ${MIN.join('.')}+ and run npm install again.`);
    process.exit(1);
  }
  try {
    const bin = fetchNode(pkg, want, CACHE);
    linkNode(bin);
    console.error(`clawdbot: npm scripts here run on Node ${want} from the npm package ${pkg} (node_modules/.bin/node), not on ${process.version}.`);
  } catch (err) {
    console.error(`${needs}; fetching ${pkg}@${want} from the npm registry failed (${err.message}): install Node ${MIN.join('.')}+ and run npm install again.`);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `fetch <version>`: another Node line for .ci/run, printed as the path of its bin/node.
  if (process.argv[2] === 'fetch') {
    const pkg = nodePackageFor(process.platform, process.arch);
    if (!pkg) {
      console.error(`clawdbot: npm has no Node build for ${process.platform}-${process.arch}.`);
      process.exit(1);
    }
    try {
      console.log(fetchNode(pkg, process.argv[3], CACHE));
    } catch (err) {
      console.error(`clawdbot: fetching ${pkg}@${process.argv[3]} from the npm registry failed: ${err.message}`);
      process.exit(1);
    }
  } else main();
}
