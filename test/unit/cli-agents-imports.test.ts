// Which agents exist and which receive the vendor CLIs' logins, through the built CLI: a mistyped
// --agent is an error and never a new agent (issue 20 item 2), vendor logins go to the default
// agent only unless auth.externalLogins says otherwise, and the switch turns them off with
// status and doctor saying so (issue 17 item 3).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectNoSecretIn, makeTempState, readJson, requireBuild, runCli, writeStore, type TempState } from '../helpers/store-cli.js';

const CLAUDE_RT = `sk-ant-ort01-${'ClaudeRefresh'.repeat(6)}`;
const CODEX_RT = `rt-codex-${'CodexRefresh'.repeat(6)}`;
const DAY_KEY = `sk-ant-api03-${'DayKeyDayKey'.repeat(8)}`;
let state: TempState;
beforeAll(() => requireBuild());
beforeEach(async () => {
  state = await makeTempState('cb-agents-imports-');
});
afterEach(() => state.cleanup());

const cli = (args: string[], stdin?: string) => runCli(args, { env: state.env, ...(stdin !== undefined ? { stdin } : {}) });

async function vendorLogins(): Promise<void> {
  const claude = path.join(state.home, '.claude', '.credentials.json');
  fs.mkdirSync(path.dirname(claude), { recursive: true });
  fs.writeFileSync(claude, JSON.stringify({ claudeAiOauth: { accessToken: `sk-ant-oat01-${'ClaudeAccess'.repeat(6)}`, refreshToken: CLAUDE_RT, expiresAt: Date.now() + 5 * 3_600_000 } }));
  const codex = path.join(state.home, '.codex', 'auth.json');
  fs.mkdirSync(path.dirname(codex), { recursive: true });
  fs.writeFileSync(codex, JSON.stringify({ tokens: { access_token: `codex-access-${'A'.repeat(40)}`, refresh_token: CODEX_RT, account_id: 'acct-1' }, last_refresh: new Date().toISOString() }));
}

function writeConfig(cfg: unknown): void {
  fs.mkdirSync(path.dirname(state.configPath), { recursive: true });
  fs.writeFileSync(state.configPath, JSON.stringify(cfg));
}

const agentDir = (id: string) => path.join(state.stateDir, 'agents', id);

describe('an unknown --agent', () => {
  it('is one line naming the agents and how to create it, for every command that reads; nothing is created', async () => {
    await vendorLogins();
    expect((await cli(['agents', 'add', 'work'])).code).toBe(0);
    const reads = [
      ['models', 'status', '--check'],
      ['models', 'status', '--json'],
      ['models', 'status', '--plain'],
      ['models', 'auth', 'list'],
      ['models', 'auth', 'order', 'get', '--provider', 'anthropic'],
      ['models', 'auth', 'cooldown', 'list'],
      ['doctor'],
      ['doctor', '--json'],
    ];
    for (const args of reads) {
      const r = await cli([...args, '--agent', 'wrok']);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toBe('clawdbot: unknown agent "wrok" (agents: main, work; create it with clawdbot agents add wrok)\n');
      expect(r.stdout).toBe('');
    }
    expect(fs.existsSync(agentDir('wrok'))).toBe(false);
    // --all-agents has nothing new to alarm on.
    const all = await cli(['models', 'status', '--json', '--all-agents']);
    expect(JSON.parse(all.stdout).agents.map((a: { agentId: string }) => a.agentId)).toEqual(['main', 'work']);
  });

  it('an agent named in the config but without a directory is known, and reading it creates nothing', async () => {
    await vendorLogins();
    writeConfig({ agents: { list: [{ id: 'ops' }] } });
    const r = await cli(['models', 'status', '--check', '--agent', 'ops']);
    expect(r.stderr).not.toContain('unknown agent');
    expect(fs.existsSync(agentDir('ops'))).toBe(false);
    expect((await cli(['doctor', '--agent', 'ops'])).stderr).not.toContain('unknown agent');
    expect(fs.existsSync(agentDir('ops'))).toBe(false);
  });
});

