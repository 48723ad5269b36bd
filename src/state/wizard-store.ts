// The onboarding wizard's state: a zustand vanilla store around the pure machine in flows/onboard.
// Every effect (reading and writing the store, the clock, the browser, the sign-in, the live
// check, other CLIs' logins) goes through injected dependencies, so a test builds the whole wizard
// with fakes in one line: createWizardStore({ ...fakeDeps }). Nothing is written before the user
// confirms the summary; Ctrl-C before that leaves every file untouched.
import { GATEWAY_CANNOT_READ_REFS_NOTE, credentialRef, describeRef, type SecretRef } from '../store/secret-ref.js';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { type KnownCredential, isKnownCredential, readConfig, saveCredential, type AgentStore } from '../store/index.js';
import { maskSecret } from '../util/mask.js';
import { errorMessage, registerSecret } from '../util/redact.js';
import { parseDuration } from '../util/duration.js';
import {
  type CopyCandidate,
  type ExistingProfile,
  type MethodId,
  type OnboardData,
  type Placement,
  type ProviderChoice,
  type StepId,
  CUSTOM_MODEL,
  applyCopies,
  KEEP_MODEL,
  METHODS,
  TRANSIENT_STEPS,
  checkModelId,
  checkOtherProvider,
  checkProfileName,
  initialData,
  modelProvider,
  nextStep,
  probeSecret,
  profileIdOf,
  savePlan,
  storageProvider,
  suggestProfileName,
  profileNameForAccount,
} from '../../flows/onboard.js';
import { checkApiKey, apiKeyCredential } from '../../flows/api-key.js';
import { checkSetupTokenInput, setupTokenCredential } from '../../flows/setup-token.js';
import { checkToken, tokenCredential } from '../../flows/paste-token.js';
import { codexProfileName } from '../../flows/codex-oauth.js';
import type {
  BrowserOpener,
  CodexLoginSession,
  CodexSignInResult,
  ExternalCliRead,
  ExternalCliReaders,
  OAuthModule,
  ProbeFn,
} from '../../flows/types.js';

export interface ModelsApi {
  /** The agent's current default model, if one is configured. */
  readDefaultModel(configPath: string, agentId: string): Promise<string | undefined>;
  setDefaultModel(configPath: string, model: string, opts: { agentId?: string }): Promise<string>;
}

export interface WizardDeps {
  agentId: string;
  env: NodeJS.ProcessEnv;
  openStore(agentId: string): Pick<AgentStore, 'load' | 'update' | 'saveIssued' | 'storePath' | 'configPath' | 'agentId'>;
  now(): number;
  browser: BrowserOpener;
  oauth: OAuthModule;
  probe: ProbeFn;
  externalCli: ExternalCliReaders;
  models: ModelsApi;
  /** Over SSH or without a display: never open a browser, show the tunnel hint. */
  remote: boolean;
  probeTimeoutMs?: number;
  /** Only offer methods of this provider (`models auth add --provider`). */
  onlyProvider?: ProviderChoice;
  /** With onlyProvider 'other': the provider id, already given on the command line. */
  otherProvider?: string;
  /** Run the countdown tick (default: setInterval). Tests may pass a no-op. */
  setInterval?: (fn: () => void, ms: number) => { unref?: () => void } | unknown;
  clearInterval?: (h: unknown) => void;
  /** "Store as a reference": parse and resolve `env:NAME` / `<alias>:<id>` (a preflight; nothing saved). */
  secretRefs?: {
    resolve(spec: string, type: 'api_key' | 'token'): Promise<{ ok: true; ref: SecretRef; value: string } | { ok: false; error: string }>;
  };
}

export interface SignInInfo {
  url: string;
  callbackPort: number | null;
  callbackProblem?: string;
  deadline: number;
  browserOpened: boolean;
}

export interface DeviceInfo {
  verificationUrl: string;
  userCode: string;
  expiresAt: number;
}

