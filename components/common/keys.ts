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
