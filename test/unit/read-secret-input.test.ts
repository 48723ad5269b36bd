// The masked prompt's input handling, chunk by chunk as a terminal delivers it: a token the
// terminal wrapped over two lines is one token, Enter submits, a paste marker cut between two
// chunks is still a marker.
import { describe, expect, it } from 'vitest';
import { applyMaskedChunk, type MaskedEvent, type MaskedInput } from '../../src/commands/shared/read-secret.js';

function feed(chunks: string[]): { value: string; events: MaskedEvent['kind'][] } {
  let state: MaskedInput = { value: '', inPaste: false, pending: '' };
  const events: MaskedEvent['kind'][] = [];
  for (const c of chunks) {
    const step = applyMaskedChunk(state, c);
    state = step.state;
    for (const e of step.events) events.push(e.kind);
    if (step.events.some((e) => e.kind !== 'echo')) break;
  }
  return { value: state.value, events: events.filter((e) => e !== 'echo') };
}

describe('masked prompt input', () => {
  it.each([
    ['typed, then Enter', ['abc', 'def', '\r'], 'abcdef', ['submit']],
    ['a bracketed paste wrapped over two lines, then Enter', ['\x1b[200~sk-ant-oat01-AAAA\r\nBBBB\x1b[201~', '\r'], 'sk-ant-oat01-AAAABBBB', ['submit']],
    ['a bracketed paste split across chunks, line break in the second', ['\x1b[200~AAAA', '\nBBBB\x1b[201~', '\r'], 'AAAABBBB', ['submit']],
    ['a paste marker cut between chunks', ['\x1b[20', '0~AA\nBB\x1b[2', '01~', '\r'], 'AABB', ['submit']],
    ['an unbracketed paste with a line break inside one chunk', ['AAAA\nBBBB', '\r'], 'AAAABBBB', ['submit']],
    ['a paste ending in a line break outside the markers submits', ['\x1b[200~AAAA\x1b[201~\r'], 'AAAA', ['submit']],
    ['Backspace edits', ['abx\x7fc', '\r'], 'abc', ['submit']],
    ['Ctrl-C cancels', ['ab\x03'], 'ab', ['cancel']],
    ['Ctrl-D on an empty line cancels', ['\x04'], '', ['cancel']],
    ['control characters and escape codes are not part of a secret', ['a\x1b[Ab\tc\x1b[3~', '\r'], 'abc', ['submit']],
  ])('%s', (_name, chunks, value, events) => {
    expect(feed(chunks)).toEqual({ value, events });
  });
});
