// `clawdbot onboard`: the Ink wizard on a terminal, or a flag-driven run for scripts. Which one is
// decided here, BEFORE any UI module is imported: without a TTY Ink would crash with "Raw mode is
// not supported", so a flag-less run without a terminal gets one line naming the flags instead.
import { type KnownCredential, ClawdbotError, UsageError, agentFlag, openAgentStore } from '../store/index.js';
import { maskSecret } from '../util/mask.js';
import { registerSecret } from '../util/redact.js';
import { formatRemaining } from '../util/duration.js';
import { isDumbTerminal, isInteractive } from './shared/tty.js';
import { readPipedSecret } from './shared/read-secret.js';
import { saveCredentialFromCommand } from './shared/save-credential.js';
import { eprintln, printJson, println } from './shared/output.js';
import { DUMB_TERMINAL_MESSAGE, defaultWizardDeps, plainColorsForUi } from './shared/wizard.js';
import type { NonInteractiveFlags } from '../../flows/non-interactive.js';

/** The `onboard` flags: the non-interactive credential flags plus where and how to run. */
export interface OnboardOptions extends NonInteractiveFlags {
  agent?: string;
  nonInteractive?: boolean;
  acceptRisk?: boolean;
  force?: boolean;
  json?: boolean;
  /** `plaintext` (default) or `ref`: store where the secret lives instead of the secret. */
  secretInputMode?: string;
  ref?: string;
}

export const NO_TTY_MESSAGE =
  'Onboarding needs an interactive terminal. In scripts run `clawdbot onboard --non-interactive` with ' +
  '--auth-choice <choice> and --anthropic-api-key/--openai-api-key (or ANTHROPIC_API_KEY/OPENAI_API_KEY in env), ' +
  '--token - --token-provider <p> (token on stdin), or --auth-choice claude-cli|codex-cli.';

function hasScriptFlags(o: OnboardOptions): boolean {
  return Boolean(o.authChoice || o.anthropicApiKey || o.openaiApiKey || o.token !== undefined || o.tokenProvider || o.tokenProfileId || o.tokenExpiresIn || o.json || o.secretInputMode || o.ref);
}

export async function onboardCommand(opts: OnboardOptions): Promise<number> {
  if (opts.nonInteractive || hasScriptFlags(opts)) return onboardNonInteractive(opts);
  if (!isInteractive()) throw new UsageError(NO_TTY_MESSAGE);
  if (isDumbTerminal()) throw new UsageError(DUMB_TERMINAL_MESSAGE);
  plainColorsForUi();
  const { runWizard } = await import('../../components/wizard/run.js');
  return runWizard(defaultWizardDeps({ agentId: opts.agent ?? 'main' }));
}

function secretOf(c: KnownCredential): string {
  return (c.type === 'api_key' ? c.key : c.type === 'token' ? c.token : c.access) ?? '';
}

/** `--secret-input-mode ref`: save a reference (preflighted) instead of the secret. */
async function onboardWithRef(opts: OnboardOptions): Promise<number> {
  const { resolveAuthChoice } = await import('../../flows/non-interactive.js');
  const { planOnboardRef } = await import('./onboard-ref.js');
  const plan = planOnboardRef(opts, resolveAuthChoice);
  const store = openAgentStore(opts.agent);
  if (plan.choice === 'skip') {
    if (opts.json) printJson({ agentId: store.agentId, authChoice: plan.choice, saved: null });
    else println('Skipped: no credential was set up. Run `clawdbot onboard` when you are ready.');
    return 0;
  }
  const p = plan as import('./onboard-ref.js').OnboardRefPlan;
  const { refCredential } = await import('./shared/secret-ref-input.js');
  const { describeRef } = await import('../store/secret-ref.js');
  const { credential, ref, masked } = await refCredential({
    spec: p.spec,
    provider: p.provider,
    type: p.type,
    configPath: store.configPath,
    env: process.env,
    ...(p.expiresInMs !== undefined ? { expires: Date.now() + p.expiresInMs } : {}),
  });
  const { profileId, storePath } = await saveCredentialFromCommand(
    store,
    { credential, profileId: p.profileId, defaultProfileId: p.profileId },
    { force: opts.force, mayAsk: false, ...(p.idFlag ? { idFlag: p.idFlag } : {}) },
  );
  const expires = credential.type === 'token' ? credential.expires : undefined;
  if (opts.json) {
    printJson({
      agentId: store.agentId,
      authChoice: p.choice,
      saved: { profileId, provider: credential.provider, type: credential.type, ref: describeRef(ref), secretRef: ref, resolves: true, masked, expires: expires ?? null },
      storePath,
    });
  } else {
    const exp = typeof expires === 'number' ? `, ${formatRemaining(expires - Date.now())}` : '';
    println(`Saved ${profileId} (${credential.type} as a reference to ${describeRef(ref)}, now ${masked}${exp}) to ${storePath}`);
    println(`Next: clawdbot models status${agentFlag(store.agentId)}`);
  }
  return 0;
}

