// SecretRefs end to end through the built CLI (dist/cli.js): env, file and exec references for
// `models status` (text, --json, --check, --probe), `secrets audit`, and the entry points
// (paste-token --ref, auth add --ref, onboard --secret-input-mode ref). Every run also checks that
// no resolved value reaches any output. Build first: `node scripts/build.mjs`.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectNoSecretIn, makeTempState, readJson, requireBuild, runCli, writeStore, type RunResult, type TempState } from '../helpers/store-cli.js';
import { startFakeProviderApi, type FakeProviderApi } from '../helpers/fake-provider-api.js';

const ENV_KEY = 'sk-ant-api03-ENVREF' + 'q7Lm2Xv9'.repeat(6);
const FILE_KEY = 'sk-proj-FILEREF' + 'Wd4Pq8Lz'.repeat(6);
const EXEC_TOKEN = 'gsk_EXECREF' + 'Tr5Gh8Nc'.repeat(6);
const STDERR_SECRET = 'stderr-only-' + 'Zx3Cv6Bn'.repeat(4);
const ALL = [ENV_KEY, FILE_KEY, EXEC_TOKEN, STDERR_SECRET];

let t: TempState;
let secretsFile: string;
beforeAll(() => requireBuild());
beforeEach(async () => {
  t = await makeTempState('cb-ref-');
  secretsFile = path.join(t.root, 'secrets.json');
  await fsp.writeFile(secretsFile, JSON.stringify({ providers: { openai: { apiKey: FILE_KEY } }, 'a/b': { '~x': FILE_KEY } }), { mode: 0o600 });
});
afterEach(async () => t.cleanup());

/** An executable script in the temp dir (0700, ours). */
async function script(name: string, body: string): Promise<string> {
  const file = path.join(t.root, name);
  await fsp.writeFile(file, `#!/bin/sh\n${body}\n`, { mode: 0o700 });
  return file;
}

