// The resolvers as a gateway embedding the library uses them: real env, real files in a temp dir,
// real programs. Every failure is a value naming what to fix, never an exception.
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRefSpec, refShapeProblem, type SecretRef } from '../../src/store/secret-ref.js';
import { resolveCredentialSecret, resolveRef, resolveRefs } from '../../src/secrets/resolve.js';
import { parseJsonPointer } from '../../src/secrets/resolve-file.js';
import { redact } from '../../src/util/redact.js';

let dir: string;
beforeEach(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'cb-resolve-'));
});
afterEach(async () => fsp.rm(dir, { recursive: true, force: true }));

const envRef = (id: string): SecretRef => ({ source: 'env', provider: 'default', id });

describe('reference grammar', () => {
  it('parses --ref specs and refuses malformed ones with the reason', () => {
    const secrets = { providers: { op: { source: 'exec' as const, command: '/bin/true' }, vault: { source: 'file' as const, path: '/x' } } };
    expect(parseRefSpec('env:ANTHROPIC_API_KEY', undefined)).toEqual(envRef('ANTHROPIC_API_KEY'));
    expect(parseRefSpec('op:Private/Item/field', secrets)).toEqual({ source: 'exec', provider: 'op', id: 'Private/Item/field' });
    expect(parseRefSpec('vault:/a/b', secrets)).toEqual({ source: 'file', provider: 'vault', id: '/a/b' });
    expect(() => parseRefSpec('env:lower', undefined)).toThrow(/env id is a variable name/);
    expect(() => parseRefSpec('op:a/../b', secrets)).toThrow(/no "\." or "\.\." segments/);
    expect(() => parseRefSpec('nope', undefined)).toThrow(/^Invalid --ref "nope": use env:NAME/);
    expect(() => parseRefSpec('zz:1', undefined)).toThrow(/Unknown secret provider "zz"/);
    expect(refShapeProblem({ source: 'env', provider: 'Default', id: 'X' })).toMatch(/alias/);
    expect(parseJsonPointer('/a~1b/~0c/')).toEqual(['a/b', '~c', '']);
  });
});

describe('resolvers', () => {
  it('env: process env first, then <state>/.env; a missing variable names itself and the fix', async () => {
    const env = { CLAWDBOT_STATE_DIR: dir, HOME: dir, FROM_PROC: 'proc-value-1234567890' };
    await fsp.writeFile(path.join(dir, '.env'), 'FROM_FILE="file-value-1234567890"\nFROM_PROC=shadowed\n');
    expect(await resolveRef(envRef('FROM_PROC'), { env })).toEqual({ ok: true, value: 'proc-value-1234567890' });
    expect(await resolveRef(envRef('FROM_FILE'), { env })).toEqual({ ok: true, value: 'file-value-1234567890' });
    expect(await resolveRef(envRef('NOWHERE'), { env })).toMatchObject({ ok: false, problem: expect.stringContaining('NOWHERE is not set'), fix: expect.stringContaining('export NOWHERE=') });
  });

  it('file: singleValue strips one trailing newline; a JSON value that is not a string is refused', async () => {
    const one = path.join(dir, 'one.txt');
    await fsp.writeFile(one, 'single-value-1234567890\n', { mode: 0o600 });
    const json = path.join(dir, 's.json');
    await fsp.writeFile(json, JSON.stringify({ n: 5 }), { mode: 0o600 });
    const secrets = { providers: { one: { source: 'file' as const, path: one, mode: 'singleValue' as const }, js: { source: 'file' as const, path: json } } };
    expect(await resolveRef({ source: 'file', provider: 'one', id: 'value' }, { env: {}, secrets })).toEqual({ ok: true, value: 'single-value-1234567890' });
    expect(await resolveRef({ source: 'file', provider: 'js', id: '/n' }, { env: {}, secrets })).toMatchObject({ ok: false, problem: expect.stringContaining('has no text value at /n') });
  });

  it('exec: jsonOnly:false runs once per id; values are registered for redaction as they resolve', async () => {
    const cmd = path.join(dir, 'echo-id.sh');
    const counter = path.join(dir, 'runs');
    await fsp.writeFile(cmd, `#!/bin/sh\necho x >> ${counter}\nread req\necho "value-for-$(printf '%s' "$req" | sed 's/.*"ids":\\["\\([^"]*\\)".*/\\1/')-123456"\n`, { mode: 0o700 });
    const secrets = { providers: { plain: { source: 'exec' as const, command: cmd, jsonOnly: false } } };
    const a: SecretRef = { source: 'exec', provider: 'plain', id: 'a' };
    const b: SecretRef = { source: 'exec', provider: 'plain', id: 'b' };
    const got = await resolveRefs([a, b, a], { env: {}, secrets });
    expect(got.get(a)).toEqual({ ok: true, value: 'value-for-a-123456' });
    expect(got.get(b)).toEqual({ ok: true, value: 'value-for-b-123456' });
    expect((await fsp.readFile(counter, 'utf8')).trim().split('\n')).toHaveLength(2);
    expect(redact('leaked value-for-b-123456 here')).not.toContain('value-for-b');
  });

  it('resolveCredentialSecret: a reference, or the plaintext field', async () => {
    expect(await resolveCredentialSecret({ type: 'api_key', provider: 'x', key: 'plain-key-1234567890' }, { env: {} })).toEqual({ ok: true, value: 'plain-key-1234567890' });
    expect(await resolveCredentialSecret({ type: 'token', provider: 'x', tokenRef: envRef('TOK') }, { env: { TOK: 'tok-1234567890abc' } })).toEqual({ ok: true, value: 'tok-1234567890abc' });
    expect(await resolveCredentialSecret({ type: 'api_key', provider: 'x' }, { env: {} })).toMatchObject({ ok: false, problem: 'no secret stored (no "key")' });
  });
});
