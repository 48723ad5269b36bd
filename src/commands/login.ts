// `clawdbot models auth login --provider openai-codex [--device] [--no-browser]` and
// `clawdbot models auth setup-token --provider anthropic`. Both work without a TTY: the authorize
// URL goes alone on its own stdout line, everything else to stderr, and a pasted redirect URL or
// code is read from stdin while the callback server waits.
import { spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { UsageError, normalizeProviderId, openAgentStore } from '../store/index.js';
import { errorMessage, registerSecret } from '../util/redact.js';
import { maskSecret } from '../util/mask.js';
import { formatDuration, parseDuration } from '../util/duration.js';
import {
  type CodexSignInResult,
  OPENAI_CODEX_PROVIDER,
  startCodexDeviceLogin,
  startCodexLogin,
} from '../oauth/openai-codex/index.js';
import { setupTokenCredential } from '../oauth/setup-token.js';
import { canOpenBrowser, isRemoteEnvironment, openBrowser, sshTunnelHint } from '../oauth/browser.js';
import { checkSetupToken } from '../oauth/anthropic.js';
import { isCI } from './shared/tty.js';
import { promptMasked, readPipedSecret } from './shared/read-secret.js';
import { resolveProfileId } from './shared/profile-flags.js';
import { saveCredentialFromCommand } from './shared/save-credential.js';
import { eprintln, printJson, println } from './shared/output.js';

export interface LoginOptions {
  provider?: string;
  agent?: string;
  device?: boolean;
  /** commander's --no-browser sets this to false */
  browser?: boolean;
  profileId?: string;
  force?: boolean;
  json?: boolean;
}

export const LOGIN_PROVIDERS = [OPENAI_CODEX_PROVIDER] as const;

function unsupportedProvider(raw: string | undefined): UsageError {
  const p = normalizeProviderId(raw ?? '');
  const extra =
    p === 'anthropic'
      ? ' For Anthropic run `clawdbot models auth setup-token --provider anthropic`, or `clawdbot models auth add --provider anthropic` for an API key.'
      : p === 'openai'
        ? ' For an OpenAI API key run `clawdbot models auth add --provider openai`; for ChatGPT sign-in use --provider openai-codex.'
        : ' For API keys and tokens use `clawdbot models auth paste-token --provider <provider>`.';
  return new UsageError(`Sign-in is not available for provider "${raw ?? ''}"; supported: ${LOGIN_PROVIDERS.join(', ')}.${extra}`);
}

/** Cancel on Ctrl-C / SIGTERM with nothing written; returns a disposer. */
function onInterrupt(cancel: () => void): () => void {
  const handler = () => cancel();
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

async function finishCodex(result: CodexSignInResult, opts: LoginOptions, method: string): Promise<number> {
  const store = openAgentStore(opts.agent);
  // The same ChatGPT account signing in again updates its profile in place (decided under the
  // lock); only a DIFFERENT credential under a named --profile-id is asked about or refused.
  const { profileId, relation } = await saveCredentialFromCommand(
    store,
    {
      credential: result.credential,
      profileId: opts.profileId?.trim() || undefined,
      defaultProfileId: result.profileId,
      ...(result.email ? { email: result.email } : {}),
      // The provider issued these tokens: a failed save keeps them beside the store.
      keepOnFailure: 'the new ChatGPT sign-in',
    },
    { force: opts.force, idFlag: '--profile-id' },
  );
  const replaced = relation !== 'none';
  const remaining = result.credential.expires - Date.now();
  if (opts.json) {
    printJson({
      profileId,
      provider: OPENAI_CODEX_PROVIDER,
      type: 'oauth',
      method,
      email: result.email ?? null,
      accountId: result.accountId || null,
      expires: result.credential.expires,
      replaced,
      storePath: store.storePath,
    });
  } else {
    const who = result.email ?? (result.accountId ? `account ${result.accountId}` : 'your ChatGPT account');
    println(
      `Signed in as ${who}; ${replaced ? 'updated' : 'saved'} ${profileId} (access ${maskSecret(result.credential.access)}, ` +
        `expires in ${formatDuration(Math.max(0, remaining))}, refreshes automatically) in ${store.storePath}`,
    );
  }
  return 0;
}

async function deviceLogin(opts: LoginOptions): Promise<number> {
  const session = await startCodexDeviceLogin();
  const dispose = onInterrupt(() => session.cancel());
  try {
    eprintln('Sign in with a device code: open this URL in any browser (phone or laptop) and enter the code.');
    const out = opts.json ? eprintln : println;
    out(session.verificationUrl);
    eprintln(`Code: ${session.userCode}`);
    eprintln(`Waiting for approval (the code expires in ${formatDuration(session.expiresAt - Date.now())}; Ctrl-C cancels)...`);
    const result = await session.result;
    return await finishCodex(result, opts, 'device');
  } finally {
    dispose();
  }
}

/** Read pasted lines from stdin and hand them to `submit` until `stop()`; never blocks exit. */
function readPastedLines(submit: (line: string) => Promise<void>): () => void {
  const stdin = process.stdin;
  const rl = readline.createInterface({ input: stdin, terminal: false, crlfDelay: Infinity });
  let stopped = false;
  rl.on('line', (line) => {
    if (stopped || !line.trim()) return;
    submit(line).catch((err: unknown) => {
      if (stopped) return;
      // Bad input keeps the attempt alive; say what was wrong and keep listening.
      if (err instanceof UsageError) eprintln(`clawdbot: ${errorMessage(err)}`);
    });
  });
  rl.on('error', () => {});
  return () => {
    stopped = true;
    rl.close();
    stdin.pause();
    if (!stdin.isTTY) stdin.destroy();
  };
}

async function browserLogin(opts: LoginOptions): Promise<number> {
  const env = process.env;
  const session = await startCodexLogin({ env });
  const dispose = onInterrupt(() => session.cancel());
  const remote = isRemoteEnvironment(env);
  const port = session.callbackPort ?? Number(new URL(session.redirectUri).port);
  const out = opts.json ? eprintln : println;
  let stopReading: (() => void) | undefined;
  try {
    eprintln(
      remote
        ? 'Sign in to ChatGPT (OpenAI Codex): open this URL in the browser on YOUR computer:'
        : 'Sign in to ChatGPT (OpenAI Codex): open this URL in your browser:',
    );
    out(session.authorizeUrl);
    if (session.callbackProblem) eprintln(`Note: ${session.callbackProblem}.`);
    if (remote && session.callbackPort === null) {
      eprintln('This looks like a remote session, so no browser is opened here.');
      eprintln('No browser at all? Use `clawdbot models auth login --provider openai-codex --device`.');
    } else if (remote) {
      // The command on a line of its own: a terminal never breaks it in the middle.
      eprintln("This looks like a remote session, so no browser is opened here. To let the browser's redirect reach this host, first run on your computer:");
      eprintln(`  ${sshTunnelHint(port)}`);
      eprintln('Or paste the address the browser ends up on, or use `clawdbot models auth login --provider openai-codex --device`.');
    } else if (opts.browser !== false && canOpenBrowser(env) && !isCI(env)) {
      void openBrowser(session.authorizeUrl);
    }
    const wait = formatDuration(Math.max(0, Math.ceil((session.deadline - Date.now()) / 1000) * 1000));
    eprintln(
      session.callbackPort !== null
        ? `Waiting for the browser (callback on 127.0.0.1:${session.callbackPort}, up to ${wait}). If it does not finish by itself, paste the redirect URL (or code) here and press Enter.`
        : `Paste the redirect URL (or code) here and press Enter (waiting up to ${wait}).`,
    );
    stopReading = readPastedLines((line) => session.submitPaste(line));
    const result = await session.result;
    stopReading();
    stopReading = undefined;
    return await finishCodex(result, opts, 'browser');
  } finally {
    stopReading?.();
    dispose();
  }
}

export async function loginCommand(opts: LoginOptions = {}): Promise<number> {
  const provider = normalizeProviderId(opts.provider ?? '');
  if (!provider) throw new UsageError('Missing --provider: use --provider openai-codex.');
  if (provider !== OPENAI_CODEX_PROVIDER) throw unsupportedProvider(opts.provider);
  if (opts.profileId !== undefined) resolveProfileId(OPENAI_CODEX_PROVIDER, opts.profileId);
  // Validates --agent and fails on an unreadable store BEFORE the user signs in in the browser.
  await openAgentStore(opts.agent).load();
  return opts.device ? deviceLogin(opts) : browserLogin(opts);
}

// ---------------------------------------------------------------------------------------------
// setup-token

export interface SetupTokenOptions {
  provider?: string;
  agent?: string;
  profileId?: string;
  /** How long until the token expires (default: a year, as `claude setup-token` issues it). */
  expiresIn?: string;
  yes?: boolean;
  force?: boolean;
  json?: boolean;
}

/** The first executable `name` on PATH, or undefined. */
export async function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      await access(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      /* next */
    }
  }
  return undefined;
}

