// Doctor on a sub-agent (--agent ops): every fix it prints acts on that agent. Run as printed, the
// sign-in command for a profile the config declares writes ops's store (not main's) and the finding
// is gone; a corrupt store moved aside points at onboarding that agent.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { makeTempState, readJson, requireBuild, runCli, writeStore, type TempState } from '../helpers/store-cli.js';

const KEY = 'sk-or-v1-' + 'a1b2c3d4'.repeat(8);
let t: TempState;
beforeAll(() => requireBuild());
beforeEach(async () => {
  t = await makeTempState('cb-doc-agent-');
  await writeStore(t.storePath, { version: 1, profiles: {} });
  await writeStore(t.agentStorePath('ops'), { version: 1, profiles: {} });
  await fsp.writeFile(t.configPath, JSON.stringify({ auth: { profiles: { 'openrouter:work': { provider: 'openrouter', mode: 'api_key' } } } }), { mode: 0o600 });
});
afterEach(() => t.cleanup());

const doctor = async (args: string[]) => JSON.parse((await runCli(['doctor', '--json', ...args], { env: t.env })).stdout) as { findings: Array<{ id: string; subject?: string; fix?: string; message: string }> };

it('the fix for a profile the config declares but ops does not hold names --agent ops, and run as printed it fixes ops', async () => {
  const before = await doctor(['--agent', 'ops']);
  const missing = before.findings.find((f) => f.id === 'config.profile-missing' && f.subject === 'openrouter:work')!;
  expect(missing.fix).toBe('clawdbot models auth paste-api-key --provider openrouter --profile-id openrouter:work --agent ops');
  const run = await runCli(missing.fix!.split(' ').slice(1), { env: t.env, stdin: `${KEY}\n` });
  expect(run.code, run.stderr).toBe(0);
  expect((await readJson(t.agentStorePath('ops'))).profiles['openrouter:work']).toMatchObject({ type: 'api_key', provider: 'openrouter' });
  expect((await readJson(t.storePath)).profiles).toEqual({});
  const after = await doctor(['--agent', 'ops']);
  expect(after.findings.filter((f) => f.id === 'config.profile-missing' && f.subject === 'openrouter:work')).toEqual([]);
  // Main, untouched, still lacks it, and its fix names no agent.
  const main = await doctor([]);
  expect(main.findings.find((f) => f.id === 'config.profile-missing')!.fix).toBe('clawdbot models auth paste-api-key --provider openrouter --profile-id openrouter:work');
});

it('an order entry ops does not hold is fixed by an order command for ops', async () => {
  await writeStore(t.agentStorePath('ops'), {
    version: 1,
    profiles: { 'openrouter:home': { type: 'api_key', provider: 'openrouter', key: KEY } },
    order: { openrouter: ['openrouter:gone', 'openrouter:home'] },
  });
  const found = (await doctor(['--agent', 'ops'])).findings.find((f) => f.id === 'order.missing-profile')!;
  expect(found.fix).toBe('clawdbot doctor --repair --agent ops (drops it), or clawdbot models auth order set --provider openrouter openrouter:home --agent ops');
});

it('a corrupt ops store moved aside points at onboarding ops', async () => {
  await fsp.writeFile(t.agentStorePath('ops'), '{"version": 1, "profiles": {', { mode: 0o600 });
  const repaired = await doctor(['--agent', 'ops', '--repair', '--yes']);
  const corrupt = repaired.findings.find((f) => f.id === 'store.corrupt')!;
  expect(corrupt.fix).toMatch(/^sign in again \(clawdbot onboard --agent ops\), or restore profiles by hand from /);
  expect(fs.existsSync(t.agentStorePath('ops'))).toBe(true);
});
