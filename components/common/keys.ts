// Input helpers shared by the common inputs: what counts as "back", and cleaning a pasted chunk.
import type { Key } from 'ink';

/** Bracketed-paste markers as they reach useInput (the ESC may already be stripped). */
const PASTE_MARKER = /\x1b?\[20[01]~/g;

export function isBackspace(key: Key): boolean {
  return key.backspace || key.delete;
}

/**
 * `value` after a chunk of typed or pasted input. Ink hands over everything that arrived together
 * as one event: a held-down Backspace or fast typing gives chunks like "\x7f\x7f" or "ab\x7f",
 * and each Backspace (DEL or BS) in them deletes one character, in order. Paste markers, line
 * breaks and other control characters are dropped.
 */
export function applyTyped(value: string, input: string): string {
  let out = value;
  for (const ch of input.replace(PASTE_MARKER, '')) {
    if (ch === '\x7f' || ch === '\b') out = Array.from(out).slice(0, -1).join('');
    else if (!/[\x00-\x1f]/.test(ch)) out += ch;
  }
  return out;
}

export function isCtrlC(input: string, key: Key): boolean {
  return (key.ctrl && input === 'c') || input === '\x03';
}

/**
 * Cursor moves in a chunk of typed-ahead j/k ("jjj" arrives as one read over a slow SSH link): one
 * step per letter, in order; undefined when the chunk holds anything else. Only these movement
 * keys are taken from a chunk: other letters act (remove, reset...) and a chunk of them may be a
 * paste, so they count only when they arrive alone.
 */
export function typedAheadMoves(input: string): Array<1 | -1> | undefined {
  if (!/^[jk]+$/.test(input)) return undefined;
  return Array.from(input, (ch) => (ch === 'j' ? 1 : -1));
}
