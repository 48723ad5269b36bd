// What entering each step sets off, as a table keyed by step id: every step has an entry (null for
// a step that only waits for the user), so a new step id is a type error here until it is decided.
import { credentialRef } from '../../store/secret-ref.js';
import { errorMessage, registerSecret } from '../../util/redact.js';
import { type OnboardData, type StepId, credentialSecret, profileNameForAccount, suggestProfileName } from '../../../flows/onboard.js';
import { codexProfileName } from '../../../flows/codex-oauth.js';
import type { CodexSignInResult, ExternalCliRead } from '../../../flows/types.js';
import type { WizardCtx } from './context.js';
import { saveWizard } from './save.js';

/** `alive()` is false once the step was left: a late result must then change nothing. */
export type StepEffect = (c: WizardCtx, alive: () => boolean) => Promise<void>;

/** Providers the probe knows a cheap endpoint for; others are saved without a live check. */
const PROBED_PROVIDERS = new Set(['anthropic', 'openai', 'openai-codex']);

/** Reuse: read the other CLI's login and show what was found. */
const findLogin: StepEffect = async (c, alive) => {
  const { deps } = c;
  c.set({ reuse: undefined, busy: 'Looking for an existing login…' });
  const read = c.get().data.method === 'claude-cli'
    ? await deps.externalCli.readClaudeCliCredential(deps.env)
    : await deps.externalCli.readCodexCliCredential(deps.env);
  if (!alive()) return;
  c.set({ reuse: read, busy: undefined });
};

/** ChatGPT sign-in: a callback server racing the paste box, the browser opened where there is one. */
const signIn: StepEffect = async (c, alive) => {
  const { deps } = c;
  c.set({ signin: undefined, busy: 'Starting sign-in…' });
  const s = await deps.oauth.startCodexLogin({ env: deps.env });
  if (!alive()) return s.cancel();
  c.work.session = s;
  c.set({ signin: { url: s.authorizeUrl, callbackPort: s.callbackPort, ...(s.callbackProblem ? { callbackProblem: s.callbackProblem } : {}), deadline: s.deadline, browserOpened: false }, busy: 'Waiting for the sign-in…' });
  c.work.startTicker(() => c.set({ now: deps.now() }));
  if (!deps.remote && deps.browser.canOpenBrowser(deps.env)) {
    void deps.browser.openBrowser(s.authorizeUrl).then((ok) => {
      const cur = c.get().signin;
      if (alive() && cur) c.set({ signin: { ...cur, browserOpened: ok } });
    });
  }
  const result = await s.result;
  if (!alive()) return;
  signedIn(c, result);
};

/** ChatGPT sign-in with a device code, for hosts no browser can reach. */
const deviceCode: StepEffect = async (c, alive) => {
  const { deps, work } = c;
  c.set({ device: undefined, busy: 'Asking for a device code…' });
  work.stepAbort = new AbortController();
  const s = await deps.oauth.startCodexDeviceLogin({ env: deps.env, signal: work.stepAbort.signal });
  if (!alive()) return s.cancel();
  work.session = s;
  c.set({ device: { verificationUrl: s.verificationUrl, userCode: s.userCode, expiresAt: s.expiresAt }, busy: 'Waiting for you to enter the code…' });
  work.startTicker(() => c.set({ now: deps.now() }));
  const result = await s.result;
  if (!alive()) return;
  signedIn(c, result);
};

/** The live check: a small request with the credential; a pass moves on by itself. */
const liveCheck: StepEffect = async (c, alive) => {
  const { deps, work } = c;
  const cred = c.get().data.credential;
  if (!cred) return c.advance();
  if (!PROBED_PROVIDERS.has(cred.provider)) {
    c.patchData({ probe: { status: 'skipped', error: `no live check is known for ${cred.provider}` } });
    return c.advance();
  }
  work.probeAbort = new AbortController();
  c.set({ busy: 'Checking the credential with the provider…' });
  let outcome: OnboardData['probe'];
  try {
    outcome = await deps.probe({
      provider: cred.provider,
      type: cred.type,
      secret: credentialRef(cred) ? (work.refValue ?? '') : credentialSecret(cred),
      env: deps.env,
      timeoutMs: deps.probeTimeoutMs ?? 8000,
      signal: work.probeAbort.signal,
    });
  } catch (err) {
    outcome = { status: 'network', error: errorMessage(err), latencyMs: 0 };
  }
  if (!alive()) return;
  c.patchData({ probe: outcome });
  c.set({ busy: undefined });
  if (outcome.status === 'ok') c.advance();
};

/** The method list says whether a Claude Code / Codex CLI login is there to reuse. */
const detectLogins: StepEffect = async (c) => {
  const { deps } = c;
  const provider = c.get().data.provider;
  if (provider === 'anthropic' && !c.get().detected.claude) {
    const claude = await safeRead(() => deps.externalCli.readClaudeCliCredential(deps.env));
    c.set({ detected: { ...c.get().detected, claude } });
  } else if (provider === 'openai' && !c.get().detected.codex) {
    const codex = await safeRead(() => deps.externalCli.readCodexCliCredential(deps.env));
    c.set({ detected: { ...c.get().detected, codex } });
  }
};

export type StepEffects = Readonly<Record<StepId, StepEffect | null>>;

export const STEP_EFFECTS: StepEffects = {
  copy: null,
  provider: null,
  'other-provider': null,
  method: detectLogins,
  secret: null,
  expiry: null,
  signin: signIn,
  device: deviceCode,
  reuse: findLogin,
  name: null,
  overwrite: null,
  position: null,
  check: liveCheck,
  summary: null,
  saving: saveWizard,
  model: null,
  'model-custom': null,
  done: null,
};

function signedIn(c: WizardCtx, r: CodexSignInResult): void {
  registerSecret(r.credential.access);
  registerSecret(r.credential.refresh);
  const d = c.get().data;
  // The same ChatGPT account signing in again refreshes its existing profile in place.
  const sameAccount = profileNameForAccount(d, r.credential.provider, r.accountId);
  c.patchData({
    credential: r.credential,
    profileName: sameAccount ?? suggestProfileName(d, codexProfileName(r)),
    replaceConfirmed: sameAccount !== undefined,
    probe: undefined,
  });
  c.go('name', { push: false });
}

async function safeRead(fn: () => Promise<ExternalCliRead> | ExternalCliRead): Promise<ExternalCliRead> {
  try {
    return await fn();
  } catch (err) {
    return { found: false, reason: errorMessage(err) };
  }
}
