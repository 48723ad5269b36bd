// doctor --repair writes through the same lock as every other writer: run it at the same time as
// several `paste-token` processes and nothing any of them wrote is lost.
import fsp from 'node:fs/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTempState, readJson, requireBuild, runCli, writeStore, type TempState } from '../helpers/store-cli.js';

let t: TempState;
beforeAll(() => requireBuild());
afterEach(async () => {
  await t?.cleanup();
});

describe('doctor --repair alongside other writers', () => {
  it('repairs the order while 6 paste-token processes add profiles: all 6 kept, dangling id gone', async () => {
    t = await makeTempState('cb-e-race-');
    await fsp.mkdir(t.stateDir, { recursive: true, mode: 0o700 });
    await fsp.writeFile(t.configPath, JSON.stringify({ agents: { defaults: { model: { primary: 'openrouter/x' } } } }), { mode: 0o600 });
    await writeStore(t.storePath, {
      version: 1,
      profiles: { 'openrouter:a': { type: 'api_key', provider: 'openrouter', key: 'sk-or-v1-' + 'a'.repeat(40) } },
      order: { openrouter: ['openrouter:a', 'openrouter:gone'] },
      custom: { keep: true },
    });
    const writers = Array.from({ length: 6 }, (_, i) =>
      runCli(['models', 'auth', 'paste-token', '--provider', 'openrouter', '--profile-id', `openrouter:w${i}`], {
        env: t.env,
        stdin: `sk-or-v1-${String(i).repeat(40)}\n`,
      }),
    );
    const doctors = [runCli(['doctor', '--repair', '--json'], { env: t.env }), runCli(['doctor', '--repair', '--json'], { env: t.env })];
    const results = await Promise.all([...writers, ...doctors]);
    for (const r of results.slice(0, 6)) expect(r.code, r.stderr).toBe(0);
    const doc = await readJson(t.storePath);
    expect(Object.keys(doc.profiles).sort()).toEqual(['openrouter:a', ...Array.from({ length: 6 }, (_, i) => `openrouter:w${i}`)].sort());
    expect(doc.order.openrouter).not.toContain('openrouter:gone');
    expect(doc.order.openrouter[0]).toBe('openrouter:a');
    expect(doc.custom).toEqual({ keep: true });
    const after = await runCli(['doctor', '--json'], { env: t.env });
    expect(JSON.parse(after.stdout).findings.filter((f: { id: string }) => f.id === 'order.missing-profile')).toEqual([]);
    expect(after.code).toBe(0);
  });
});
