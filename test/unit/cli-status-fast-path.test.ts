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
    [['models', 'status', 'extra']],
  ])('%j goes through commander', (argv) => {
    expect(parseStatusFastPath(argv)).toBeUndefined();
  });
});