export interface WizardState {
  ready: boolean;
  /** A problem that stops the wizard before it starts (unreadable store). */
  fatal?: string;
  step: StepId;
  history: StepId[];
  data: OnboardData;
  /** Inline validation error on the current step. */
  error?: string;
  /** Non-blocking note (e.g. a key prefix warning). */
  note?: string;
  /** A spinner label while something runs. */
  busy?: string;
  /** Prefill for the current text step (never a secret). */
  draft: string;
  reuse?: ExternalCliRead;
  /** Logins of other CLIs found on this host, shown on the method list. */
  detected: { claude?: ExternalCliRead; codex?: ExternalCliRead };
  signin?: SignInInfo;
  device?: DeviceInfo;
  /** Clock reading, refreshed every second while waiting, for countdowns. */
  now: number;
  outcome?: 'done' | 'cancelled';

  init(): Promise<void>;
  toggleCopy(id: string): void;
  confirmCopy(): void;
  selectProvider(p: ProviderChoice): void;
  submitOtherProvider(text: string): void;
  selectMethod(m: MethodId): void;
  submitSecret(text: string): void;
  /** A duration (`30d`, `12h`) until the pasted token expires, or empty for none. */
  submitExpiry(text: string): void;
  confirmReuse(): void;
  submitPaste(text: string): Promise<void>;
  submitName(text: string): void;
  confirmOverwrite(choice: 'replace' | 'rename'): void;
  selectPlacement(p: Placement): void;
  checkDecision(choice: 'fix' | 'save' | 'cancel'): void;
  save(): Promise<void>;
  selectModel(value: string): Promise<void>;
  submitModel(text: string): Promise<void>;
  back(): void;
  cancel(): void;
  finish(): void;
}

export type WizardStore = StoreApi<WizardState>;

/** Providers the probe knows a cheap endpoint for; others are saved without a live check. */
const PROBED_PROVIDERS = new Set(['anthropic', 'openai', 'openai-codex']);

