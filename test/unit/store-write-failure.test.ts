// G4: a write that fails half-way (ENOSPC on write, EIO on fsync or on rename; injected into a
// real CLI process by test/helpers/store-fail-preload.mjs) is reported in one line, leaves the
// original store byte-identical, and leaves no temp file and no lock behind.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIST_CLI, ROOT, expectNoSecretIn, makeTempState, requireBuild, runProcess, writeStore, type TempState } from '../helpers/store-cli.js';

const PRELOAD = path.join(ROOT, 'test', 'helpers', 'store-fail-preload.mjs');
const TOKEN = 'sk-ant-oat01-WriteFailureTokenHHHHHHHHHHHHHHHHHHHHH-0042';
let state: TempState;
beforeAll(() => requireBuild());
beforeEach(async () => {
  state = await makeTempState('cb-f-wfail-');
  await writeStore(state.storePath, { version: 1, profiles: { 'openai:default': { type: 'api_key', provider: 'openai', key: 'sk-proj-ExistingKeyIIIIIIIIIIIIIIIIIIII' } } });
});
afterEach(() => state.cleanup());

describe.each([
  ['write', /the disk is full/],
  ['fsync', /EIO/],
  ['rename', /EIO/],
])('injected %s failure', (what, code) => {
  it('paste-token fails in one line; the original is byte-identical; no temp file or lock is left', async () => {
    const before = await fsp.readFile(state.storePath);
    const r = await runProcess(process.execPath, ['--import', PRELOAD, DIST_CLI, 'models', 'auth', 'paste-token', '--provider', 'anthropic'], {
      env: { ...state.env, CLAWDBOT_TEST_FAIL: what },
      stdin: TOKEN,
    });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(code);
    expect(r.stderr.startsWith(`clawdbot: Could not write ${state.storePath}: `)).toBe(true);
    expect(r.stderr).toMatch(/the previous version was left unchanged/);
    expectNoSecretIn(r.stdout + r.stderr, TOKEN);
    expect((await fsp.readFile(state.storePath)).equals(before)).toBe(true);
    expect(fs.readdirSync(state.agentDir)).toEqual(['auth-profiles.json']);
    // And the same command without the fault succeeds, so the fault was what stopped it.
    const ok = await runProcess(process.execPath, [DIST_CLI, 'models', 'auth', 'paste-token', '--provider', 'anthropic'], { env: state.env, stdin: TOKEN });
    expect(ok.code, ok.stderr).toBe(0);
  });
});
