// The `models status` fast path skips commander only for forms it understands completely; every
// other argv goes to commander, which owns help and error messages.
import { describe, expect, it } from 'vitest';
import { parseStatusFastPath } from '../../src/commands/status-fast-path.js';

describe('models status fast path', () => {
  it.each([
    [['models'], { agent: 'main', warnWithin: '24h' }],
    [['models', 'status'], { agent: 'main', warnWithin: '24h' }],
    [['models', 'status', '--check'], { agent: 'main', warnWithin: '24h', check: true }],
    [['models', 'status', '--json', '--agent', 'ops'], { agent: 'ops', warnWithin: '24h', json: true }],
    [['models', 'status', '--agent=ops', '--warn-within=2h', '--all-agents'], { agent: 'ops', warnWithin: '2h', allAgents: true }],
    [['models', '--plain', '--probe'], { agent: 'main', warnWithin: '24h', plain: true, probe: true }],
    [['models', 'status', '--usage', '--json'], { agent: 'main', warnWithin: '24h', usage: true, json: true }],
    [['models', 'status', '--check', '--warn-usage', '90'], { agent: 'main', warnWithin: '24h', check: true, warnUsage: '90' }],
  ])('%j is run directly', (argv, expected) => {
    expect(parseStatusFastPath(argv)).toEqual(expected);
  });

  it.each([
    [[]],
    [['doctor']],
    [['models', 'auth', 'list']],
    [['models', 'status', '--help']],
    [['models', 'status', '-h']],
    [['models', 'status', '--bogus']],
    [['models', 'status', '--agent']],
    [['models', 'status', '--agent', '--json']],
    [['models', 'status', '--agent=']],
    [['models', 'status', '--check=yes']],
    [['models', 'status', '--warn-usage']],
    [['models', 'status', 'extra']],
  ])('%j goes through commander', (argv) => {
    expect(parseStatusFastPath(argv)).toBeUndefined();
  });
});

describe('models status fast path agrees with the commander definition', () => {
  it('accepts exactly the flags `models status --help` lists, with the same defaults', async () => {
    const { execFileSync } = await import('node:child_process');
    const { DIST_CLI, requireBuild } = await import('../helpers/store-cli.js');
    const { STATUS_FAST_PATH_FLAGS } = await import('../../src/commands/status-fast-path.js');
    requireBuild();
    const raw = execFileSync(process.execPath, [DIST_CLI, 'models', 'status', '--help'], { encoding: 'utf8' });
    // Option names start a help line; descriptions may mention other flags.
    const listed = [...raw.matchAll(/^\s{2}(?:-\w, )?(--[a-z-]+)( <[a-z]+>)?/gm)].filter((m) => m[1] !== '--help');
    const help = raw.replace(/\s+/g, ' ');
    const boolean = listed.filter((m) => !m[2]).map((m) => m[1]).sort();
    const withValue = listed.filter((m) => m[2]).map((m) => m[1]).sort();
    expect(boolean).toEqual([...STATUS_FAST_PATH_FLAGS.boolean].sort());
    expect(withValue).toEqual([...STATUS_FAST_PATH_FLAGS.withValue].sort());
    const defaults = parseStatusFastPath(['models', 'status'])!;
    expect(help).toContain(`--agent <id> agent to show (default: "${defaults.agent}")`);
    expect(help).toMatch(new RegExp(`--warn-within <duration> .*\\(default: "${defaults.warnWithin}"\\)`));
  });
});
