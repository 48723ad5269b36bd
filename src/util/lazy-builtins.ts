// Node built-ins that read-only commands rarely need, and CommonJS packages, loaded on first use.
// `node:crypto`, `node:child_process` and `node:util` each make Node compile a dozen or more of
// its internal modules (crypto's ciphers and webcrypto; child_process's net, dgram and stream
// stack; util's parseArgs, diff and worker messaging) and cost ~3 MiB of RSS each on Node 26, a
// measurable share of `models status --check`, which cron runs every few minutes.
// process.getBuiltinModule (Node >= 22.3) hands out the module itself, without building an ESM
// facade for it, and a require function is made only when a package is first needed.
import { createRequire } from 'node:module';

export const lazyCrypto = (): typeof import('node:crypto') => process.getBuiltinModule('node:crypto');
export const lazyChildProcess = (): typeof import('node:child_process') => process.getBuiltinModule('node:child_process');
export const lazyUtil = (): typeof import('node:util') => process.getBuiltinModule('node:util');

let requireHere: NodeJS.Require | undefined;

/** A CommonJS package of ours (zod, json5), required on first use. */
export function requirePackage<T>(id: string): T {
  return (requireHere ??= createRequire(import.meta.url))(id) as T;
}

/** sha256 hex digest of a string. */
export function sha256Hex(text: string): string {
  return lazyCrypto().createHash('sha256').update(text).digest('hex');
}