export function createWizardStore(deps: WizardDeps): WizardStore {
  let attempt = 0; // bumps whenever a step is left: late async results of an old step are dropped
  let session: { cancel(): void } | undefined;
  let probeAbort: AbortController | undefined;
  // Ends a request of the current step that has no session yet (the device-code request).
  let stepAbort: AbortController | undefined;
  let ticker: unknown;
  let cancelAfterSave = false;
  /** The value behind a reference the user chose, for the live check only; never stored. */
  let refValue: string | undefined;

  const setIntervalFn = deps.setInterval ?? ((fn: () => void, ms: number) => setInterval(fn, ms));
  const clearIntervalFn = deps.clearInterval ?? ((h: unknown) => clearInterval(h as NodeJS.Timeout));

  const store = createStore<WizardState>()((set, get) => {
    const patchData = (patch: Partial<OnboardData>) => set({ data: { ...get().data, ...patch } });

    const stopWork = () => {
      attempt++;
      session?.cancel();
      session = undefined;
      probeAbort?.abort();
      probeAbort = undefined;
      stepAbort?.abort();
      stepAbort = undefined;
      if (ticker !== undefined) clearIntervalFn(ticker);
      ticker = undefined;
    };

    const startTicker = () => {
      if (ticker !== undefined) return;
      const h = setIntervalFn(() => set({ now: deps.now() }), 1000);
      (h as { unref?: () => void } | undefined)?.unref?.();
      ticker = h;
    };

    const go = (to: StepId, opts: { push?: boolean } = {}) => {
      const s = get();
      stopWork();
      const push = opts.push ?? !TRANSIENT_STEPS.has(s.step);
      const history = push && s.step !== to ? [...s.history, s.step] : s.history;
      set({ step: to, history, error: undefined, busy: undefined, draft: draftFor(to), now: deps.now() });
      void enter(to);
    };

    const draftFor = (step: StepId): string => draftForStep(step, get().data);

    const advance = () => go(nextStep(get().step, get().data));

    const enter = async (step: StepId) => {
      const my = attempt;
      const alive = () => my === attempt && get().step === step && !get().outcome;
      const d = get().data;
      try {
        if (step === 'reuse') {
          set({ reuse: undefined, busy: 'Looking for an existing login…' });
          const read = d.method === 'claude-cli'
            ? await deps.externalCli.readClaudeCliCredential(deps.env)
            : await deps.externalCli.readCodexCliCredential(deps.env);
          if (!alive()) return;
          set({ reuse: read, busy: undefined });
        } else if (step === 'signin') {
          set({ signin: undefined, busy: 'Starting sign-in…' });
          const s = await deps.oauth.startCodexLogin({ env: deps.env });
          if (!alive()) return s.cancel();
          session = s;
          let browserOpened = false;
          set({ signin: { url: s.authorizeUrl, callbackPort: s.callbackPort, ...(s.callbackProblem ? { callbackProblem: s.callbackProblem } : {}), deadline: s.deadline, browserOpened }, busy: 'Waiting for the sign-in…' });
          startTicker();
          if (!deps.remote && deps.browser.canOpenBrowser(deps.env)) {
            void deps.browser.openBrowser(s.authorizeUrl).then((ok) => {
              browserOpened = ok;
              const cur = get().signin;
              if (alive() && cur) set({ signin: { ...cur, browserOpened: ok } });
            });
          }
          const result = await s.result;
          if (!alive()) return;
          signedIn(result);
        } else if (step === 'device') {
          set({ device: undefined, busy: 'Asking for a device code…' });
          stepAbort = new AbortController();
          const s = await deps.oauth.startCodexDeviceLogin({ env: deps.env, signal: stepAbort.signal });
          if (!alive()) return s.cancel();
          session = s;
          set({ device: { verificationUrl: s.verificationUrl, userCode: s.userCode, expiresAt: s.expiresAt }, busy: 'Waiting for you to enter the code…' });
          startTicker();
          const result = await s.result;
          if (!alive()) return;
          signedIn(result);
        } else if (step === 'check') {
          const cred = d.credential;
          if (!cred) return advance();
          if (!PROBED_PROVIDERS.has(cred.provider)) {
            patchData({ probe: { status: 'skipped', error: `no live check is known for ${cred.provider}` } });
            return advance();
          }
          probeAbort = new AbortController();
          set({ busy: 'Checking the credential with the provider…' });
          let outcome: OnboardData['probe'];
          try {
            outcome = await deps.probe({
              provider: cred.provider,
              type: cred.type,
              secret: credentialRef(cred) ? (refValue ?? '') : probeSecret(cred),
              env: deps.env,
              timeoutMs: deps.probeTimeoutMs ?? 8000,
              signal: probeAbort.signal,
            });
          } catch (err) {
            outcome = { status: 'network', error: errorMessage(err), latencyMs: 0 };
          }
          if (!alive()) return;
          patchData({ probe: outcome });
          set({ busy: undefined });
          if (outcome.status === 'ok') advance();
        } else if (step === 'saving') {
          await doSave();
        } else if (step === 'method') {
          const provider = d.provider;
          if (provider === 'anthropic' && !get().detected.claude) {
            const claude = await safeRead(() => deps.externalCli.readClaudeCliCredential(deps.env));
            set({ detected: { ...get().detected, claude } });
          } else if (provider === 'openai' && !get().detected.codex) {
            const codex = await safeRead(() => deps.externalCli.readCodexCliCredential(deps.env));
            set({ detected: { ...get().detected, codex } });
          }
        }
      } catch (err) {
        if (step === 'saving' && cancelAfterSave) return set({ outcome: 'cancelled', busy: undefined });
        if (!alive()) return;
        set({ busy: undefined, error: errorMessage(err) });
      }
    };

    /** "Store as a reference": resolve it once (nothing is saved if it does not), keep only the ref. */
    const submitRef = async (text: string, provider: string) => {
      const my = attempt;
      if (!deps.secretRefs) return set({ error: 'References cannot be resolved here; use `clawdbot models auth add --ref`.' });
      set({ error: undefined, busy: 'Resolving the reference…' });
      const r = await deps.secretRefs.resolve(text.trim(), 'api_key');
      if (my !== attempt || get().step !== 'secret') return;
      if (!r.ok) return set({ busy: undefined, error: r.error });
      refValue = r.value;
      registerSecret(r.value);
      const d = get().data;
      const cred: KnownCredential = { type: 'api_key', provider, keyRef: r.ref };
      patchData({ credential: cred, warning: GATEWAY_CANNOT_READ_REFS_NOTE, probe: undefined, profileName: d.profileName ?? suggestProfileName(d) });
      set({ busy: undefined, note: GATEWAY_CANNOT_READ_REFS_NOTE });
      advance();
    };

    const signedIn = (r: CodexSignInResult) => {
      registerSecret(r.credential.access);
      registerSecret(r.credential.refresh);
      const d = get().data;
      // The same ChatGPT account signing in again refreshes its existing profile in place.
      const sameAccount = profileNameForAccount(d, r.credential.provider, r.accountId);
      patchData({
        credential: r.credential,
        profileName: sameAccount ?? suggestProfileName(d, codexProfileName(r)),
        replaceConfirmed: sameAccount !== undefined,
        probe: undefined,
      });
      go('name', { push: false });
    };

    const doSave = async () => {
      const d = get().data;
      set({ busy: 'Saving…' });
      const agent = deps.openStore(d.agentId);
      const copy: Array<{ id: string; credential: KnownCredential }> = [];
      if (d.copy.length) {
        const main = await deps.openStore('main').load();
        for (const id of d.copy) {
          const c = main.store.profiles[id];
          if (c && isKnownCredential(c)) copy.push({ id, credential: c });
        }
      }
      if (copy.length) {
        await agent.update((doc) => {
          applyCopies(doc, copy);
          return true;
        });
      }
      const plan = savePlan(d);
      let savedId: string | undefined;
      if (plan.profileId && plan.credential) {
        // The one write path: an existing profile is replaced only as confirmed on the overwrite
        // step (or when it holds this same login); anything else that appeared meanwhile is refused.
        const saved = await saveCredential(agent, {
          credential: plan.credential,
          profileId: plan.profileId,
          defaultProfileId: plan.profileId,
          replace: Boolean(d.replaceConfirmed),
          placement: plan.placement,
          fromExternalCli: d.method === 'claude-cli' || d.method === 'codex-cli',
          // A sign-in's tokens were issued by the provider: a failed save keeps them beside the store.
          keepOnFailure: `the credential for "${plan.profileId}"`,
        });
        savedId = saved.profileId;
      }
      let currentModel: string | undefined;
      try {
        currentModel = await deps.models.readDefaultModel(agent.configPath, d.agentId);
      } catch {
        currentModel = undefined;
      }
      patchData({ saved: { ...(savedId ? { profileId: savedId } : {}), copied: copy.map((c) => c.id), storePath: agent.storePath }, currentModel });
      set({ busy: undefined });
      if (cancelAfterSave) {
        stopWork();
        return set({ outcome: 'cancelled' });
      }
      go(nextStep('saving', get().data), { push: false });
    };

    /** Which providers have a credential once this run is saved. */
    const providersWithCredential = (): Set<string> => {
      const d = get().data;
      const out = new Set<string>(Object.values(d.existing).map((p) => p.provider));
      if (d.credential) out.add(d.credential.provider);
      for (const id of d.copy) {
        const c = d.copyCandidates.find((x) => x.id === id);
        if (c) out.add(c.provider);
      }
      // A key in the environment (ANTHROPIC_API_KEY, OPENROUTER_API_KEY, ...) counts too.
      for (const [name, value] of Object.entries(deps.env)) {
        const m = /^([A-Z0-9_]+)_API_KEY$/.exec(name);
        if (m && value) out.add(m[1]!.toLowerCase().replace(/_/g, '-'));
      }
      if (deps.env.ANTHROPIC_OAUTH_TOKEN) out.add('anthropic');
      return out;
    };

    const chooseModel = async (model: string | undefined) => {
      const d = get().data;
      if (model) {
        set({ busy: 'Saving the default model…' });
        const agent = deps.openStore(d.agentId);
        const saved = await deps.models.setDefaultModel(agent.configPath, model, d.agentId !== 'main' ? { agentId: d.agentId } : {});
        patchData({ model: saved, modelProviderHasCredential: providersWithCredential().has(modelProvider(saved)) });
      } else if (d.currentModel) {
        patchData({ model: d.currentModel, modelProviderHasCredential: providersWithCredential().has(modelProvider(d.currentModel)) });
      }
      set({ busy: undefined });
      go('done', { push: false });
    };

    return {
      ready: false,
      step: 'provider',
      history: [],
      data: initialData(deps.agentId),
      draft: '',
      detected: {},
      now: deps.now(),

      async init() {
        try {
          const agent = deps.openStore(deps.agentId);
          const loaded = await agent.load();
          const existing: Record<string, ExistingProfile> = {};
          for (const [id, c] of Object.entries(loaded.store.profiles)) {
            existing[id] = { provider: c.provider, type: c.type, masked: maskedOf(c), ...(typeof c.accountId === 'string' ? { accountId: c.accountId } : {}) };
          }
          const data: OnboardData = { ...initialData(agent.agentId), existing, order: { ...(loaded.store.order ?? {}) } };
          if (agent.agentId !== 'main' && !loaded.exists) {
            data.newAgent = true;
            try {
              const main = await deps.openStore('main').load();
              data.copyCandidates = Object.entries(main.store.profiles)
                .filter(([, c]) => isKnownCredential(c))
                .map(([id, c]): CopyCandidate => ({ id, provider: c.provider, type: c.type, masked: maskedOf(c) }));
            } catch {
              data.copyCandidates = [];
            }
          }
          let step: StepId = data.newAgent && data.copyCandidates.length ? 'copy' : 'provider';
          if (step === 'provider' && deps.onlyProvider) {
            data.provider = deps.onlyProvider;
            data.providerPreset = 'provider';
            if (deps.onlyProvider === 'other' && deps.otherProvider) {
              data.otherProvider = deps.otherProvider;
              data.providerPreset = 'provider-and-id';
            }
            step = deps.onlyProvider === 'other' && !deps.otherProvider ? 'other-provider' : 'method';
          }
          set({ ready: true, data, step, history: [], now: deps.now() });
          void enter(step);
        } catch (err) {
          set({ ready: true, fatal: errorMessage(err) });
        }
      },

      toggleCopy(id) {
        const d = get().data;
        patchData({ copy: d.copy.includes(id) ? d.copy.filter((x) => x !== id) : [...d.copy, id] });
      },
      confirmCopy() {
        if (get().step === 'copy') advance();
      },

      selectProvider(p) {
        if (get().step !== 'provider') return;
        const d = get().data;
        if (d.provider !== p) patchData({ provider: p, method: undefined, credential: undefined, profileName: undefined, probe: undefined, replaceConfirmed: false });
        advance();
      },

      submitOtherProvider(text) {
        const r = checkOtherProvider(text);
        if (!r.ok) return set({ error: r.error, draft: text });
        const d = get().data;
        if (d.otherProvider !== r.provider) patchData({ otherProvider: r.provider, method: undefined, credential: undefined, profileName: undefined });
        if (deps.onlyProvider === 'other' && !d.provider) patchData({ provider: 'other' });
        advance();
      },

      selectMethod(m) {
        if (get().step !== 'method') return;
        const d = get().data;
        if (d.method !== m) patchData({ method: m, credential: undefined, profileName: undefined, probe: undefined, replaceConfirmed: false, warning: undefined });
        advance();
      },

      submitSecret(text) {
        const d = get().data;
        const provider = storageProvider(d);
        if (!provider || !d.method) return;
        const method = d.method;
        if (METHODS[method].kind === 'ref') return void submitRef(text, provider);
        const r =
          method === 'setup-token'
            ? checkSetupTokenInput(text)
            : METHODS[method].type === 'token'
              ? checkToken(provider, text)
              : checkApiKey(provider, text);
        if (!r.ok) return set({ error: r.error });
        registerSecret(r.value);
        const cred: KnownCredential =
          method === 'setup-token'
            ? setupTokenCredential(r.value, deps.now())
            : METHODS[method].type === 'token'
              ? tokenCredential(provider, r.value)
              : apiKeyCredential(provider, r.value);
        patchData({ credential: cred, warning: r.warning, probe: undefined, profileName: d.profileName ?? suggestProfileName(d) });
        set({ note: r.warning });
        advance();
      },

      submitExpiry(text) {
        const d = get().data;
        if (get().step !== 'expiry' || d.credential?.type !== 'token') return;
        const typed = text.trim();
        const { expires: _old, ...rest } = d.credential;
        let credential = rest as typeof d.credential;
        if (typed) {
          try {
            credential = { ...rest, expires: deps.now() + parseDuration(typed, 'expiry') };
          } catch (err) {
            return set({ error: errorMessage(err), draft: text });
          }
        }
        patchData({ credential, tokenExpiresIn: typed });
        advance();
      },

      confirmReuse() {
        const s = get();
        if (s.step !== 'reuse' || !s.reuse) return;
        if (!s.reuse.found) return set({ error: `${s.reuse.reason} Press Esc to choose another way.` });
        const c = s.reuse.credential;
        registerSecret(c.type === 'api_key' ? c.key : c.type === 'token' ? c.token : c.access);
        if (c.type === 'oauth') registerSecret(c.refresh);
        // Its fixed id is the CLI's mirror: replacing an older copy there is what the sync does too.
        patchData({ credential: c, profileName: METHODS[s.data.method!].name, probe: undefined, replaceConfirmed: true });
        advance();
      },

      async submitPaste(text) {
        const s = get();
        if (s.step !== 'signin' || !session) return;
        const cur = session as CodexLoginSession;
        const clean = text.trim(); // the field already took line breaks out of a paste
        if (!clean) return set({ error: 'Paste the URL your browser ended on (or the code), then press Enter.' });
        set({ error: undefined, busy: 'Exchanging the code…' });
        try {
          await cur.submitPaste(clean);
        } catch (err) {
          if (get().step === 'signin') set({ error: errorMessage(err), busy: 'Waiting for the sign-in…' });
        }
      },

      submitName(text) {
        const d = get().data;
        const r = checkProfileName(d, text);
        if (!r.ok) return set({ error: r.error, draft: text });
        if (r.name !== d.profileName) patchData({ profileName: r.name, replaceConfirmed: false });
        advance();
      },

      confirmOverwrite(choice) {
        if (get().step !== 'overwrite') return;
        if (choice === 'replace') {
          patchData({ replaceConfirmed: true, replaceAsked: profileIdOf(get().data) });
          advance();
        } else {
          const d = get().data;
          patchData({ profileName: suggestProfileName({ ...d, profileName: undefined }, `${METHODS[d.method!].name}`) });
          go('name', { push: false });
        }
      },

      selectPlacement(p) {
        if (get().step !== 'position') return;
        patchData({ placement: p });
        advance();
      },

      checkDecision(choice) {
        const s = get();
        if (s.step !== 'check') return;
        if (choice === 'cancel') return get().cancel();
        if (choice === 'save') {
          if (!s.data.probe) patchData({ probe: { status: 'unknown', error: 'check skipped', latencyMs: 0 } });
          return advance();
        }
        // Fix: back to where the credential came from, to enter it again (the field starts empty).
        const reentered = s.data.method && (METHODS[s.data.method].kind === 'secret' || METHODS[s.data.method].kind === 'ref');
        if (reentered) patchData({ credential: undefined });
        const target: StepId = reentered ? 'secret' : 'method';
        const i = s.history.lastIndexOf(target);
        stopWork();
        set({ step: target, history: i >= 0 ? s.history.slice(0, i) : s.history, error: undefined, busy: undefined, draft: '' });
        void enter(target);
      },

      async save() {
        if (get().step !== 'summary') return;
        go('saving');
      },

      async selectModel(value) {
        if (get().step !== 'model') return;
        if (value === CUSTOM_MODEL) return go('model-custom');
        try {
          await chooseModel(value === KEEP_MODEL ? undefined : value);
        } catch (err) {
          set({ busy: undefined, error: errorMessage(err) });
        }
      },

      async submitModel(text) {
        if (get().step !== 'model-custom') return;
        const r = checkModelId(text);
        if (!r.ok) return set({ error: r.error, draft: text });
        try {
          await chooseModel(r.model);
        } catch (err) {
          set({ busy: undefined, error: errorMessage(err), draft: text });
        }
      },

      back() {
        const s = get();
        if ((s.step === 'saving' && !s.error) || s.step === 'done' || s.outcome) return;
        // Once saved there is no going back past the save.
        if (s.step === 'model') return;
        const history = [...s.history];
        const prev = history.pop();
        if (!prev) return;
        stopWork();
        set({ step: prev, history, error: undefined, busy: undefined, note: undefined, draft: draftForStep(prev, s.data), now: deps.now() });
        void enter(prev);
      },

      cancel() {
        // A save in flight is finished (it is one short locked write), then the wizard stops: the
        // final message must say truthfully what is on disk.
        if (get().step === 'saving' && !get().error) {
          cancelAfterSave = true;
          return;
        }
        stopWork();
        set({ outcome: 'cancelled', busy: undefined });
      },

      finish() {
        stopWork();
        set({ outcome: 'done' });
      },
    };
  });
  return store;
}

