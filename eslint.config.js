// `npm run lint` (and the first step of `npm test`): typescript-eslint's recommended rules, the
// Rules of Hooks for the Ink components, and the layers of docs/architecture.md as import rules,
// so an arrow that points up fails here instead of waiting for a reviewer.
//
// Layers, lowest first; each may import only the ones before it (and its own folder):
//   src/util <- src/store <- src/oauth <- src/{auth,secrets,usage,doctor} <- flows <- src/state
//   <- src/commands <- src/*.ts (cli, program, library entry)
//   components -> src/state, flows, src/util (and types from the core)
// Rules are written per folder glob, so a file added to a folder gets its folder's rules.
// The boundaries use ESLint's own no-restricted-imports / no-restricted-syntax on the import
// text: every import in this repo is relative with its extension, so the folder it names is the
// layer it reaches, and no resolver (a native dependency and seconds per run) is needed.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** A path segment naming one of our folders, as it appears in a relative import ('../auth/x.js'). */
const folder = (...names) => `(^|/)(${names.join('|')})/`;
const UI_PACKAGES = '^(ink|react)(/|$)';
const message = {
  ui: 'The core never imports React, Ink, components or flows (docs/architecture.md, Layout); only src/commands loads UI, with a dynamic import() once the session is interactive.',
  up: (layer) => `${layer} imports only the layers below it (docs/architecture.md, Layout): move the shared piece down instead.`,
  sibling: 'A command does not import another command: move what both need to src/commands/shared/.',
};

/** no-restricted-imports for one layer: the folders above it and, for the core, UI code. */
function restrict(layer, above) {
  const patterns = [];
  if (above.length) patterns.push({ regex: folder(...above), message: message.up(layer) });
  patterns.push({ regex: `${folder('components', 'flows')}|${UI_PACKAGES}`, message: message.ui });
  return { 'no-restricted-imports': ['error', { patterns }] };
}

/** A dynamic import() of UI code (components, Ink, React): only src/commands may do that. */
const noLazyUi = {
  'no-restricted-syntax': [
    'error',
    {
      selector: `ImportExpression[source.value=/${folder('components').replace(/\//g, '\\/')}|${UI_PACKAGES.replace(/\//g, '\\/')}/]`,
      message: 'Only src/commands lazy-loads UI (a dynamic import() of components, Ink or React).',
    },
  ],
};

const CORE_ABOVE = ['state', 'commands'];
const COMMAND_STATIC_UI = {
  regex: `${folder('components')}|${UI_PACKAGES}`,
  allowTypeImports: true,
  message: 'A command loads UI only with a dynamic import() once the session is interactive, so one-shot commands never load Ink.',
};
/** Commands made of several files: `models status` (one-shot and dashboard halves), `onboard` (its --secret-input-mode ref part). */
const COMMANDS_IN_PARTS = ['src/commands/models-status.ts', 'src/commands/onboard.ts'];
const MIDDLE = ['auth', 'secrets', 'usage', 'doctor'];

export default defineConfig([
  { ignores: ['dist/**', 'dist.*/**', 'node_modules/**', 'bench/results*', 'test/fixtures/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  // Scripts, the bench and test helpers run on Node: its globals are the ones the Node running
  // ESLint has (no list to keep, no extra dependency).
  { files: ['**/*.{mjs,js}'], languageOptions: { globals: Object.fromEntries(Object.getOwnPropertyNames(globalThis).map((n) => [n, 'readonly'])) } },
  // The Rules of Hooks. Not the plugin's React Compiler rules (refs read during render,
  // setState in an effect): we do not compile with the React Compiler, and the text fields keep
  // their value in a ref on purpose (Ink 8 delivers each key of a chunk in one turn, see
  // docs/architecture.md, "Why the inputs are our own").
  {
    files: ['components/**/*.{ts,tsx}', 'test/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    rules: {
      // Finding control characters in untrusted text is this code's job (terminal safety, pasted
      // secrets): a regex that matches them is deliberate.
      'no-control-regex': 'off',
      // `let x; const f = () => x; x = make(f)`: a closure that reads the variable before it is set.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // `_`-prefixed names are deliberately unused (a callback's position, a destructured rest).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  // Tests read JSON files and CLI output whose shape is what they assert.
  { files: ['test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },

  // ---- layers (exactly one block per file: flat config replaces a rule's options, never merges)
  { files: ['src/util/**'], rules: { ...restrict('src/util', ['store', 'oauth', ...MIDDLE, ...CORE_ABOVE]), ...noLazyUi } },
  { files: ['src/store/**'], rules: { ...restrict('src/store', ['oauth', ...MIDDLE, ...CORE_ABOVE]), ...noLazyUi } },
  { files: ['src/oauth/**'], rules: { ...restrict('src/oauth', [...MIDDLE, ...CORE_ABOVE]), ...noLazyUi } },
  { files: MIDDLE.map((m) => `src/${m}/**`), rules: { ...restrict('src/auth, src/secrets, src/usage and src/doctor', CORE_ABOVE), ...noLazyUi } },
  // The wizard's store drives the step machine in flows/, so state may import flows (not UI).
  {
    files: ['src/state/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: folder('commands'), message: message.up('src/state') },
            { regex: `${folder('components')}|${UI_PACKAGES}`, message: message.ui },
          ],
        },
      ],
      ...noLazyUi,
    },
  },
  // Commands may use flows (onboard --non-interactive runs the same step machine) and load UI
  // lazily; a static import of UI would put Ink on the path of every one-shot command.
  { files: ['src/commands/**'], rules: { 'no-restricted-imports': ['error', { patterns: [COMMAND_STATIC_UI] }] } },
  // A command never imports another command (statically or with import()): what two commands
  // need lives in src/commands/shared/. A command in several files lists itself here.
  {
    files: ['src/commands/*.ts'],
    ignores: COMMANDS_IN_PARTS,
    rules: {
      'no-restricted-imports': ['error', { patterns: [COMMAND_STATIC_UI, { regex: '^\\./[^/]+$', allowTypeImports: true, message: message.sibling }] }],
      'no-restricted-syntax': ['error', { selector: 'ImportExpression[source.value=/^\\.\\/[^/]+$/]', message: message.sibling }],
    },
  },
  {
    files: ['src/commands/shared/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [COMMAND_STATIC_UI, { regex: '^\\.\\./[^/]+$', message: 'src/commands/shared/ serves the commands and imports none of them.' }] }] },
  },
  { files: ['src/*.ts'], rules: { ...restrict('src/cli.ts, src/program.ts and src/index.ts', []), ...noLazyUi } },
  {
    files: ['flows/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: folder('state', 'commands'), message: message.up('flows (the step machine)') },
            { regex: `${folder('components')}|${UI_PACKAGES}`, message: 'flows/ is the pure step machine: no React, Ink or components (the text and rendering live in components/wizard).' },
          ],
        },
      ],
      ...noLazyUi,
    },
  },
  // Components read state and act through it; the core's types are fine, its code is reached
  // through state (a component never writes a file itself).
  {
    files: ['components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: folder('commands'), message: message.up('components/') },
            { regex: folder('store', 'oauth', ...MIDDLE), allowTypeImports: true, message: 'Components reach the core through src/state (types are fine); move the logic into a state action or a util.' },
          ],
        },
      ],
    },
  },
]);
