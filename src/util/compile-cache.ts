// Node's compile cache (module.enableCompileCache, Node >= 22.1) for our own bundles: V8 keeps
// the compiled code of dist/status.js, dist/program.js and the UI chunks on disk and the next
// start skips parsing and compiling them (measured: ~10 ms of a ~60 ms `models status --check`).
//
// Where: a per-user cache directory, never Node's default under the shared /tmp (a cache another
// user can write is code they can make us run) and never the state dir (the user's store):
// $XDG_CACHE_HOME/clawdbot/compile-cache, else ~/.cache/clawdbot/compile-cache. Only when that
// base directory already exists: Node creates the whole path, and a cron job whose HOME does not
// exist must not get one. A read-only or unwritable cache leaves Node without a cache, silently;
// NODE_DISABLE_COMPILE_CACHE=1 turns it off, and a NODE_COMPILE_CACHE the user set is kept.
import fs from 'node:fs';
import { enableCompileCache } from 'node:module';
import path from 'node:path';

export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const xdg = env.XDG_CACHE_HOME?.trim();
  // The XDG spec ignores a relative XDG_CACHE_HOME; so do we.
  if (xdg && path.isAbsolute(xdg)) return isDirectory(xdg) ? path.join(xdg, 'clawdbot', 'compile-cache') : undefined;
  const home = env.HOME?.trim();
  if (!home || !path.isAbsolute(home) || !isDirectory(home)) return undefined;
  return path.join(home, '.cache', 'clawdbot', 'compile-cache');
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** Turns the cache on for every module loaded after this call; never throws. */
export function useCompileCache(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_COMPILE_CACHE || typeof enableCompileCache !== 'function') return;
  const dir = compileCacheDir(env);
  if (!dir) return;
  try {
    enableCompileCache(dir);
  } catch {
    /* no cache is only slower */
  }
}
