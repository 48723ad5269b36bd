// A secret read from a pipe that brought nothing (an unset variable in a script, `< /dev/null`, a
// cron job): every command that reads one says it found none on stdin and how to give it, in one
// line, and writes nothing.
import fs from 'node:fs';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { makeTempState, requireBuild, runCli, type TempState } from '../helpers/store-cli.js';

let t: TempState;
beforeAll(() => requireBuild());
beforeEach(async () => {
  t = await makeTempState('cb-empty-stdin-');
});
afterEach(() => t.cleanup());

const TERMINAL = 'or run it on a terminal to paste it.';
it.each([
  [['models', 'auth', 'paste-token', '--provider', 'openrouter'], 'token', TERMINAL],
  [['models', 'auth', 'paste-api-key', '--provider', 'openrouter'], 'API key', TERMINAL],
  [['models', 'auth', 'setup-token', '--provider', 'anthropic'], 'setup-token', TERMINAL],
  [['onboard', '--non-interactive', '--auth-choice', 'token', '--token', '-', '--token-provider', 'openrouter'], 'token', 'e.g. `printenv TOKEN | clawdbot onboard --non-interactive --token - …`.'],
])('%j with an empty stdin: one line naming what is missing and how to give it', async (args, what, orElse) => {
  for (const stdin of ['', '  \n\n']) {
    const r = await runCli(args, { env: t.env, stdin });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`clawdbot: No ${what} on stdin (it was empty): pipe the ${what} into this command, ${orElse}\n`);
    expect(fs.existsSync(t.storePath)).toBe(false);
  }
});
