// Commander reports a usage error as "error: …", sometimes "(Did you mean …?)" on the next line,
// then our help hint on a third. The contract (docs/troubleshooting.md) is one line on stderr that
// starts with `clawdbot:` and says what to do, so every command's error output is reshaped here.
import type { Command } from 'commander';
import { escapeControls } from '../../util/control-chars.js';

/** `clawdbot models auth paste-token` for that command. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** One line from commander's error text, naming the help of the command it came from. */
export function oneLineUsageError(raw: string, path: string): string {
  const lines = raw
    .trim()
    .replace(/^error:\s*/i, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  let message = lines[0] ?? 'invalid usage';
  const suggestion = lines.slice(1).map((l) => /^\(Did you mean (.+)\?\)$/.exec(l)?.[1]).find(Boolean);
  if (suggestion) message += ` (did you mean ${suggestion}?)`;
  // Commander quotes what was typed: an option typed with escape codes must not drive the terminal.
  return `clawdbot: ${escapeControls(message)}; run \`${path} --help\` for usage\n`;
}

/** Apply the one-line format to `program` and every command below it. */
export function useOneLineUsageErrors(program: Command): void {
  const visit = (cmd: Command) => {
    const path = commandPath(cmd);
    cmd.configureOutput({ ...cmd.configureOutput(), outputError: (str, write) => write(oneLineUsageError(str, path)) });
    cmd.commands.forEach(visit);
  };
  visit(program);
}
