// The wizard store's shapes: what it is built from (WizardDeps, every effect injected), what it
// holds (WizardState) and what it can be asked to do (WizardActions).
import type { StoreApi } from 'zustand/vanilla';
import type { SecretRef } from '../../store/secret-ref.js';
import type { AgentStore } from '../../store/index.js';
import type { MethodId, OnboardData, Placement, ProviderChoice, StepId } from '../../../flows/onboard.js';
import type { BrowserOpener, ExternalCliRead, ExternalCliReaders, OAuthModule, ProbeFn } from '../../../flows/types.js';

export interface ModelsApi {
  /** The agent's current default model (Clawdbot's default when the config names none). */
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

/** What the wizard holds; components select from it. */
export interface WizardData {
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
}

/** What the user can do; each action ignores a call made on a step it does not belong to. */
export interface WizardActions {
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

export type WizardState = WizardData & WizardActions;
export type WizardStore = StoreApi<WizardState>;
