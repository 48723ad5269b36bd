// The wizard follows auth.externalLogins: where a vendor CLI's login is turned off for the agent it
// does not offer to reuse it and says why; where it is on, reuse is offered and saved under the
// CLI's one id without a name step. Build first: `node scripts/build.mjs`.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawnCli, uiEnv, type PtyRun } from '../helpers/pty.js';
import { makeTempState, requireBuild, type TempState } from '../helpers/store-cli.js';

let t: TempState;
const runs: PtyRun[] = [];
const REFRESH = `sk-ant-ort01-${'WizRefresh'.repeat(6)}`;

beforeAll(() => requireBuild());
beforeEach(async () => {
  t = await makeTempState('cb-wiz-imports-');
  const claude = path.join(t.home, '.claude', '.credentials.json');
  fs.mkdirSync(path.dirname(claude), { recursive: true });
  fs.writeFileSync(claude, JSON.stringify({ claudeAiOauth: { accessToken: `sk-ant-oat01-${'WizAccess'.repeat(8)}`, refreshToken: REFRESH, expiresAt: Date.now() + 5 * 3_600_000 } }));
});
afterEach(async () => {
  for (const r of runs.splice(0)) r.kill('SIGKILL');
  await t.cleanup();
});

function start(): PtyRun {
  // A closed loopback port: the live check must never reach the real provider.
  const env = uiEnv({ HOME: t.home, CLAWDBOT_STATE_DIR: t.stateDir, ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' });
  for (const k of ['SSH_CONNECTION', 'SSH_TTY', 'SSH_CLIENT', 'ANTHROPIC_API_KEY', 'CLAUDE_CONFIG_DIR']) delete env[k];
  const r = spawnCli(['onboard'], { env, cols: 200, rows: 40 });
  runs.push(r);
  return r;
}

describe('wizard and auth.externalLogins', () => {
  it('turned off: Claude Code reuse is not offered, and the method list says why and how to turn it on', async () => {
    fs.mkdirSync(path.dirname(t.configPath), { recursive: true });
    fs.writeFileSync(t.configPath, JSON.stringify({ auth: { externalLogins: { 'claude-cli': { import: false } } } }));
    const r = start();
    await r.waitFor('Provider');
    r.press('enter');
    await r.waitFor('How to sign in (anthropic)');
    const screen = await r.waitFor('turned off for agent main');
    expect(screen).toContain('auth.externalLogins["claude-cli"].import is false');
    expect(screen).not.toContain('Reuse Claude Code login  found');
    r.press('ctrl-c');
    await r.exited;
    expect(fs.existsSync(t.storePath)).toBe(false);
  });

  it('on (the default for main): reuse is offered and goes on under anthropic:claude-cli with no name step', async () => {
    const r = start();
    await r.waitFor('Provider');
    r.press('enter');
    await r.waitFor('Reuse Claude Code login  found');
    r.press('down');
    r.press('down');
    r.press('enter');
    await r.waitFor('Use this Claude Code login');
    r.press('enter');
    await r.waitFor((s) => s.includes('Summary') || s.includes('Live check'));
    expect(r.output()).not.toContain('Profile name');
    r.press('ctrl-c');
    await r.exited;
  });
});
