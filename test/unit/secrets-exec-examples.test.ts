// The exec secret providers shipped in docs/examples/secrets/ (1Password `op read`, `pass show`),
// run by the built CLI against fake `op` and `pass` programs on PATH: values resolve, a missing
// entry is a per-profile problem in the tool's words (never its stderr), a value with quotes and
// backslashes survives the JSON. Build first: `node scripts/build.mjs`.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, expectNoSecretIn, makeTempState, requireBuild, runCli, writeStore, type TempState } from '../helpers/store-cli.js';

const OP_VALUE = 'sk-ant-api03-OPVALUE' + 'Rt6Yu7Io'.repeat(6);
const PASS_VALUE = 'gsk_PASS"quote\\slash' + 'Mn8Bv7Cx'.repeat(5);
const STDERR = 'op-session-' + 'Qa1Ws2Ed'.repeat(4);

let t: TempState;
let bin: string;
beforeAll(() => requireBuild());
beforeEach(async () => {
  t = await makeTempState('cb-exec-ex-');
  bin = path.join(t.root, 'bin');
  await fsp.mkdir(bin, { mode: 0o700 });
  // Fakes of the real tools, with their real command lines.
  await fsp.writeFile(
    path.join(bin, 'op'),
    `#!/bin/sh\n[ "$1" = read ] || exit 2\nfor a; do last=$a; done\necho "[DEBUG] session ${STDERR}" >&2\ncase "$last" in\n  op://Private/Anthropic/credential) printf '%s' '${OP_VALUE}' ;;\n  *) echo "[ERROR] could not find item" >&2; exit 1 ;;\nesac\n`,
    { mode: 0o700 },
  );
  await fsp.writeFile(
    path.join(bin, 'pass'),
    `#!/bin/sh\n[ "$1" = show ] || exit 2\ncase "$2" in\n  api/groq) printf '%s\\nlogin: me\\nurl: https://console.groq.com\\n' '${PASS_VALUE.replace(/'/g, `'\\''`)}' ;;\n  *) echo "Error: $2 is not in the password store." >&2; exit 1 ;;\nesac\n`,
    { mode: 0o700 },
  );
  // The examples as a user installs them: copied to a directory of their own, 0700.
  for (const name of ['op-read.sh', 'pass-show.sh']) {
    await fsp.copyFile(path.join(ROOT, 'docs', 'examples', 'secrets', name), path.join(bin, name));
    await fsp.chmod(path.join(bin, name), 0o700);
  }
  await fsp.mkdir(t.stateDir, { recursive: true, mode: 0o700 });
  const passEnv = ['PATH', 'HOME'];
  await fsp.writeFile(
    t.configPath,
    JSON.stringify({
      agents: { defaults: { model: { primary: 'anthropic/claude-opus-4-5', fallbacks: ['groq/llama'] } } },
      secrets: { providers: { op: { source: 'exec', command: path.join(bin, 'op-read.sh'), passEnv }, pass: { source: 'exec', command: path.join(bin, 'pass-show.sh'), passEnv } } },
    }),
    { mode: 0o600 },
  );
});
afterEach(async () => t.cleanup());

describe('exec provider examples in docs/examples/secrets', () => {
  it('op-read.sh and pass-show.sh resolve through models status; missing entries are named per profile', async () => {
    await writeStore(t.storePath, {
      version: 1,
      profiles: {
        'anthropic:op': { type: 'api_key', provider: 'anthropic', keyRef: { source: 'exec', provider: 'op', id: 'Private/Anthropic/credential' } },
        'anthropic:op-missing': { type: 'api_key', provider: 'anthropic', keyRef: { source: 'exec', provider: 'op', id: 'Private/Nope/credential' } },
        'groq:pass': { type: 'api_key', provider: 'groq', keyRef: { source: 'exec', provider: 'pass', id: 'api/groq' } },
        'groq:pass-missing': { type: 'api_key', provider: 'groq', keyRef: { source: 'exec', provider: 'pass', id: 'api/nope' } },
      },
    });
    const env = { ...t.env, PATH: `${bin}:${t.env.PATH}` };
    const r = await runCli(['models', 'status', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const profiles = Object.fromEntries(JSON.parse(r.stdout).auth.oauth.profiles.map((p: any) => [p.profileId, p]));
    expect(profiles['anthropic:op'].secretRef).toMatchObject({ source: 'exec:op', resolves: true });
    expect(profiles['anthropic:op'].masked).toBe(`sk-ant-api03-…${OP_VALUE.slice(-4)}`);
    expect(profiles['groq:pass'].secretRef).toMatchObject({ source: 'exec:pass', resolves: true });
    expect(profiles['groq:pass'].masked).toBe(`gsk_…${PASS_VALUE.slice(-4)}`);
    expect(profiles['anthropic:op-missing'].secretRef.problem).toContain('could not give Private/Nope/credential: op read failed (run: op read op://Private/Nope/credential)');
    expect(profiles['groq:pass-missing'].secretRef.problem).toContain('could not give api/nope: no such pass entry');
    const audit = await runCli(['secrets', 'audit', '--check'], { env });
    expect(audit.code).toBe(1); // two references do not resolve
    for (const out of [r.stdout + r.stderr, audit.stdout + audit.stderr]) {
      for (const s of [OP_VALUE, PASS_VALUE, STDERR]) expectNoSecretIn(out, s);
    }
  });

  it('paste-token --ref op:… stores the reference after resolving it once', async () => {
    const env = { ...t.env, PATH: `${bin}:${t.env.PATH}` };
    const r = await runCli(['models', 'auth', 'add', '--provider', 'anthropic', '--ref', 'op:Private/Anthropic/credential'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`(API key as a reference to exec:op, now sk-ant-api03-…${OP_VALUE.slice(-4)})`);
  });
});