function askYesNo(question: string): Promise<boolean> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    rl.question(question, (answer) => {
      rl.close();
      resolve(!/^n/i.test(answer.trim()));
    });
    rl.on('SIGINT', () => {
      rl.close();
      resolve(false);
    });
  });
}

function runInherited(bin: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { stdio: 'inherit' });
    child.on('error', () => resolve(127));
    child.on('exit', (code, signal) => resolve(signal ? 130 : (code ?? 1)));
  });
}

export async function setupTokenCommand(opts: SetupTokenOptions = {}): Promise<number> {
  const provider = normalizeProviderId(opts.provider ?? 'anthropic');
  if (provider !== 'anthropic') {
    throw new UsageError(
      `setup-token is only for Anthropic (got "${opts.provider}"); use \`clawdbot models auth paste-token --provider ${provider || '<provider>'}\` for other providers.`,
    );
  }
  const profileId = resolveProfileId(provider, opts.profileId);
  const expiresInMs = opts.expiresIn !== undefined ? parseDuration(opts.expiresIn, '--expires-in') : undefined;
  openAgentStore(opts.agent); // validates --agent
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY) && !isCI();
  if (interactive) {
    const claude = await findOnPath('claude');
    if (claude) {
      const go = opts.yes || (await askYesNo('Run `claude setup-token` now to create a token? [Y/n] '));
      if (go) {
        eprintln('Running `claude setup-token`; when it prints the token, copy it and paste it below.');
        const code = await runInherited(claude, ['setup-token']);
        if (code !== 0) eprintln(`\`claude setup-token\` exited with ${code}; you can still paste a token made elsewhere.`);
      }
    } else {
      eprintln('Run `claude setup-token` on any machine with Claude Code, then paste the token here.');
    }
  }
  const raw = interactive
    ? await promptMasked('Paste the Anthropic setup-token (input is hidden): ')
    : await readPipedSecret('setup-token');
  const checked = checkSetupToken(raw);
  if (!checked.ok) throw new UsageError(checked.error, { ownMessage: true });
  registerSecret(checked.token);
  if (checked.note) eprintln(`clawdbot: note: ${checked.note}`);
  const credential = setupTokenCredential(checked.token, Date.now(), expiresInMs);
  const { storePath } = await saveCredentialFromCommand(
    openAgentStore(opts.agent),
    { credential, profileId, defaultProfileId: profileId },
    { force: opts.force, idFlag: '--profile-id' },
  );
  if (opts.json) printJson({ profileId, provider: 'anthropic', type: 'token', masked: maskSecret(checked.token), expires: credential.expires, storePath });
  else println(`Saved ${profileId} (setup-token ${maskSecret(checked.token)}, expires in ${formatDuration(credential.expires! - Date.now())}) to ${storePath}`);
  return 0;
}
