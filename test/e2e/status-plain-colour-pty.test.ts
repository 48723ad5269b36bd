// `models status --plain` colours its states on a terminal and nowhere else. The one-shot status
// decides that from file descriptor 1 without building process.stdout (src/util/stdout-direct.ts),
// so the answer is checked where it matters: a real pseudo-terminal, a pipe, and NO_COLOR.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTempState, requireBuild, runCli, writeStore, type TempState } from '../helpers/store-cli.js';
import { spawnCli, uiEnv } from '../helpers/pty.js';

// The escape sequences `paint` adds (src/commands/shared/output.ts).
const OUR_COLOUR = /\x1b\[(?:1|2|3[1-6])m/;

let t: TempState;
beforeAll(() => requireBuild());
afterEach(async () => t?.cleanup());

async function storeWithStates(): Promise<void> {
  t = await makeTempState('cb-e-plain-');
  await writeStore(t.storePath, {
    version: 1,
    profiles: {
      'anthropic:work': { type: 'oauth', provider: 'anthropic', access: `sk-ant-oat01-${'a'.repeat(60)}`, refresh: `sk-ant-ort01-${'r'.repeat(60)}`, expires: Date.now() + 3 * 86_400_000 },
      'anthropic:old': { type: 'oauth', provider: 'anthropic', access: `sk-ant-oat01-${'b'.repeat(60)}`, refresh: `sk-ant-ort01-${'s'.repeat(60)}`, expires: Date.now() - 3_600_000 },
    },
  });
}

async function onTerminal(env: NodeJS.ProcessEnv): Promise<string> {
  const run = spawnCli(['models', 'status', '--plain'], { env });
  const { exitCode } = await run.exited;
  expect(exitCode).toBe(0);
  return run.output();
}

describe('models status --plain colours', () => {
  it('on a terminal: the states are coloured', async () => {
    await storeWithStates();
    const out = await onTerminal(uiEnv(t.env));
    expect(out).toContain('anthropic:work');
    expect(out).toMatch(OUR_COLOUR);
  });

  it('on a terminal with NO_COLOR set: plain text', async () => {
    await storeWithStates();
    const out = await onTerminal({ ...uiEnv(t.env), NO_COLOR: '1' });
    expect(out).toContain('anthropic:work');
    expect(out).not.toMatch(OUR_COLOUR);
  });

  it('into a pipe: plain text', async () => {
    await storeWithStates();
    const r = await runCli(['models', 'status', '--plain'], { env: t.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('anthropic:work');
    expect(r.stdout).not.toContain('\x1b');
  });
});
