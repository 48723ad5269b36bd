// Printing for one-shot commands: JSON that is always valid and alone on stdout, plain text that
// is colourless off a terminal or under NO_COLOR.

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function println(line = ''): void {
  process.stdout.write(line + '\n');
}

export function eprintln(line = ''): void {
  process.stderr.write(line + '\n');
}

export function colorEnabled(stream: NodeJS.WriteStream = process.stdout, env = process.env): boolean {
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
