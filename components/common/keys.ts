// Input helpers shared by the common inputs: what counts as "back", and cleaning a pasted chunk.
import type { Key } from 'ink';

/** Bracketed-paste markers as they reach useInput (the ESC may already be stripped). */
const PASTE_MARKER = /\x1b?\[20[01]~/g;

export function isBackspace(key: Key): boolean {
  return key.backspace || key.delete;
}

/** Strip paste markers and line breaks from typed or pasted text; other control chars too. */
export function cleanTyped(input: string): string {
  return input.replace(PASTE_MARKER, '').replace(/[\r\n]+/g, '').replace(/[\x00-\x1f\x7f]/g, '');
}

export function isCtrlC(input: string, key: Key): boolean {
  return (key.ctrl && input === 'c') || input === '\x03';
}
