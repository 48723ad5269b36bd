// Input helpers shared by the common inputs: what counts as "back", and cleaning typed or pasted text.
import { useRef } from 'react';
import type { Key } from 'ink';

/**
 * Ink hands each key of a chunk over as its own event, all in one turn of the event loop (a
 * held-down key, fast typing). A key that leaves the step (back, choose) must act once per chunk:
 * the step's component keeps receiving the rest of the chunk until React renders the next one.
 * `held` is true from `hold()` until the end of the turn.
 */
export function useKeyBurst(): { readonly held: boolean; hold(): void } {
  const held = useRef(false);
  return {
    get held() {
      return held.current;
    },
    hold() {
      if (held.current) return;
      held.current = true;
      setImmediate(() => (held.current = false));
    },
  };
}

export function isBackspace(key: Key): boolean {
  return key.backspace || key.delete;
}

/**
 * `value` after a chunk of typed input. Ink hands over everything that arrived together as one
 * event: a held-down Backspace or fast typing gives chunks like "\x7f\x7f" or "ab\x7f", and each
 * Backspace (DEL or BS) in them deletes one character, in order. Line breaks and other control
 * characters are dropped.
 */
export function applyTyped(value: string, input: string): string {
  let out = value;
  for (const ch of input) {
    if (ch === '\x7f' || ch === '\b') out = Array.from(out).slice(0, -1).join('');
    else if (!/[\x00-\x1f]/.test(ch)) out += ch;
  }
  return out;
}

/**
 * `value` after a paste (Ink's usePaste: the text between the bracketed-paste markers, markers
 * removed). A one-line field takes it without line breaks or other control characters, so a
 * copied trailing newline never submits.
 */
export function applyPasted(value: string, pasted: string): string {
  return value + pasted.replace(/[\x00-\x1f\x7f]/g, '');
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