export async function onboardNonInteractive(opts: OnboardOptions): Promise<number> {
  const { secretInputMode } = await import('./onboard-ref.js');
  if (secretInputMode(opts.secretInputMode) === 'ref') return onboardWithRef(opts);
  if (opts.ref !== undefined) throw new UsageError('--ref needs --secret-input-mode ref.');
  const { planNonInteractive } = await import('../../flows/non-interactive.js');
  let token = opts.token;
  if (token === '-') {
    if (process.stdin.isTTY) throw new UsageError('--token - reads the token from stdin: pipe it in, e.g. `printenv TOKEN | clawdbot onboard --non-interactive --token -`.');
    token = await readPipedSecret('token', 'e.g. `printenv TOKEN | clawdbot onboard --non-interactive --token - …`');
  } else if (token !== undefined) {
    registerSecret(token.trim());
  }
  for (const s of [opts.anthropicApiKey, opts.openaiApiKey, token]) if (s) registerSecret(s.trim());
  const onArgv = [opts.anthropicApiKey && '--anthropic-api-key', opts.openaiApiKey && '--openai-api-key', opts.token !== undefined && opts.token !== '-' && '--token'].filter(Boolean);
  if (onArgv.length) {
    eprintln(
      `clawdbot: note: ${onArgv.join(', ')} on the command line can be read by other users (ps) and lands in shell history; ` +
        'prefer ANTHROPIC_API_KEY/OPENAI_API_KEY in the environment or --token - with the secret on stdin.',
    );
  }
  const plan = planNonInteractive(
    {
      ...(opts.authChoice !== undefined ? { authChoice: opts.authChoice } : {}),
      ...(opts.anthropicApiKey ? { anthropicApiKey: opts.anthropicApiKey } : {}),
      ...(opts.openaiApiKey ? { openaiApiKey: opts.openaiApiKey } : {}),
      ...(token !== undefined ? { token } : {}),
      ...(opts.tokenProvider ? { tokenProvider: opts.tokenProvider } : {}),
      ...(opts.tokenProfileId ? { tokenProfileId: opts.tokenProfileId } : {}),
      ...(opts.tokenExpiresIn ? { tokenExpiresIn: opts.tokenExpiresIn } : {}),
    },
    process.env,
    Date.now(),
  );
  const agentId = openAgentStore(opts.agent).agentId;

  if (plan.kind === 'skip') {
    if (opts.json) printJson({ agentId, authChoice: plan.choice, saved: null });
    else println('Skipped: no credential was set up. Run `clawdbot onboard` when you are ready.');
    return 0;
  }

  let credential: KnownCredential;
  let source: string | undefined;
  if (plan.kind === 'reuse') {
    const ext = await import('../auth/external-cli.js');
    const read = await ext.readExternalLoginForAgent(plan.choice, openAgentStore(opts.agent), process.env);
    const tool = plan.choice === 'claude-cli' ? 'Claude Code' : 'Codex CLI';
    if (!read.found) throw new ClawdbotError(`No usable ${tool} login: ${read.reason}`);
    credential = read.credential;
    source = read.path;
  } else {
    credential = plan.credential;
    if (plan.warning) eprintln(`clawdbot: note: ${plan.warning}`);
  }
  registerSecret(secretOf(credential));
  // Never prompts (this is the scripted path): a different credential under the id needs --force.
  // A reused CLI login refreshes its own mirror id, as the sync does.
  const { profileId, storePath } = await saveCredentialFromCommand(
    openAgentStore(opts.agent),
    { credential, profileId: plan.profileId, defaultProfileId: plan.profileId, fromExternalCli: plan.kind === 'reuse' },
    { force: opts.force || plan.kind === 'reuse', mayAsk: false, ...(plan.kind === 'credential' && (plan.choice === 'token' || plan.choice === 'setup-token') ? { idFlag: '--token-profile-id' } : {}) },
  );
  const expires = credential.type === 'api_key' ? undefined : credential.expires;
  if (opts.json) {
    printJson({
      agentId,
      authChoice: plan.choice,
      saved: { profileId, provider: credential.provider, type: credential.type, masked: maskSecret(secretOf(credential)), expires: expires ?? null, ...(source ? { source } : {}) },
      storePath,
    });
  } else {
    const exp = typeof expires === 'number' ? `, ${formatRemaining(expires - Date.now())}` : '';
    println(`Saved ${profileId} (${credential.type} ${maskSecret(secretOf(credential))}${exp}) to ${storePath}`);
    println(`Next: clawdbot models status${agentFlag(agentId)}`);
  }
  return 0;
}
