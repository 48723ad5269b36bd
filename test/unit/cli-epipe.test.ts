// A closed stdout (`| head -1`) ends a command quietly with success, as every Unix tool does,
// instead of "clawdbot: unexpected error: write EPIPE" and exit 1 (issue 20 item 7).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_CLI, makeTempState, requireBuild, runProcess, writeStore, type TempState } from '../helpers/store-cli.js';

let state: TempState;
beforeAll(async () => {
  requireBuild();
  state = await makeTempState('cb-epipe-');
  // Enough output to outgrow the pipe's buffer, so the writer is still writing when head exits.
  const profiles: Record<string, unknown> = {};
  for (let i = 0; i < 3000; i++) profiles[`openrouter:p${i}`] = { type: 'api_key', provider: 'openrouter', key: `sk-or-v1-${'k'.repeat(40)}${i}` };
  await writeStore(state.storePath, { version: 1, profiles, order: { openrouter: Object.keys(profiles) } });
});
afterAll(() => state?.cleanup());

describe('piping into head', () => {
  for (const args of [
    ['models', 'auth', 'list'],
    ['models', 'auth', 'list', '--json'],
    ['models', 'auth', 'order', 'get', '--provider', 'openrouter'],
    ['models', 'status', '--plain'],
    ['models', 'status', '--json'],
  ]) {
    it(`${args.join(' ')} | head -1: exit 0, nothing on stderr`, async () => {
      // The writer's stderr goes to a file and its exit status is the pipeline's result.
      const p = await runProcess('bash', ['-c', `node "${DIST_CLI}" ${args.map((a) => `'${a}'`).join(' ')} 2>"$ERR" | head -1 >/dev/null; s=\${PIPESTATUS[0]}; cat "$ERR"; exit $s`], {
        env: { ...state.env, ERR: `${state.root}/stderr.txt` },
      });
      expect(p.stdout).toBe('');
      expect(p.code).toBe(0);
    });
  }
});
