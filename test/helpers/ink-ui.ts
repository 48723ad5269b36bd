// The one Ink test helper for component tests: render through ink-testing-library (the patched
// Ink in node_modules, see ink-patched.test.tsx), press keys by name, read frames as plain text,
// and poll until a frame matches. Import it before any component so CI is gone before Ink loads.
import './no-ci.js';
import type { ReactElement } from 'react';
import { render } from 'ink-testing-library';

/** What a terminal sends for each key. */
export const KEYS = {
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
  enter: '\r',
  escape: '\x1b',
  backspace: '\x7f',
  tab: '\t',
  space: ' ',
  ctrlC: '\x03',
} as const;

export type KeyName = keyof typeof KEYS;

// CSI sequences (colours, cursor moves) and OSC sequences (hyperlinks) as Ink writes them.
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

/** A frame as plain text: every escape sequence removed. */
export function stripAnsi(s: string | undefined): string {
  return (s ?? '').replace(ANSI, '');
}

export type FrameMatch = string | RegExp | ((frame: string) => boolean);

function matcher(match: FrameMatch): (frame: string) => boolean {
  return typeof match === 'function' ? match : typeof match === 'string' ? (f) => f.includes(match) : (f) => match.test(f);
}

/**
 * Poll `read` until it matches; fail with the last frame when it never does. Polls on real
 * timers: under fake timers, advance them and read `frame()` instead.
 */
export async function waitForFrame(read: () => string | undefined, match: FrameMatch, what?: string, timeoutMs = 10_000): Promise<string> {
  const test = matcher(match);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const f = read() ?? '';
    if (test(f)) return f;
    if (Date.now() > deadline) throw new Error(`frame never matched ${what ?? String(match)}; last frame:\n${f}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface InkUi extends ReturnType<typeof render> {
  /** The last frame as plain text. */
  frame(): string;
  /** Press keys by name, in order, each its own write. */
  press(...keys: KeyName[]): void;
  /** Type text (or send raw bytes) as one write. */
  type(text: string): void;
  /** Poll until the plain-text frame matches; returns it. */
  waitFrame(match: FrameMatch, what?: string, timeoutMs?: number): Promise<string>;
}

export function renderInk(tree: ReactElement): InkUi {
  const ui = render(tree);
  const frame = () => stripAnsi(ui.lastFrame());
  return Object.assign(ui, {
    frame,
    press: (...keys: KeyName[]) => keys.forEach((k) => ui.stdin.write(KEYS[k])),
    type: (text: string) => ui.stdin.write(text),
    waitFrame: (match: FrameMatch, what?: string, timeoutMs?: number) => waitForFrame(frame, match, what, timeoutMs),
  });
}
