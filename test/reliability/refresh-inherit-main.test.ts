// A sub-agent holding a copy of the main agent's OAuth sign-in, as Clawdbot makes them (the main
// store copied byte for byte into the sub-agent): Anthropic's tokens name no account, so the copy
// cannot be proven the same account as main's profile once their refresh tokens differ. When the
// gateway has refreshed main's copy, ours holds a spent token; the provider rejects it, and then,
// as the gateway does, the sub-agent takes the main agent's newer sign-in of that profile instead of
// asking for a new one. Never for another account; the other way round only when asked to.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeAccessJwt } from '../helpers/refresh-token-server.js';
import { GATEWAY_REFRESHER, useRefreshFixture } from '../helpers/refresh-fixture.js';
import { pollUntil, readJson, runCli, startWorker } from '../helpers/store-cli.js';
import { refreshTokenFingerprint } from '../../src/auth/health.js';

const ID = 'anthropic:default';
const R1 = 'sk-ant-ort01-first-rrrrrrrrrrrrrrrrrrrrrrrr';

const f = useRefreshFixture('cb-inherit-');

const expiredAnthropic = (refresh: string) => ({ type: 'oauth', provider: 'anthropic', access: 'sk-ant-oat01-old-aaaaaaaaaaaaaaaaaaaa', refresh, expires: Date.now() - 60_000 });

async function writeStore(file: string, profiles: Record<string, unknown>, usageStats?: Record<string, unknown>): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await fs.writeFile(file, JSON.stringify({ version: 1, profiles, ...(usageStats ? { usageStats } : {}) }, null, 2) + '\n', { mode: 0o600 });
}

/** Clawdbot's way of giving a sub-agent the main agent's profiles: the whole file, copied. */
async function copyMainTo(agentId: string): Promise<void> {
  await fs.mkdir(path.dirname(f.t.agentStorePath(agentId)), { recursive: true, mode: 0o700 });
  await fs.copyFile(f.t.storePath, f.t.agentStorePath(agentId));
}

/** The gateway refreshes main's copy under main's lock (its protocol, a real process). */
async function gatewayRefreshesMain(): Promise<void> {
  const gateway = startWorker([f.t.storePath, ID, `${f.server.url}/oauth/token`], f.env, GATEWAY_REFRESHER);
  f.workers.push(gateway);
  await gateway.waitLine('ready');
  gateway.send('go');
  await pollUntil(() => gateway.lines.some((l) => l.startsWith('{')), 30_000, 'the gateway refresh');
  expect(JSON.parse(gateway.lines.find((l) => l.startsWith('{'))!)).toMatchObject({ ok: true, refreshed: true });
}

/** The fix `models status --json` gives for an OAuth profile. */
async function fixShown(agentId: string, profileId: string): Promise<string | undefined> {
  const r = await runCli(['models', 'status', '--json', '--agent', agentId], { env: f.env });
  const report = JSON.parse(r.stdout) as { auth: { oauth: { profiles: Array<{ profileId: string; fix?: string }> } } };
  return report.auth.oauth.profiles.find((p) => p.profileId === profileId)?.fix;
}

