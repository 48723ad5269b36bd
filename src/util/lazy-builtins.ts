// Node built-ins that read-only commands rarely need, required on first use. `node:crypto` and
// `node:child_process` each make Node compile a dozen or more of its internal modules (crypto's
// ciphers and webcrypto; child_process's net, dgram and stream stack), a measurable share of the
// start-up of `models status --check`, which cron runs every few minutes.
import { createRequire } from 'node:module';

const requireBuiltin = createRequire(import.meta.url);

export const lazyCrypto = (): typeof import('node:crypto') => requireBuiltin('node:crypto');
export const lazyChildProcess = (): typeof import('node:child_process') => requireBuiltin('node:child_process');

/** sha256 hex digest of a string. */
export function sha256Hex(text: string): string {
  return lazyCrypto().createHash('sha256').update(text).digest('hex');
}
