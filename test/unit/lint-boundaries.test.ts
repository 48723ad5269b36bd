// The layer rules in eslint.config.js fire: each case lints a snippet as if it were a file at the
// given path (the file need not exist, so folders not created yet are covered too) with the
// project's own config, through ESLint's Node API.
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The rule ids (and first message) ESLint reports for `code` placed at `file`. */
async function lintAt(file: string, code: string): Promise<{ rules: string[]; message: string }> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  const messages = result!.messages;
  return { rules: messages.map((m) => m.ruleId ?? `fatal: ${m.message}`), message: messages[0]?.message ?? '' };
}

describe('lint: layers only point down', () => {
  it('a store module importing the engine above it fails, with the rule and the way out', async () => {
    const r = await lintAt('src/store/example.ts', "import { buildStatusReport } from '../auth/report.js';\nexport const x = buildStatusReport;\n");
    expect(r.rules).toEqual(['no-restricted-imports']);
    expect(r.message).toContain('src/store imports only the layers below it');
  });

  it('the same module importing the bottom layer passes', async () => {
    const r = await lintAt('src/store/example.ts', "import { redact } from '../util/redact.js';\nexport const x = redact;\n");
    expect(r.rules).toEqual([]);
  });

  it('sign-in code cannot reach up into the engine; the store below it is fine', async () => {
    expect((await lintAt('src/oauth/openai-codex/example.ts', "import { redact } from '../../auth/refresh.js';\nexport const x = redact;\n")).rules).toEqual([
      'no-restricted-imports',
    ]);
    expect((await lintAt('src/oauth/example.ts', "import { openAgentStore } from '../store/index.js';\nexport const x = openAgentStore;\n")).rules).toEqual([]);
  });

  it('the bottom layer imports nothing above it', async () => {
    const r = await lintAt('src/util/example.ts', "import { UsageError } from '../store/index.js';\nexport const x = UsageError;\n");
    expect(r.rules).toEqual(['no-restricted-imports']);
  });

  it('a file in a state folder that does not exist yet gets the state rules', async () => {
    const r = await lintAt('src/state/new-feature/example.ts', "import { x } from '../../commands/shared/output.js';\nexport const y = x;\n");
    expect(r.rules).toEqual(['no-restricted-imports']);
  });
});

describe('lint: commands share helpers through src/commands/shared/', () => {
  it('a command importing another command fails, statically or with import(); shared helpers pass', async () => {
    const stat = await lintAt('src/commands/example.ts', "import { onboardCommand } from './onboard.js';\nexport const x = onboardCommand;\n");
    expect(stat.rules).toEqual(['no-restricted-imports']);
    expect(stat.message).toContain('src/commands/shared/');
    expect((await lintAt('src/commands/example.ts', "export const load = () => import('./onboard.js');\n")).rules).toEqual(['no-restricted-syntax']);
    expect((await lintAt('src/commands/example.ts', "import { println } from './shared/output.js';\nexport const x = println;\n")).rules).toEqual([]);
  });

  it('a shared helper importing a command fails', async () => {
    const r = await lintAt('src/commands/shared/example.ts', "import { onboardCommand } from '../onboard.js';\nexport const x = onboardCommand;\n");
    expect(r.rules).toEqual(['no-restricted-imports']);
  });
});

describe('lint: the core never loads UI; only commands do, lazily', () => {
  it('the engine importing Ink or a component fails', async () => {
    expect((await lintAt('src/auth/example.ts', "import { render } from 'ink';\nexport const x = render;\n")).rules).toEqual(['no-restricted-imports']);
    expect((await lintAt('src/state/example.ts', "import { Dashboard } from '../../components/dashboard/Dashboard.js';\nexport const x = Dashboard;\n")).rules).toEqual([
      'no-restricted-imports',
    ]);
  });

  it('a dynamic import() of UI fails outside src/commands and passes inside it', async () => {
    const lazy = "export const load = () => import('../../components/dashboard/mount.js');\n";
    const r = await lintAt('src/auth/example.ts', lazy);
    expect(r.rules).toEqual(['no-restricted-syntax']);
    expect(r.message).toContain('Only src/commands lazy-loads UI');
    expect((await lintAt('src/commands/example.ts', lazy)).rules).toEqual([]);
  });

  it('a command importing UI statically fails (it would load Ink for every one-shot command)', async () => {
    const r = await lintAt('src/commands/example.ts', "import { mountDashboard } from '../../components/dashboard/mount.js';\nexport const x = mountDashboard;\n");
    expect(r.rules).toEqual(['no-restricted-imports']);
  });

  it('components reach the core through state: values from the store fail, types pass', async () => {
    const value = await lintAt('components/dashboard/Example.tsx', "import { openAgentStore } from '../../src/store/index.js';\nexport const x = openAgentStore;\n");
    expect(value.rules).toEqual(['no-restricted-imports']);
    const type = await lintAt('components/dashboard/Example.tsx', "import type { StatusReport } from '../../src/auth/report-types.js';\nexport type X = StatusReport;\n");
    expect(type.rules).toEqual([]);
  });
});