async function config(providers: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<void> {
  await fsp.mkdir(t.stateDir, { recursive: true, mode: 0o700 });
  await fsp.writeFile(t.configPath, JSON.stringify({ secrets: { providers }, ...extra }), { mode: 0o600 });
}

const ref = (source: string, provider: string, id: string) => ({ source, provider, id });

function cli(args: string[], env: NodeJS.ProcessEnv = {}, stdin?: string): Promise<RunResult> {
  return runCli(args, { env: { ...t.env, ...env }, ...(stdin !== undefined ? { stdin } : {}), timeoutMs: 30_000 });
}

function noSecrets(r: RunResult): void {
  for (const s of ALL) expectNoSecretIn(r.stdout + r.stderr, s);
}

function profileJson(r: RunResult, id: string): any {
  const doc = JSON.parse(r.stdout);
  for (const p of doc.auth.oauth.profiles) if (p.profileId === id) return p;
  throw new Error(`no ${id} in ${r.stdout}`);
}

const USE = (model: string) => ({ agents: { defaults: { model: { primary: model } } } });

describe('env references', () => {
  it('status shows the source and that it resolves; --check passes; unset, the profile is missing with the variable named', async () => {
    await config({}, USE('anthropic/claude-opus-4-5'));
    await writeStore(t.storePath, { version: 1, profiles: { 'anthropic:default': { type: 'api_key', provider: 'anthropic', keyRef: ref('env', 'default', 'MY_ANTHROPIC_KEY') } } });
    const text = await cli(['models', 'status', '--plain'], { MY_ANTHROPIC_KEY: ENV_KEY });
    expect(text.stdout).toMatch(/anthropic:default\s+api_key\s+ref env:MY_ANTHROPIC_KEY\s+sk-ant-api03-…\S+\s+static/);
    const json = await cli(['models', 'status', '--json'], { MY_ANTHROPIC_KEY: ENV_KEY });
    expect(profileJson(json, 'anthropic:default').secretRef).toEqual({ source: 'env:MY_ANTHROPIC_KEY', ref: ref('env', 'default', 'MY_ANTHROPIC_KEY'), resolves: true });
    expect((await cli(['models', 'status', '--check'], { MY_ANTHROPIC_KEY: ENV_KEY })).code).toBe(0);

    const unset = await cli(['models', 'status', '--check']);
    expect(unset.code).toBe(1);
    expect(unset.stdout).toContain('anthropic:default: secret reference env:MY_ANTHROPIC_KEY does not resolve: environment variable MY_ANTHROPIC_KEY is not set');
    expect(unset.stdout).toContain('fix: export MY_ANTHROPIC_KEY=…');
    const unsetJson = profileJson(await cli(['models', 'status', '--json']), 'anthropic:default');
    expect(unsetJson).toMatchObject({ status: 'missing', secretRef: { resolves: false, problem: expect.stringContaining('MY_ANTHROPIC_KEY') } });
    for (const r of [text, json, unset]) noSecrets(r);
  });

  it('a variable from <state>/.env resolves too', async () => {
    await config({}, USE('anthropic/claude-opus-4-5'));
    await fsp.writeFile(path.join(t.stateDir, '.env'), `MY_ANTHROPIC_KEY=${ENV_KEY}\n`, { mode: 0o600 });
    await writeStore(t.storePath, { version: 1, profiles: { 'anthropic:default': { type: 'api_key', provider: 'anthropic', keyRef: ref('env', 'default', 'MY_ANTHROPIC_KEY') } } });
    const r = await cli(['models', 'status', '--check']);
    expect(r.code).toBe(0);
    noSecrets(r);
  });
});

describe('file references', () => {
  it('resolves a JSON pointer (with ~1 and ~0 escapes); a group-writable file is refused, named, with the fix', async () => {
    await config({ vault: { source: 'file', path: secretsFile, mode: 'json' } }, USE('openai/gpt-5.2'));
    await writeStore(t.storePath, {
      version: 1,
      profiles: {
        'openai:default': { type: 'api_key', provider: 'openai', keyRef: ref('file', 'vault', '/providers/openai/apiKey') },
        'openai:escaped': { type: 'api_key', provider: 'openai', keyRef: ref('file', 'vault', '/a~1b/~0x') },
        'openai:absent': { type: 'api_key', provider: 'openai', keyRef: ref('file', 'vault', '/providers/nope') },
      },
    });
    const json = await cli(['models', 'status', '--json']);
    expect(profileJson(json, 'openai:default')).toMatchObject({ status: 'static', secretRef: { source: 'file:vault', resolves: true } });
    expect(profileJson(json, 'openai:escaped').secretRef.resolves).toBe(true);
    expect(profileJson(json, 'openai:absent').secretRef).toMatchObject({ resolves: false, problem: `secrets file ${secretsFile} has nothing at /providers/nope` });

    await fsp.chmod(secretsFile, 0o664);
    const loose = await cli(['models', 'status', '--check']);
    expect(loose.code).toBe(1);
    expect(loose.stdout).toContain(`secrets file ${secretsFile} is writable by group or others (mode 0664); it was not used`);
    expect(loose.stdout).toContain(`fix: chmod go-w ${secretsFile}`);
    const audit = await cli(['secrets', 'audit', '--json']);
    expect(JSON.parse(audit.stdout).permissions).toContainEqual(expect.objectContaining({ path: secretsFile, mode: '0664' }));
    for (const r of [json, loose, audit]) noSecrets(r);
  });
});

describe('exec references', () => {
  it('values over the protocol: one run answers every id, only passEnv variables reach it, its stderr is never shown', async () => {
    const seen = path.join(t.root, 'seen');
    const cmd = await script(
      'secret-tool.sh',
      `cat > ${seen}.stdin; env > ${seen}.env; echo "debug: token is ${STDERR_SECRET}" >&2\n` +
        `printf '{"protocolVersion":1,"values":{"groq/token":"${EXEC_TOKEN}"},"errors":{"groq/gone":{"message":"no such item"}}}'`,
    );
    await config({ op: { source: 'exec', command: cmd, passEnv: ['OP_ACCOUNT'], timeoutMs: 5000 } }, USE('groq/llama'));
    await writeStore(t.storePath, {
      version: 1,
      profiles: {
        'groq:default': { type: 'token', provider: 'groq', tokenRef: ref('exec', 'op', 'groq/token') },
        'groq:gone': { type: 'token', provider: 'groq', tokenRef: ref('exec', 'op', 'groq/gone') },
      },
    });
    const r = await cli(['models', 'status', '--json'], { OP_ACCOUNT: 'me', NOT_PASSED: 'x' });
    expect(profileJson(r, 'groq:default')).toMatchObject({ status: 'static', secretRef: { source: 'exec:op', resolves: true } });
    expect(profileJson(r, 'groq:gone').secretRef).toMatchObject({ resolves: false, problem: expect.stringContaining('could not give groq/gone: no such item') });
    expect(JSON.parse(fs.readFileSync(`${seen}.stdin`, 'utf8'))).toEqual({ protocolVersion: 1, provider: 'op', ids: ['groq/token', 'groq/gone'] });
    const childEnv = fs.readFileSync(`${seen}.env`, 'utf8');
    expect(childEnv).toContain('OP_ACCOUNT=me');
    expect(childEnv).not.toContain('NOT_PASSED');
    expect(childEnv).not.toContain('CLAWDBOT_STATE_DIR');
    const text = await cli(['models', 'status', '--plain']);
    expect(text.stdout).toMatch(/groq:default\s+token\s+ref exec:op\s+gsk_…/);
    for (const x of [r, text]) noSecrets(x);
  });

  it('a slow command is killed at the timeout (with what it started), and the profile says so', async () => {
    const pidFile = path.join(t.root, 'slow.pid');
    const cmd = await script('slow.sh', `echo $$ > ${pidFile}; exec sleep 30`);
    await config({ slow: { source: 'exec', command: cmd, timeoutMs: 400 } }, USE('groq/llama'));
    await writeStore(t.storePath, { version: 1, profiles: { 'groq:slow': { type: 'token', provider: 'groq', tokenRef: ref('exec', 'slow', 'x') } } });
    const r = await cli(['models', 'status', '--check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`secret command ${cmd} (secrets.providers.slow) did not answer within 400 ms and was stopped`);
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('garbage on stdout is refused without quoting it; plain stdout is a value only with jsonOnly:false', async () => {
    const garbage = await script('garbage.sh', `echo "Welcome! ${STDERR_SECRET} <html>"`);
    const plain = await script('plain.sh', `echo ${EXEC_TOKEN}`);
    await config({ junk: { source: 'exec', command: garbage }, pass: { source: 'exec', command: plain, jsonOnly: false } }, USE('groq/llama'));
    await writeStore(t.storePath, {
      version: 1,
      profiles: {
        'groq:junk': { type: 'token', provider: 'groq', tokenRef: ref('exec', 'junk', 'x') },
        'groq:plain': { type: 'token', provider: 'groq', tokenRef: ref('exec', 'pass', 'groq/token') },
      },
    });
    const r = await cli(['models', 'status', '--json']);
    expect(profileJson(r, 'groq:junk').secretRef).toMatchObject({ resolves: false, problem: expect.stringContaining('printed something that is not a protocol reply') });
    expect(profileJson(r, 'groq:plain').secretRef.resolves).toBe(true);
    noSecrets(r);
  });

  it('a relative, symlinked or group-writable command is never run', async () => {
    const real = await script('real.sh', `touch ${t.root}/ran; printf '{"protocolVersion":1,"values":{"x":"${EXEC_TOKEN}"}}'`);
    const link = path.join(t.root, 'link.sh');
    await fsp.symlink(real, link);
    const loose = await script('loose.sh', `touch ${t.root}/ran`);
    await fsp.chmod(loose, 0o775);
    await config({ rel: { source: 'exec', command: 'real.sh' }, sym: { source: 'exec', command: link }, loose: { source: 'exec', command: loose } }, USE('groq/llama'));
    await writeStore(t.storePath, {
      version: 1,
      profiles: {
        'groq:rel': { type: 'token', provider: 'groq', tokenRef: ref('exec', 'rel', 'x') },
        'groq:sym': { type: 'token', provider: 'groq', tokenRef: ref('exec', 'sym', 'x') },
        'groq:loose': { type: 'token', provider: 'groq', tokenRef: ref('exec', 'loose', 'x') },
      },
    });
    const r = await cli(['models', 'status', '--json']);
    expect(profileJson(r, 'groq:rel').secretRef.problem).toContain('must be an absolute path');
    expect(profileJson(r, 'groq:sym').secretRef.problem).toContain('is a symlink; it was not run');
    expect(profileJson(r, 'groq:loose').secretRef.problem).toContain('is writable by group or others');
    expect(fs.existsSync(`${t.root}/ran`)).toBe(false);
  });
});

describe('probe with a reference', () => {
  let api: FakeProviderApi;
  beforeEach(async () => {
    api = await startFakeProviderApi();
  });
  afterEach(async () => api.close());

  it('--probe calls the provider with the resolved value; an unresolvable ref is skipped with the reason', async () => {
    api.replies.set(ENV_KEY, { status: 200 });
    await config({}, USE('anthropic/claude-opus-4-5'));
    await writeStore(t.storePath, {
      version: 1,
      profiles: {
        'anthropic:default': { type: 'api_key', provider: 'anthropic', keyRef: ref('env', 'default', 'MY_ANTHROPIC_KEY') },
        'anthropic:gone': { type: 'api_key', provider: 'anthropic', keyRef: ref('env', 'default', 'GONE_KEY') },
      },
    });
    const r = await cli(['models', 'status', '--json', '--probe'], { MY_ANTHROPIC_KEY: ENV_KEY, ANTHROPIC_BASE_URL: api.url });
    expect(api.requests.some((q) => q.headers['x-api-key'] === ENV_KEY)).toBe(true);
    expect(profileJson(r, 'anthropic:default').status).toBe('static');
    const doc = JSON.parse(r.stdout);
    expect(doc.auth.probes.results).toContainEqual(expect.objectContaining({ profileId: 'anthropic:default', status: 'ok' }));
    expect(doc.auth.probes.results).toContainEqual(expect.objectContaining({ profileId: 'anthropic:gone', status: 'skipped', error: expect.stringContaining('env:GONE_KEY does not resolve') }));
    noSecrets(r);
  });
});

describe('secrets audit', () => {
  it('lists plaintext in the store, .env and config (masked), unresolvable refs; --check is 1 until they are gone', async () => {
    await config({}, { models: { providers: { openai: { apiKey: FILE_KEY } } } });
    await fsp.writeFile(path.join(t.stateDir, '.env'), `GROQ_API_KEY=${EXEC_TOKEN}\n`, { mode: 0o600 });
    await writeStore(t.storePath, {
      version: 1,
      profiles: {
        'anthropic:plain': { type: 'api_key', provider: 'anthropic', key: ENV_KEY },
        'anthropic:ref': { type: 'api_key', provider: 'anthropic', keyRef: ref('env', 'default', 'GONE_KEY') },
      },
    });
    const text = await cli(['secrets', 'audit']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`${t.storePath}  profiles["anthropic:plain"].key  sk-ant-api03-…`);
    expect(text.stdout).toContain(`${path.join(t.stateDir, '.env')}  GROQ_API_KEY  gsk_…`);
    expect(text.stdout).toContain(`${t.configPath}  models.providers.openai.apiKey  sk-proj-…`);
    expect(text.stdout).toContain('anthropic:ref (agent main)  env:GONE_KEY: environment variable GONE_KEY is not set');
    expect(text.stdout).toContain('    fix: clawdbot models auth add --provider anthropic --profile-id anthropic:plain --ref env:ANTHROPIC_API_KEY\n');
    expect(text.stdout).toMatch(/^Move a secret in \.env or clawdbot\.json .* by hand/m);
    const check = await cli(['secrets', 'audit', '--check', '--json']);
    expect(check.code).toBe(1);
    const doc = JSON.parse(check.stdout);
    expect(doc).toMatchObject({ ok: false, refs: 1 });
    expect(doc.plaintext.map((f: any) => f.where).sort()).toEqual(['GROQ_API_KEY', 'models.providers.openai.apiKey', 'profiles["anthropic:plain"].key']);

    // Move everything out of plaintext: the gate opens.
    await config({});
    await fsp.writeFile(path.join(t.stateDir, '.env'), '', { mode: 0o600 });
    await writeStore(t.storePath, { version: 1, profiles: { 'anthropic:ref': { type: 'api_key', provider: 'anthropic', keyRef: ref('env', 'default', 'GONE_KEY') } } });
    const clean = await cli(['secrets', 'audit', '--check'], { GONE_KEY: ENV_KEY });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('References: 1, all resolve.');
    for (const r of [text, check, clean]) noSecrets(r);
  });
});

describe('secrets audit: the fix a profile shows', () => {
  it('is the command that stores a reference in its place, of the same type, id and expiry, in its agent; run, the secret is gone from the store', async () => {
    await config({});
    await writeStore(t.storePath, { version: 1, profiles: { 'anthropic:plain': { type: 'api_key', provider: 'anthropic', key: ENV_KEY } } });
    const expires = Date.now() + 30 * 86_400_000 + 3_600_000;
    await writeStore(t.agentStorePath('ops'), { version: 1, profiles: { 'groq:ci': { type: 'token', provider: 'groq', token: EXEC_TOKEN, expires } } });
    const audit = await cli(['secrets', 'audit', '--json']);
    const fixes = Object.fromEntries(JSON.parse(audit.stdout).plaintext.map((f: any) => [f.profileId, f.fix]));
    expect(fixes).toEqual({
      'anthropic:plain': 'clawdbot models auth add --provider anthropic --profile-id anthropic:plain --ref env:ANTHROPIC_API_KEY',
      'groq:ci': 'clawdbot models auth paste-token --provider groq --profile-id groq:ci --ref env:GROQ_TOKEN --expires-in 30d --agent ops',
    });
    const text = await cli(['secrets', 'audit']);
    expect(text.stdout).toContain('A Clawdbot 2026.1.x gateway reads only plaintext and will not see such a profile');
    expect(text.stdout).not.toContain('by hand');
    // Each fix as printed (off a terminal it needs --force to replace the plaintext one), with its variable set.
    for (const [fix, env] of [[fixes['anthropic:plain'], { ANTHROPIC_API_KEY: ENV_KEY }], [fixes['groq:ci'], { GROQ_TOKEN: EXEC_TOKEN }]] as const) {
      const r = await cli([...fix.split(' ').slice(1), '--force'], env);
      expect(r.code, r.stderr).toBe(0);
      noSecrets(r);
    }
    expect((await readJson(t.storePath)).profiles['anthropic:plain']).toEqual({ type: 'api_key', provider: 'anthropic', keyRef: ref('env', 'default', 'ANTHROPIC_API_KEY') });
    const token = (await readJson(t.agentStorePath('ops'))).profiles['groq:ci'];
    expect(token).toEqual({ type: 'token', provider: 'groq', tokenRef: ref('env', 'default', 'GROQ_TOKEN'), expires: expect.any(Number) });
    // The token's expiry is kept, to within the hour the flag rounds it down to.
    expect(expires - token.expires).toBeGreaterThanOrEqual(0);
    expect(expires - token.expires).toBeLessThan(2 * 3_600_000);
    const after = await cli(['secrets', 'audit', '--check'], { ANTHROPIC_API_KEY: ENV_KEY, GROQ_TOKEN: EXEC_TOKEN });
    expect(after.code, after.stdout).toBe(0);
    expect(after.stdout).toContain('No plaintext secrets that could be references.');
    for (const r of [audit, text, after]) noSecrets(r);
  });
});

describe('saving references', () => {
  it('paste-token --ref and auth add --ref: preflight, the gateway note once, the ref stored (never the value)', async () => {
    const cmd = await script('op.sh', `printf '{"protocolVersion":1,"values":{"groq/token":"${EXEC_TOKEN}"}}'`);
    await config({ op: { source: 'exec', command: cmd }, vault: { source: 'file', path: secretsFile } });
    const paste = await cli(['models', 'auth', 'paste-token', '--provider', 'groq', '--ref', 'op:groq/token']);
    expect(paste.code).toBe(0);
    expect(paste.stderr.match(/Clawdbot 2026\.1\.x gateway reads only plaintext/g)).toHaveLength(1);
    expect(paste.stdout).toMatch(/^Saved groq:manual \(token as a reference to exec:op, now gsk_…\S+\) to /);
    const add = await cli(['models', 'auth', 'add', '--provider', 'openai', '--ref', 'vault:/providers/openai/apiKey', '--json']);
    expect(JSON.parse(add.stdout)).toMatchObject({ profileId: 'openai:default', ref: 'file:vault', resolves: true });
    const missing = await cli(['models', 'auth', 'paste-token', '--provider', 'groq', '--profile-id', 'groq:x', '--ref', 'env:NOT_SET_ANYWHERE']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `clawdbot: env:NOT_SET_ANYWHERE does not resolve: environment variable NOT_SET_ANYWHERE is not set (nor in ${path.join(t.stateDir, '.env')}); fix: export NOT_SET_ANYWHERE=… where clawdbot runs, or add it to ${path.join(t.stateDir, '.env')}. Nothing was saved.\n`,
    );
    const oauth = await cli(['models', 'auth', 'add', '--provider', 'openai-codex', '--ref', 'env:X']);
    expect(oauth.stderr).toMatch(/^clawdbot: OAuth sign-ins cannot be stored as a secret reference: their refresh token rotates/);
    const doc = await readJson(t.storePath);
    expect(doc.profiles['groq:manual']).toEqual({ type: 'token', provider: 'groq', tokenRef: ref('exec', 'op', 'groq/token') });
    expect(doc.profiles['openai:default']).toEqual({ type: 'api_key', provider: 'openai', keyRef: ref('file', 'vault', '/providers/openai/apiKey') });
    expect(doc.profiles['groq:x']).toBeUndefined();
    for (const r of [paste, add, missing, oauth]) noSecrets(r);
    for (const s of ALL) expectNoSecretIn(fs.readFileSync(t.storePath, 'utf8') + fs.readFileSync(t.configPath, 'utf8'), s);
  });

  it('onboard --non-interactive --secret-input-mode ref: an env ref by default, --ref for tokens, OAuth choices refused', async () => {
    const r = await cli(['onboard', '--non-interactive', '--secret-input-mode', 'ref', '--auth-choice', 'anthropic-api-key', '--json'], { ANTHROPIC_API_KEY: ENV_KEY });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).saved).toMatchObject({ profileId: 'anthropic:default', type: 'api_key', ref: 'env:ANTHROPIC_API_KEY', resolves: true });
    const tok = await cli(['onboard', '--non-interactive', '--secret-input-mode', 'ref', '--auth-choice', 'token', '--token-provider', 'groq', '--ref', 'env:GROQ_TOKEN_VAR'], { GROQ_TOKEN_VAR: EXEC_TOKEN });
    expect(tok.code).toBe(0);
    const argv = await cli(['onboard', '--non-interactive', '--secret-input-mode', 'ref', '--anthropic-api-key', ENV_KEY]);
    expect(argv.code).toBe(1);
    expect(argv.stderr).toMatch(/^clawdbot: With --secret-input-mode ref the secret is not given to clawdbot/);
    const oauth = await cli(['onboard', '--non-interactive', '--secret-input-mode', 'ref', '--auth-choice', 'claude-cli']);
    expect(oauth.stderr).toMatch(/^clawdbot: --auth-choice claude-cli: OAuth sign-ins cannot be stored as a secret reference/);
    const doc = await readJson(t.storePath);
    expect(doc.profiles['anthropic:default']).toEqual({ type: 'api_key', provider: 'anthropic', keyRef: ref('env', 'default', 'ANTHROPIC_API_KEY') });
    expect(doc.profiles['groq:manual']).toEqual({ type: 'token', provider: 'groq', tokenRef: ref('env', 'default', 'GROQ_TOKEN_VAR') });
    for (const x of [r, tok, argv, oauth]) noSecrets(x);
  });
});
