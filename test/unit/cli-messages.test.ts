// Every command's help and usage errors, walked from the real command tree and run through the
// built CLI: help exits 0 and describes every command; a usage error is exactly one line on
// stderr starting with `clawdbot:` that names the help to read (docs/troubleshooting.md's promise);
// a mistyped command gets a suggestion, `models stauts` included (status is models' default).
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/program.js';
import { makeTempState, requireBuild, runCli, type TempState } from '../helpers/store-cli.js';

let t: TempState;
let commands: { path: string[]; cmd: Command }[] = [];

function walk(cmd: Command, path: string[]): void {
  for (const sub of cmd.commands) {
    const p = [...path, sub.name()];
    commands.push({ path: p, cmd: sub });
    walk(sub, p);
  }
}

beforeAll(async () => {
  requireBuild();
  t = await makeTempState('cb-msg-');
  commands = [];
  walk(await buildProgram(), []);
});
afterAll(() => t.cleanup());

const leaves = () => commands.filter((c) => c.cmd.commands.length === 0);

function expectOneUsageLine(stderr: string, helpOf: string): void {
  const lines = stderr.split('\n').filter(Boolean);
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^clawdbot: /);
  expect(lines[0]).toContain(`clawdbot ${helpOf} --help`);
}

describe('help texts', () => {
  it('every command and subcommand says what it does', () => {
    const bare = commands.filter((c) => !c.cmd.description().trim()).map((c) => c.path.join(' '));
    expect(bare).toEqual([]);
  });

  it('every command that works on one agent takes --agent', () => {
    // `agents add ID` names its agent as the argument.
    const without = leaves()
      .filter((c) => c.path.join(' ') !== 'agents add')
      .filter((c) => !c.cmd.options.some((o) => o.long === '--agent'))
      .map((c) => c.path.join(' '));
    expect(without).toEqual([]);
  });

  it('--help of every command prints its usage and exits 0', async () => {
    for (const { path } of commands) {
      const r = await runCli([...path, '--help'], { env: t.env });
      expect(r.code, path.join(' ')).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: clawdbot ${path.join(' ')}`));
      expect(r.stderr).toBe('');
    }
  });
});

describe('usage errors', () => {
  it('an unknown option of any command is one line naming that command\'s help', async () => {
    for (const { path } of leaves()) {
      const r = await runCli([...path, '--no-such-flag'], { env: t.env });
      expect(r.code, path.join(' ')).toBe(1);
      expectOneUsageLine(r.stderr, path.join(' '));
      // Commander checks required options first; either way the line says what is wrong.
      expect(r.stderr).toMatch(/unknown option '--no-such-flag'|required option '--[a-z-]+ <[a-z]+>' not specified/);
    }
  });

  it('what was typed is echoed with its escape codes made visible', async () => {
    const r = await runCli(['models', 'status', '--x\u001b[2J'], { env: t.env });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('\u001b');
    expect(r.stderr).toContain("unknown option '--x\\x1b[2J'");
  });

  it('a missing required option is one line', async () => {
    const r = await runCli(['models', 'auth', 'paste-token'], { env: t.env });
    expect(r.code).toBe(1);
    expectOneUsageLine(r.stderr, 'models auth paste-token');
    expect(r.stderr).toContain("required option '--provider <provider>' not specified");
  });

  it.each([
    [['onbaord'], 'onboard', ''],
    [['models', 'stauts'], 'status', 'models'],
    [['models', 'auht', 'list'], 'auth', 'models'],
    [['agents', 'lsit'], 'list', 'agents'],
  ])('%j suggests %s', async (args, guess, group) => {
    const r = await runCli(args, { env: t.env });
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^clawdbot: unknown command/);
    expect(lines[0]).toContain(`(did you mean ${guess}?)`);
    expect(lines[0]).toContain(`clawdbot ${group ? `${group} ` : ''}--help`);
  });

  it('a word that resembles no command gets no wrong guess', async () => {
    const r = await runCli(['models', 'xyzzy'], { env: t.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("unknown command 'models xyzzy'");
    expect(r.stderr).not.toContain('did you mean');
  });
});

describe('agents list --agent', () => {
  it('narrows the list to that agent, and names the agents when it does not exist', async () => {
    const one = await runCli(['agents', 'list', '--agent', 'main', '--json'], { env: t.env });
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout).agents.map((a: { agentId: string }) => a.agentId)).toEqual(['main']);
    const none = await runCli(['agents', 'list', '--agent', 'wrok'], { env: t.env });
    expect(none.code).toBe(1);
    expect(none.stderr.trim()).toBe('clawdbot: unknown agent "wrok" (agents: main; create it with clawdbot agents add wrok)');
  });
});
