// The access token's own expiry wins. The gateway's Codex CLI sync stores `openai-codex:codex-cli`
// with expires = the Codex file's mtime + 1 h (a guess); the access token is a JWT whose `exp` is
// the truth. A store written that way (Clawdbot's format), the Codex file last touched 3 days ago
// and the JWT saying 1.5 h left: status shows ~1.5 h (text, JSON, --check exit 0), doctor raises
// nothing, and a sync (any status run on a host with the Codex file) corrects the stored value.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeAccessJwt } from '../helpers/refresh-token-server.js';
import { type TempState, makeTempState, readJson, requireBuild, runCli, writeStore } from '../helpers/store-cli.js';

const ID = 'openai-codex:codex-cli';
let t: TempState;
let jwtExpMs: number;
let access: string;
let codexMtime: Date;

beforeAll(() => requireBuild());
beforeEach(async () => {
  t = await makeTempState('cb-f-jwtexp-');
  const nowS = Math.floor(Date.now() / 1000);
  jwtExpMs = (nowS + 90 * 60) * 1000;
  access = makeAccessJwt(7, nowS + 90 * 60, 'acct_jwt_exp_1', nowS - 3600);
  codexMtime = new Date(Date.now() - 3 * 86_400_000);
  await fsp.mkdir(t.stateDir, { recursive: true, mode: 0o700 });
  await fsp.writeFile(t.configPath, JSON.stringify({ agents: { defaults: { model: { primary: 'openai-codex/gpt-5.2' } } } }, null, 2));
  // As the gateway writes it: its Codex CLI sync's guess for expires, the rest as synced.
  await writeStore(t.storePath, {
    version: 1,
    profiles: {
      [ID]: { type: 'oauth', provider: 'openai-codex', access, refresh: 'rt_JwtExpiryRefreshGGGGGGGGGGGGGGGGGG', expires: codexMtime.getTime() + 3_600_000, accountId: 'acct_jwt_exp_1' },
    },
    lastGood: { 'openai-codex': ID },
    usageStats: { [ID]: { lastUsed: Date.now() - 60_000, errorCount: 0 } },
  });
});
afterEach(() => t.cleanup());

async function writeCodexFile(): Promise<void> {
  const file = path.join(t.home, '.codex', 'auth.json');
  await fsp.mkdir(path.dirname(file), { recursive: true });
  await fsp.writeFile(file, JSON.stringify({ tokens: { access_token: access, refresh_token: 'rt_JwtExpiryRefreshGGGGGGGGGGGGGGGGGG', account_id: 'acct_jwt_exp_1' } }, null, 2), { mode: 0o600 });
  await fsp.utimes(file, codexMtime, codexMtime);
}

describe('a stored expiry that disagrees with the JWT exp (the gateway Codex CLI sync guess)', () => {
  it('status --plain / --json / --check and doctor go by the JWT: ~1.5 h left, no alarm', async () => {
    const plain = await runCli(['models', 'status', '--plain'], { env: t.env });
    expect(plain.code, plain.stderr).toBe(0);
    const line = plain.stdout.split('\n').find((l) => /^\s+\d+\.\s+openai-codex:codex-cli\s/.test(l));
    expect(line, plain.stdout).toMatch(/1h (29|30)m/);
    expect(plain.stdout).not.toMatch(/expired/);

    const json = await runCli(['models', 'status', '--json'], { env: t.env });
    expect(json.code, json.stderr).toBe(0);
    const profiles = JSON.parse(json.stdout).auth.oauth.profiles as Array<{ profileId: string; status: string; expiresAt: number }>;
    const p = profiles.find((x) => x.profileId === ID)!;
    expect(p.expiresAt).toBe(jwtExpMs);
    expect(p.status).not.toBe('expired');

    const check = await runCli(['models', 'status', '--check'], { env: t.env });
    expect(check.code, check.stdout + check.stderr).toBe(0);

    const doctor = await runCli(['doctor', '--json'], { env: t.env });
    const findings = JSON.parse(doctor.stdout).findings as Array<{ id: string; subject?: string; message: string }>;
    expect(findings.filter((f) => f.id.startsWith('credential.expired'))).toEqual([]);
  });

  it('a status run on a host with the Codex file corrects the stored expiry to the JWT exp', async () => {
    await writeCodexFile();
    const r = await runCli(['models', 'status', '--json'], { env: t.env });
    expect(r.code, r.stderr).toBe(0);
    const stored = (await readJson(t.storePath)).profiles[ID];
    expect(stored.expires).toBe(jwtExpMs);
    expect(stored.refresh).toBe('rt_JwtExpiryRefreshGGGGGGGGGGGGGGGGGG');
  });
});
