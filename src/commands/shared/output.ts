// Printing for one-shot commands: JSON that is always valid and alone on stdout, plain text that
// is colourless off a terminal or under NO_COLOR.
import { escapeControls } from '../../util/control-chars.js';

/** Where one-shot output goes: process.stdout, or a direct writer (src/util/stdout-direct.ts). */
export type WriteOut = (text: string) => void;
const toStdout: WriteOut = (text) => {
  process.stdout.write(text);
};

export function printJson(value: unknown, write: WriteOut = toStdout): void {
  write(JSON.stringify(value, null, 2) + '\n');
}

// Everything a one-shot command prints as text goes through terminalSafe: profile ids, provider
// names and labels come from files people edit by hand, and an escape sequence in one of them
// must not move the cursor, retitle the window or hide text. The only sequences let through are
// the colours `paint` adds.
const OUR_COLOURS = /(\x1b\[(?:0|1|2|3[1-6])m)/;

/** `text` with every control character except newline, tab and our colour codes shown escaped (`\x1b`). */
export function terminalSafe(text: string): string {
  if (!text.includes('\x1b')) return escapeControls(text, { keepLines: true });
  // Split around our colour codes (odd pieces) and escape what is between them.
  return text
    .split(OUR_COLOURS)
    .map((piece, i) => (i % 2 ? piece : escapeControls(piece, { keepLines: true })))
    .join('');
}

/** Text for stdout, made terminal-safe. */
export function printText(text: string, write: WriteOut = toStdout): void {
  write(terminalSafe(text));
}

export function println(line = ''): void {
  printText(line + '\n');
}

export function eprintln(line = ''): void {
  process.stderr.write(terminalSafe(line + '\n'));
}

/** `stream`: where the text goes, or just whether it is a terminal (default process.stdout). */
export function colorEnabled(stream: { isTTY?: boolean } = process.stdout, env = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  if (env.TERM === 'dumb') return false;
  return Boolean(stream.isTTY);
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, dim: 2, bold: 1 } as const;
export type Color = keyof typeof CODES;

export function paint(enabled: boolean) {
  return (color: Color, text: string) => (enabled ? `\x1b[${CODES[color]}m${text}\x1b[0m` : text);
}