async function safeRead(fn: () => Promise<ExternalCliRead> | ExternalCliRead): Promise<ExternalCliRead> {
  try {
    return await fn();
  } catch (err) {
    return { found: false, reason: errorMessage(err) };
  }
}

function draftForStep(step: StepId, d: OnboardData): string {
  if (step === 'name') return d.profileName ?? suggestProfileName(d);
  if (step === 'other-provider') return d.otherProvider ?? '';
  if (step === 'expiry') return d.tokenExpiresIn ?? '';
  if (step === 'model-custom') return '';
  return '';
}

function maskedOf(c: { type: string; [k: string]: unknown }): string {
  const ref = credentialRef(c);
  if (ref) return `ref ${describeRef(ref)}`;
  if (c.type === 'api_key') return maskSecret(String(c.key ?? ''));
  if (c.type === 'token') return maskSecret(String(c.token ?? ''));
  if (c.type === 'oauth') return maskSecret(String(c.access ?? ''));
  return '(unknown type)';
}

/** The agent's current default model from clawdbot.json (agent override first). */
export async function readDefaultModelFromConfig(configPath: string, agentId: string): Promise<string | undefined> {
  const { config } = await readConfig(configPath);
  const agent = config.agents?.list?.find((a) => a && typeof a.id === 'string' && a.id.trim().toLowerCase() === agentId);
  const fromAgent = agent?.model;
  if (typeof fromAgent === 'string') return fromAgent;
  if (fromAgent && typeof fromAgent === 'object' && typeof (fromAgent as { primary?: unknown }).primary === 'string') return (fromAgent as { primary: string }).primary;
  return config.agents?.defaults?.model?.primary;
}

export { profileIdOf };
