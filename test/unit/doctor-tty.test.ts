// doctor on a real terminal (node-pty): it asks before repairing without --yes, and offers to
// refresh expiring OAuth tokens. CI is removed from the child's env (see helpers/pty.ts).
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTempState, readJson, requireBuild, writeStore, type TempState } from '../helpers/store-cli.js';
import { spawnCli, uiEnv } from '../helpers/pty.js';
import { makeAccessJwt, startRefreshTokenServer } from '../helpers/refresh-token-server.js';

let t: TempState;
beforeAll(() => requireBuild());
afterEach(async () => {
  await t?.cleanup();
});

const H = 3_600_000;
const mode = (p: string) => fs.statSync(p).mode & 0o777;

async function setup(config: unknown, profiles: Record<string, unknown>): Promise<void> {
  t = await makeTempState('cb-e-tty-');
  await fsp.mkdir(t.stateDir, { recursive: true, mode: 0o700 });
  await fsp.chmod(t.stateDir, 0o700);
  await fsp.writeFile(t.configPath, JSON.stringify(config), { mode: 0o600 });
  await writeStore(t.storePath, { version: 1, profiles });
  for (const d of [path.join(t.stateDir, 'agents'), path.join(t.stateDir, 'agents', 'main'), t.agentDir]) await fsp.chmod(d, 0o700);
}

const ANTHROPIC = { agents: { defaults: { model: { primary: 'anthropic/claude-opus-4-5' } } } };
const KEY = { 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-' + 'k'.repeat(60) } };

describe('doctor on a terminal', () => {
  it('--repair without --yes shows the problems and asks; "n" changes nothing, "y" repairs', async () => {
    await setup(ANTHROPIC, KEY);
    await fsp.chmod(t.configPath, 0o644);

    const no = spawnCli(['doctor', '--repair'], { env: uiEnv(t.env) });
    await no.waitFor(/Repair 1 problem now\? \[y\/N\]/);
    expect(no.screen()).toContain(`${t.configPath} is 0644`);
    // The question is the offer: no "Run `clawdbot doctor --repair`" line right above it.
    expect(no.screen()).not.toContain('Run `clawdbot doctor --repair`');
    no.write('n\r');
    expect((await no.exited).exitCode).toBe(1);
    // Declining says so instead of exiting 1 without a word.
    expect(no.screen()).toContain('Nothing was changed.');
    expect(mode(t.configPath)).toBe(0o644);

    const yes = spawnCli(['doctor', '--repair'], { env: uiEnv(t.env) });
    await yes.waitFor(/Repair 1 problem now\? \[y\/N\]/);
    yes.write('y\r');
    await yes.waitFor(/Healthy \(1 fixed\)/);
    expect((await yes.exited).exitCode).toBe(0);
    expect(mode(t.configPath)).toBe(0o600);
  });

  it('offers to refresh an expiring OAuth token and does it on "y"', async () => {
    const server = await startRefreshTokenServer();
    try {
      server.accept('refresh-tty-0001');
      server.expiresIn = 10 * 24 * 3600;
      await setup(
        { agents: { defaults: { model: { primary: 'openai-codex/gpt-5.2' } } } },
        {
          'openai-codex:default': {
            type: 'oauth',
            provider: 'openai-codex',
            access: makeAccessJwt(0, Math.floor(Date.now() / 1000) + 7200),
            refresh: 'refresh-tty-0001',
            expires: Date.now() + 2 * H,
          },
        },
      );
      const run = spawnCli(['doctor'], { env: uiEnv({ ...t.env, CLAWDBOT_OPENAI_OAUTH_BASE_URL: server.url }) });
      await run.waitFor(/Refresh the OAuth token of openai-codex:default now\? \[y\/N\]/);
      expect(server.requests).toHaveLength(0);
      run.write('y\r');
      await run.waitFor(/refreshed the OAuth token of openai-codex:default/);
      expect((await run.exited).exitCode).toBe(0);
      expect(server.requests).toHaveLength(1);
      expect((await readJson(t.storePath)).profiles['openai-codex:default'].refresh).toBe(server.currentRefresh);
    } finally {
      await server.close();
    }
  });
});
