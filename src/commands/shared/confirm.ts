// A y/N question on the terminal (stderr, so --json output on stdout stays clean). "No" is the
// default: anything but y/yes declines.
import readline from 'node:readline/promises';

export async function confirm(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** A person is there to answer: stdin and stderr are terminals and this is not CI. */
export function canAsk(env: NodeJS.ProcessEnv = process.env): boolean {
  if ('CI' in env && !['false', '0'].includes((env.CI ?? '').toLowerCase())) return false;
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}
