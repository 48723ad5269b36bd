// Permissions under a careless umask (G14): with umask 000 every write path of the CLI still
// leaves files 0600 and directories 0700 (store, config, .bak, agent stores, doctor's copies),
// checked after each command.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TempState, makeTempState, requireBuild, runCli } from '../helpers/store-cli.js';

let t: TempState;
beforeAll(async () => {
  requireBuild();
  t = await makeTempState('cb-g-perms-');
});
afterAll(async () => {
  await t?.cleanup();
});

function loose(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      const m = fs.lstatSync(full).mode & 0o777;
      if (e.isDirectory()) {
        if (m !== 0o700) out.push(`${full} ${m.toString(8)}`);
        walk(full);
      } else if (e.isFile() && m !== 0o600) out.push(`${full} ${m.toString(8)}`);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

describe('hardening: umask 000', () => {
  const steps: Array<{ args: string[]; stdin?: string }> = [
    { args: ['models', 'auth', 'paste-token', '--provider', 'openrouter'], stdin: `sk-or-v1-${'p'.repeat(40)}\n` },
    { args: ['models', 'auth', 'setup-token', '--profile-id', 'anthropic:st'], stdin: `sk-ant-oat01-${'s'.repeat(90)}\n` },
    { args: ['models', 'auth', 'order', 'set', '--provider', 'openrouter', 'openrouter:manual'] },
    { args: ['agents', 'add', 'second', '--profile', 'openrouter:manual'] },
    { args: ['models', 'auth', 'remove', 'anthropic:st', '--yes'] },
    { args: ['onboard', '--non-interactive', '--auth-choice', 'token', '--token', '-', '--token-provider', 'anthropic', '--agent', 'third'], stdin: `sk-ant-oat01-${'t'.repeat(90)}\n` },
    { args: ['doctor', '--repair', '--yes'] },
  ];
  for (const step of steps) {
    it(`umask 000: clawdbot ${step.args.join(' ')}`, async () => {
      const r = await runCli(step.args, { env: t.env, stdin: step.stdin ?? '', umask: '000' });
      // doctor exits 1 while it still has findings it cannot fix (e.g. a provider in use without a credential).
      if (step.args[0] === 'doctor') expect([0, 1], r.stdout + r.stderr).toContain(r.code);
      else expect(r.code, r.stderr).toBe(0);
      expect(loose(t.stateDir)).toEqual([]);
    });
  }

  it('a corrupt store moved aside by doctor --repair under umask 000: the copy is 0600', async () => {
    fs.writeFileSync(t.storePath, '{"version": 1, "profiles": {', { mode: 0o600 });
    const r = await runCli(['doctor', '--repair', '--yes'], { env: t.env, umask: '000' });
    expect(r.stdout + r.stderr).toMatch(/corrupt|moved|kept/i);
    const copies = fs.readdirSync(t.agentDir).filter((f) => f.includes('.corrupt'));
    expect(copies.length).toBeGreaterThan(0);
    expect(loose(t.stateDir)).toEqual([]);
  });
});
