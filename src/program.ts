// The `clawdbot` program (src/cli.ts loads it for everything but a one-shot `models status`).
// Every command module is imported lazily inside its action, so a one-shot command loads only
// what it runs; nothing here imports React or Ink. Surfaces that can be interactive decide that
// (TTY, not CI, no script flags) before importing any UI chunk.
import type { Command } from 'commander';
import { action, guardUncaught } from './commands/shared/run.js';
import { commandPath, useOneLineUsageErrors } from './commands/shared/usage-errors.js';
import { UsageError } from './util/errors.js';
import { closestWord } from './util/closest-word.js';

const collect = (value: string, prev: string[] = []) => [...prev, value];

export async function buildProgram(): Promise<Command> {
  const { Command, Option } = await import('commander');
  const program = new Command('clawdbot')
    .description('Model authentication for the Clawdbot gateway: onboarding, status, and operator commands.')
    .version('0.1.0')
    .configureOutput({ outputError: (str, write) => write(str) });

  program
    .command('onboard')
    .description('Set up model credentials (interactive wizard; --non-interactive for scripts)')
    .option('--agent <id>', 'agent to onboard', 'main')
    .option('--non-interactive', 'run from flags only, never prompt')
    .option('--auth-choice <choice>', 'which credential to set up: anthropic-api-key, setup-token, claude-cli, openai-codex, openai-device-code, codex-cli, openai-api-key, token (any provider), skip')
    .option('--anthropic-api-key <key>', 'Anthropic API key (prefer ANTHROPIC_API_KEY in env)')
    .option('--openai-api-key <key>', 'OpenAI API key (prefer OPENAI_API_KEY in env)')
    .option('--token <token>', 'token to store (prefer --token - to read it from stdin)')
    .option('--token-provider <provider>', 'provider of --token')
    .option('--token-profile-id <id>', 'profile id for --token')
    .option('--token-expires-in <duration>', 'expiry of --token, e.g. 365d')
    .option('--accept-risk', 'accepted for compatibility with Clawdbot')
    .option('--force', 'replace a profile that holds a different credential without asking')
    .option('--secret-input-mode <mode>', 'plaintext (default) or ref: store a reference (env var, file, command) instead of the secret')
    .option('--ref <ref>', 'with --secret-input-mode ref: where the secret lives, env:NAME or <alias>:<id> (default for API keys: env:ANTHROPIC_API_KEY / env:OPENAI_API_KEY)')
    .option('--json', 'print a JSON summary (non-interactive)')
    .action(action(async (opts) => (await import('./commands/onboard.js')).onboardCommand(opts)));

  const models = program.command('models').description('Model credentials: status and auth');
  models
    .command('status', { isDefault: true })
    .description('Show every profile: health, expiry, cooldowns, order (live dashboard on a terminal)')
    .option('--json', 'print JSON once (Clawdbot field names)')
    .option('--plain', 'print plain text once')
    .option('--check', 'exit 1 if a credential in use is expired/missing/unusable, 2 if expiring soon')
    .option('--agent <id>', 'agent to show', 'main')
    .option('--all-agents', 'show every agent')
    .option('--warn-within <duration>', 'expiring window for --check and badges', '24h')
    .option('--probe', 'make a cheap live call with each credential')
    .option('--usage', "show each subscription profile's usage windows (asks Anthropic / ChatGPT)")
    .option('--warn-usage <percent>', 'warn (exit 2 with --check) when a profile in use has a window more than this percent used')
    // `models` runs `status` when no subcommand is named, so a mistyped subcommand arrives here
    // as an argument: answer it as the unknown command it is, with a suggestion.
    .allowExcessArguments(true)
    .action(
      action(async (opts, cmd: Command) => {
        if (cmd.args.length) throw unknownSubcommand(models, cmd.args[0]!);
        return (await import('./commands/models-status.js')).modelsStatusCommand(opts);
      }),
    );

  const auth = models.command('auth').description('Add, sign in, order, refresh and remove credentials');
  auth
    .command('add')
    .description('Interactive helper to add one credential')
    .option('--agent <id>', 'agent', 'main')
    .option('--provider <provider>', 'provider to add')
    .option('--ref <ref>', 'no wizard: store an API key as a reference, env:NAME or <alias>:<id> of secrets.providers')
    .option('--profile-id <id>', 'profile id for --ref (default <provider>:default)')
    .option('--force', 'with --ref: replace a profile that holds a different credential')
    .option('--json', 'with --ref: print a JSON summary')
    .action(action(async (opts) => (await import('./commands/auth-add.js')).authAddCommand(opts)));
  auth
    .command('login')
    .description('Sign in with a provider (openai-codex: ChatGPT OAuth)')
    .requiredOption('--provider <provider>', 'provider, e.g. openai-codex')
    .option('--agent <id>', 'agent', 'main')
    .option('--device', 'use a device code (for hosts without a browser)')
    .option('--no-browser', 'do not open a browser; print the URL')
    .option('--profile-id <id>', 'profile id to save as')
    .option('--force', 'replace a profile that holds a different credential without asking')
    .option('--json', 'print a JSON summary')
    .action(action(async (opts) => (await import('./commands/login.js')).loginCommand(opts)));
  auth
    .command('setup-token')
    .description('Store an Anthropic setup-token (runs `claude setup-token` when possible)')
    .option('--provider <provider>', 'provider', 'anthropic')
    .option('--agent <id>', 'agent', 'main')
    .option('--profile-id <id>', 'profile id', 'anthropic:manual')
    .option('--expires-in <duration>', 'expiry, e.g. 30d or 12h (default: a year, as claude setup-token issues it)')
    .option('--yes', 'do not ask before running claude setup-token')
    .option('--force', 'replace a profile that holds a different credential without asking')
    .action(action(async (opts) => (await import('./commands/login.js')).setupTokenCommand(opts)));
  auth
    .command('paste-token')
    .description('Store a token for any provider (read from stdin or a hidden prompt)')
    .requiredOption('--provider <provider>', 'provider, e.g. anthropic or openrouter')
    .option('--profile-id <id>', 'profile id (default <provider>:manual)')
    .option('--expires-in <duration>', 'expiry, e.g. 365d')
    .option('--ref <ref>', 'store a reference instead of the token: env:NAME, or <alias>:<id> of secrets.providers (nothing is read from stdin)')
    .option('--force', 'replace a profile that holds a different credential without asking')
    .option('--agent <id>', 'agent', 'main')
    .option('--json', 'print a JSON summary')
    .action(action(async (opts) => (await import('./commands/paste-token.js')).pasteTokenCommand(opts)));
  auth
    .command('paste-api-key')
    .description('Store an API key for any provider as an API key (read from stdin or a hidden prompt)')
    .requiredOption('--provider <provider>', 'provider, e.g. anthropic, openai or openrouter')
    .option('--profile-id <id>', 'profile id (default <provider>:default)')
    .option('--force', 'replace a profile that holds a different credential without asking')
    .option('--agent <id>', 'agent', 'main')
    .option('--json', 'print a JSON summary')
    .action(action(async (opts) => (await import('./commands/paste-api-key.js')).pasteApiKeyCommand(opts)));
  auth
    .command('list')
    .description('List profile ids with provider, type and source (no secrets)')
    .option('--agent <id>', 'agent', 'main')
    .option('--json', 'print JSON')
    .action(action(async (opts) => (await import('./commands/auth-list.js')).authListCommand(opts)));

  const order = auth.command('order').description('The order in which a provider\'s profiles are tried');
  const orderOpts = (c: Command) =>
    c.requiredOption('--provider <provider>', 'provider').option('--agent <id>', 'agent', 'main').option('--json', 'print JSON');
  orderOpts(order.command('get').description('Show the stored order')).action(
    action(async (opts) => (await import('./commands/order.js')).orderGetCommand(opts)),
  );
  orderOpts(order.command('set').description('Set the order').argument('<ids...>', 'profile ids, first tried first')).action(
    action(async (ids: string[], opts) => (await import('./commands/order.js')).orderSetCommand(ids, opts)),
  );
  orderOpts(order.command('clear').description('Remove the stored order (round-robin)')).action(
    action(async (opts) => (await import('./commands/order.js')).orderClearCommand(opts)),
  );

  auth
    .command('refresh')
    .description('Refresh OAuth tokens now')
    .option('--profile <id>', 'one profile')
    // Other commands name a profile with --profile-id: accepted here too.
    .addOption(new Option('--profile-id <id>', 'alias of --profile').hideHelp())
    .option('--all', 'every OAuth profile')
    .option('--agent <id>', 'agent', 'main')
    .option('--from-agent <id>', "first take that agent's sign-in of the profile (a copy whose refresh token another program spent)")
    .option('--json', 'print JSON')
    .action(action(async (opts) => (await import('./commands/refresh.js')).refreshCommand({ ...opts, profile: opts.profile ?? opts.profileId })));
  auth
    .command('remove')
    .description('Remove a profile')
    .argument('[id]', 'profile id')
    .addOption(new Option('--profile-id <id>', 'the profile id, as an option').hideHelp())
    .option('--agent <id>', 'agent', 'main')
    .option('--yes', 'do not ask for confirmation')
    .option('--json', 'print JSON')
    .action(action(async (id: string | undefined, opts) => (await import('./commands/remove.js')).removeCommand(id, opts)));

  const cooldown = auth.command('cooldown').description('Profiles paused after failures');
  cooldown
    .command('list')
    .description('Show profiles in cooldown or disabled, and when each is tried again')
    .option('--agent <id>', 'agent', 'main')
    .option('--json', 'print JSON')
    .action(action(async (opts) => (await import('./commands/cooldown.js')).cooldownListCommand(opts)));
  cooldown
    .command('clear')
    .description('Make a profile (or every profile) usable again now')
    .argument('[id]', 'profile id (default: all)')
    .addOption(new Option('--profile-id <id>', 'the profile id, as an option').hideHelp())
    .option('--agent <id>', 'agent', 'main')
    .option('--json', 'print JSON')
    .action(action(async (id: string | undefined, opts) => (await import('./commands/cooldown.js')).cooldownClearCommand(id ?? opts.profileId, opts)));

  const channels = program.command('channels').description('Chat channel accounts and the auth profiles behind them');
  channels
    .command('list')
    .description(
      'List auth profile ids (auth[]), chat channel accounts and subscription usage: the profile list the docs mean by `channels list --json`. Profile details: `clawdbot models auth list`',
    )
    .option('--json', 'print JSON: {chat, auth[], usage}')
    .option('--no-usage', 'do not ask the usage endpoints')
    .option('--agent <id>', 'agent', 'main')
    .action(action(async (opts) => (await import('./commands/channels.js')).channelsListCommand(opts)));

  program
    .command('doctor')
    .description('Check and repair credential files, permissions, locks and logins')
    .option('--repair', 'fix what can be fixed')
    .option('--fix', 'same as --repair')
    .option('--yes', 'do not ask before repairs')
    .option('--agent <id>', 'agent', 'main')
    .option('--json', 'print JSON')
    .action(action(async (opts) => (await import('./commands/doctor.js')).doctorCommand(opts)));

  const secrets = program.command('secrets').description('Secrets out of plaintext: references and audits');
  secrets
    .command('audit')
    .description('List plaintext secrets (store, .env, config), references that do not resolve, and loose permissions')
    .option('--json', 'print JSON')
    .option('--check', 'exit 1 while a secret that could be a reference is in plaintext, or a reference does not resolve')
    .option('--agent <id>', 'one agent (default: every agent)')
    .action(action(async (opts) => (await import('./commands/secrets-audit.js')).secretsAuditCommand(opts)));

  const agents = program.command('agents').description('Per-agent credential stores');
  agents
    .command('add')
    .description('Create an agent with an empty store, or copy chosen profiles into it')
    .argument('<id>', 'agent id')
    .option('--copy-from <agent>', 'copy chosen profiles from this agent (default main)')
    .option('--profile <id>', 'profile to copy (repeatable)', collect)
    .option('--json', 'print JSON')
    .action(action(async (id: string, opts) => (await import('./commands/agents.js')).agentsAddCommand(id, opts)));
  agents
    .command('list')
    .description('Every agent with its store and how many profiles it holds')
    .option('--agent <id>', 'show only this agent')
    .option('--json', 'print JSON')
    .action(action(async (opts) => (await import('./commands/agents.js')).agentsListCommand(opts)));

  useOneLineUsageErrors(program);
  return program;
}

function unknownSubcommand(parent: Command, word: string): UsageError {
  const names = parent.commands.map((c) => c.name());
  const guess = closestWord(word, names);
  const path = commandPath(parent);
  return new UsageError(
    `unknown command '${path.replace(/^clawdbot /, '')} ${word}'${guess ? ` (did you mean ${guess}?)` : ''}; run \`${path} --help\` for the commands`,
  );
}

/** Every command but the forms of `models status` that src/cli.ts sends to dist/status.js or dist/dashboard.js. */
export async function main(argv: string[]): Promise<void> {
  guardUncaught();
  const program = await buildProgram();
  program.exitOverride((err) => {
    // Help and version are successes; a usage error is one line (commander printed it) and exit 1.
    process.exit(err.exitCode === 0 ? 0 : 1);
  });
  await program.parseAsync(argv);
}