describe('a sub-agent whose copy of the main sign-in was spent there', () => {
  it('takes the main agent’s newer sign-in when the provider rejects its copy, instead of asking for a new one', async () => {
    const { t, server, env } = f;
    await writeStore(t.storePath, { [ID]: expiredAnthropic(R1) });
    await copyMainTo('work');
    server.accept(R1);
    await gatewayRefreshesMain();
    const mainNow = (await readJson(t.storePath)).profiles[ID];
    expect(mainNow.refresh).not.toBe(R1);

    const r = await runCli(['models', 'auth', 'refresh', '--agent', 'work', '--profile', ID], { env, timeoutMs: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${ID}: refreshed`);
    expect(r.stdout).toContain("the main agent's newer sign-in");
    // Our copy's token was spent once more (that is how we learn it is spent), and nothing else.
    expect(server.invalidGrants).toBe(1);
    expect(server.requests).toHaveLength(2);
    const work = await readJson(t.agentStorePath('work'));
    expect(work.profiles[ID]).toMatchObject({ refresh: mainNow.refresh, access: mainNow.access, expires: mainNow.expires });
    expect(work.usageStats?.[ID]?.reauthRequired).toBeUndefined();
    // Main's own copy is untouched, and the two are one sign-in again: the next refresh of either
    // finds the other as a copy holding the same token.
    expect((await readJson(t.storePath)).profiles[ID]).toEqual(mainNow);
  }, 60_000);

  it('a copy already marked as rejected takes it without asking the provider again', async () => {
    const { t, server, env } = f;
    const R2 = 'sk-ant-ort01-second-ssssssssssssssssssssss';
    const fresh = { type: 'oauth', provider: 'anthropic', access: 'sk-ant-oat01-new-nnnnnnnnnnnnnnnnnnnn', refresh: R2, expires: Date.now() + 3_600_000 };
    await writeStore(t.storePath, { [ID]: fresh });
    await writeStore(t.agentStorePath('work'), { [ID]: expiredAnthropic(R1) }, { [ID]: { reauthRequired: { at: Date.now() - 1000, reason: 'invalid_grant', refreshFingerprint: refreshTokenFingerprint(R1) } } });
    server.accept(R2);
    // `models status` and doctor say what fixes it: a refresh, not a new sign-in.
    expect(await fixShown('work', ID)).toBe(`clawdbot models auth refresh --profile ${ID} --agent work (takes the main agent's newer sign-in)`);
    const doctor = await runCli(['doctor', '--agent', 'work'], { env });
    expect(doctor.stdout).toContain(`${ID} (OAuth): the provider rejected its refresh token; the main agent holds a newer sign-in of it (fix: clawdbot models auth refresh --profile ${ID} --agent work`);

    const r = await runCli(['models', 'auth', 'refresh', '--agent', 'work', '--profile', ID], { env, timeoutMs: 60_000 });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(server.requests).toHaveLength(0);
    const work = await readJson(t.agentStorePath('work'));
    expect(work.profiles[ID]).toMatchObject({ refresh: R2, access: fresh.access });
    expect(work.usageStats?.[ID]?.reauthRequired).toBeUndefined();
  }, 60_000);

  it('never takes a sign-in of another account, and the main agent takes a sub-agent’s only when asked to', async () => {
    const { t, env } = f;
    // openai-codex tokens name their account: main's profile of that id is another one.
    const CODEX = 'openai-codex:default';
    const past = Math.floor(Date.now() / 1000) - 3600;
    const codex = (n: number, account: string, refresh: string, expires: number) => ({
      type: 'oauth',
      provider: 'openai-codex',
      access: makeAccessJwt(n, Math.floor(expires / 1000), account, past - 3600),
      refresh,
      accountId: account,
      expires,
    });
    const theirs = codex(2, 'acct-main', 'rt-main-mmmmmmmmmmmmmmmmmmmm', Date.now() + 3_600_000);
    const ours = codex(1, 'acct-work', 'rt-work-wwwwwwwwwwwwwwwwwwww', Date.now() - 60_000);
    await writeStore(t.storePath, { [CODEX]: theirs });
    await writeStore(t.agentStorePath('work'), { [CODEX]: ours });
    const other = await runCli(['models', 'auth', 'refresh', '--agent', 'work', '--profile', CODEX], { env, timeoutMs: 60_000 });
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('needs a new sign-in');
    expect(other.stderr).not.toContain('--from-agent');
    expect((await readJson(t.agentStorePath('work'))).profiles[CODEX]).toEqual(ours);
    expect(await fixShown('work', CODEX)).toBe('clawdbot models auth login --provider openai-codex --agent work');
    // Not even when asked to.
    const asked = await runCli(['models', 'auth', 'refresh', '--agent', 'work', '--profile', CODEX, '--from-agent', 'main'], { env, timeoutMs: 60_000 });
    expect(asked.code).toBe(1);
    expect(asked.stderr.trim()).toBe(`clawdbot: ${CODEX}: Could not take "${CODEX}" from agent main: agent main's "${CODEX}" is another account (acct-main, not acct-work); not taking it.`);
    expect((await readJson(t.agentStorePath('work'))).profiles[CODEX]).toEqual(ours);

    // Main's copy spent, a sub-agent holding a newer one: main does not take it by itself (nothing
    // proves it is the same account, and the gateway does not either), but the error names it.
    const subSignIn = { ...expiredAnthropic('sk-ant-ort01-sub-tttttttttttttttttttttt'), access: 'sk-ant-oat01-sub-uuuuuuuuuuuuuuuuuuuu', expires: Date.now() + 3_600_000 };
    await writeStore(t.storePath, { [ID]: expiredAnthropic(R1) });
    await writeStore(t.agentStorePath('work'), { [ID]: subSignIn });
    const mainRefresh = await runCli(['models', 'auth', 'refresh', '--profile', ID], { env, timeoutMs: 60_000 });
    expect(mainRefresh.code).toBe(1);
    expect(mainRefresh.stderr).toContain('needs a new sign-in');
    expect(mainRefresh.stderr).toContain(`Agent work holds another sign-in of "${ID}"; if it is the same account, take it: clawdbot models auth refresh --profile ${ID} --from-agent work.`);
    expect((await readJson(t.storePath)).profiles[ID].refresh).toBe(R1);
    // The command it names: main holds the sub-agent's sign-in, no request made (it is fresh).
    const before = f.server.requests.length;
    const taken = await runCli(['models', 'auth', 'refresh', '--profile', ID, '--from-agent', 'work'], { env, timeoutMs: 60_000 });
    expect([taken.code, taken.stderr]).toEqual([0, '']);
    expect(taken.stdout).toContain(`"${ID}" now holds agent work's sign-in.`);
    expect(f.server.requests.length).toBe(before);
    const main = await readJson(t.storePath);
    expect(main.profiles[ID]).toMatchObject({ refresh: subSignIn.refresh, access: subSignIn.access, expires: subSignIn.expires });
    expect(main.usageStats?.[ID]?.reauthRequired).toBeUndefined();
  }, 60_000);
});
