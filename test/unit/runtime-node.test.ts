// The suite runs on the Node it claims to (scripts/test.mjs picks it; .ci/run picks 22, 24, 26):
// a supported version, the same one for what tests start by `node` on PATH (shebangs, shims) as
// for what they start by process.execPath, and the native dev dependency loads on it.
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

describe('the Node the suite runs on', () => {
  it('is a supported one (>= 22.12), the one scripts/test.mjs was asked for', () => {
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    expect(major > 22 || (major === 22 && minor >= 12), `Node ${process.version}`).toBe(true);
    const requested = process.env.CLAWDBOT_TEST_NODE;
    if (requested) expect(realpathSync(process.execPath)).toBe(realpathSync(requested));
  });

  it('is also the `node` on PATH, so scripts started through shebangs run on it', () => {
    const onPath = execFileSync('node', ['-p', 'process.execPath'], { encoding: 'utf8' }).trim();
    expect(realpathSync(onPath)).toBe(realpathSync(process.execPath));
  });

  it('loads the pty addon (@lydell/node-pty prebuild) the end-to-end tests use', () => {
    const pty = createRequire(import.meta.url)('@lydell/node-pty') as { spawn: unknown };
    expect(typeof pty.spawn).toBe('function');
  });
});