describe('vendor-CLI logins go where auth.externalLogins says', () => {
  it('by default only main gets them: agents add work --profile gets exactly that profile, and its status says why', async () => {
    await vendorLogins();
    expect((await cli(['models', 'auth', 'paste-token', '--provider', 'anthropic', '--profile-id', 'anthropic:day'], `${DAY_KEY}\n`)).code).toBe(0);
    expect((await cli(['agents', 'add', 'work', '--profile', 'anthropic:day'])).code).toBe(0);
    const work = await cli(['models', 'status', '--json', '--agent', 'work']);
    expect(work.code, work.stderr).toBe(0);
    expect(Object.keys((await readJson(state.agentStorePath('work'))).profiles)).toEqual(['anthropic:day']);
    const notes: string[] = JSON.parse(work.stdout).auth.notes;
    expect(notes).toContain(
      'Codex CLI login seen (~/.codex/auth.json) but not imported into agent work: agent work is not in auth.externalLogins["codex-cli"].agents (default ["main"]); to use it, add "work" to auth.externalLogins["codex-cli"].agents in clawdbot.json',
    );
    const main = await cli(['models', 'status', '--json']);
    expect(Object.keys((await readJson(state.storePath)).profiles).sort()).toEqual(['anthropic:claude-cli', 'anthropic:day', 'openai-codex:codex-cli']);
    expectNoSecretIn(main.stdout + main.stderr + work.stdout + work.stderr, CODEX_RT);
  });

  it('import: false keeps a login out; status and doctor say it was seen and how to turn it on; agents: [...] adds an agent', async () => {
    await vendorLogins();
    expect((await cli(['agents', 'add', 'work'])).code).toBe(0);
    writeConfig({ agents: { list: [{ id: 'work' }] }, auth: { externalLogins: { 'codex-cli': { import: false }, 'claude-cli': { agents: ['main', 'work'] } } } });
    const status = await cli(['models', 'status', '--plain']);
    expect(status.code, status.stderr).toBe(0);
    const seen =
      'Codex CLI login seen (~/.codex/auth.json) but not imported into agent main: auth.externalLogins["codex-cli"].import is false; to use it, set auth.externalLogins["codex-cli"].import to true in clawdbot.json';
    expect(status.stdout).toContain(seen);
    expect(Object.keys((await readJson(state.storePath)).profiles)).toEqual(['anthropic:claude-cli']);
    const doctor = await cli(['doctor']);
    expect(doctor.stdout).toContain(seen);
    expect(doctor.stdout).not.toMatch(/fixed +Codex CLI login seen/);
    expect((await cli(['models', 'status', '--json', '--agent', 'work'])).code).toBe(0);
    expect(Object.keys((await readJson(state.agentStorePath('work'))).profiles)).toEqual(['anthropic:claude-cli']);

    const onboard = await cli(['onboard', '--non-interactive', '--auth-choice', 'codex-cli']);
    expect(onboard.code).toBe(1);
    expect(onboard.stderr).toBe(
      'clawdbot: No usable Codex CLI login: turned off for agent main (auth.externalLogins["codex-cli"].import is false); to use it, set auth.externalLogins["codex-cli"].import to true in clawdbot.json.\n',
    );
  });
});

describe('doctor: one refresh token in two profiles', () => {
  const oauth = (refresh: string, accountId = 'acct-1') => ({ type: 'oauth', provider: 'openai-codex', access: `acc-${refresh}`, refresh, expires: Date.now() + 3_600_000, accountId });

  it('in one agent: a warning naming both, with the fix; doctor is not "Healthy"', async () => {
    await writeStore(state.storePath, {
      version: 1,
      profiles: {
        'anthropic:claude-cli': { type: 'oauth', provider: 'anthropic', access: 'sk-ant-oat01-a', refresh: CLAUDE_RT, expires: Date.now() + 3_600_000 },
        'anthropic:mine': { type: 'oauth', provider: 'anthropic', access: 'sk-ant-oat01-b', refresh: CLAUDE_RT, expires: Date.now() + 3_600_000 },
      },
    });
    const r = await cli(['doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'warning anthropic:claude-cli (agent main) and anthropic:mine (agent main) hold the same refresh token: refreshing one spends it and logs the other out (and the vendor CLI, for a reused login) (fix: clawdbot models auth remove anthropic:mine --yes (keeps anthropic:claude-cli (agent main); sign in again for a separate login))',
    );
    expect(r.stdout).not.toContain('Healthy');
    expectNoSecretIn(r.stdout + r.stderr, CLAUDE_RT);
  });

  it('across agents it is flagged from either side; one store shared through a symlink is not', async () => {
    await writeStore(state.storePath, { version: 1, profiles: { 'openai-codex:work': oauth('rt-shared-1') } });
    await writeStore(state.agentStorePath('work'), { version: 1, profiles: { 'openai-codex:work': oauth('rt-shared-1') } });
    fs.mkdirSync(path.dirname(state.agentStorePath('twin')), { recursive: true });
    fs.symlinkSync(state.storePath, state.agentStorePath('twin'));
    const fromMain = await cli(['doctor', '--json']);
    const shared = JSON.parse(fromMain.stdout).findings.filter((f: { id: string }) => f.id === 'credential.shared-refresh-token');
    expect(shared).toHaveLength(1);
    expect(shared[0].message).toMatch(/^openai-codex:work \(agent main\/twin\) and openai-codex:work \(agent work\) hold the same refresh token/);
    expect(shared[0].fix).toMatch(/^clawdbot models auth remove openai-codex:work --agent work --yes/);
    const fromWork = await cli(['doctor', '--json', '--agent', 'work']);
    expect(JSON.parse(fromWork.stdout).findings.filter((f: { id: string }) => f.id === 'credential.shared-refresh-token')).toHaveLength(1);

    // Running the fix clears it.
    expect((await cli(['models', 'auth', 'remove', 'openai-codex:work', '--agent', 'work', '--yes'])).code).toBe(0);
    const after = await cli(['doctor', '--json']);
    expect(JSON.parse(after.stdout).findings.filter((f: { id: string }) => f.id === 'credential.shared-refresh-token')).toEqual([]);
  });
});
