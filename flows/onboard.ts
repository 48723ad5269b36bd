// The onboarding machine: which steps exist, in what order, the rules each answer must pass, and
// what gets written at the end. Pure: no React, no I/O, no words for the screen (those live with
// the components, components/wizard/copy/). The zustand wizard store (src/state/wizard/) runs the
// effects (probe, sign-in, save); `onboard --non-interactive` has its own planner (non-interactive.ts).
import {
  type AuthProfileStore,
  type CredentialType,
  type KnownCredential,
  isValidProfileId,
  isValidProviderId,
  normalizeProviderId,
  setProfile,
  slugifyProfileName,
} from '../src/store/index.js';
import type { ProbeOutcome } from './types.js';

export type ProviderChoice = 'anthropic' | 'openai' | 'other' | 'skip';

export type MethodId =
  | 'anthropic-api-key'
  | 'setup-token'
  | 'claude-cli'
  | 'codex-oauth'
  | 'codex-device'
  | 'codex-cli'
  | 'openai-api-key'
  | 'other-api-key'
  | 'other-token'
  | 'key-ref';

export type MethodKind = 'secret' | 'signin' | 'device' | 'reuse' | 'ref';

export interface MethodInfo {
  id: MethodId;
  kind: MethodKind;
  type: CredentialType;
  /** Suggested profile name (the part after `provider:`). */
  name: string;
  /** The id is fixed by convention (claude-cli, codex-cli): the name step only confirms it. */
  fixedName?: boolean;
}

export const METHODS: Record<MethodId, MethodInfo> = {
  'anthropic-api-key': { id: 'anthropic-api-key', kind: 'secret', type: 'api_key', name: 'default' },
  'setup-token': { id: 'setup-token', kind: 'secret', type: 'token', name: 'manual' },
  'claude-cli': { id: 'claude-cli', kind: 'reuse', type: 'oauth', name: 'claude-cli', fixedName: true },
  'codex-oauth': { id: 'codex-oauth', kind: 'signin', type: 'oauth', name: 'default' },
  'codex-device': { id: 'codex-device', kind: 'device', type: 'oauth', name: 'default' },
  'codex-cli': { id: 'codex-cli', kind: 'reuse', type: 'oauth', name: 'codex-cli', fixedName: true },
  'openai-api-key': { id: 'openai-api-key', kind: 'secret', type: 'api_key', name: 'default' },
  'other-api-key': { id: 'other-api-key', kind: 'secret', type: 'api_key', name: 'default' },
  'other-token': { id: 'other-token', kind: 'secret', type: 'token', name: 'manual' },
  'key-ref': { id: 'key-ref', kind: 'ref', type: 'api_key', name: 'default' },
};

export function methodsFor(provider: ProviderChoice | undefined): MethodId[] {
  switch (provider) {
    case 'anthropic':
      return ['anthropic-api-key', 'setup-token', 'claude-cli', 'key-ref'];
    case 'openai':
      return ['codex-oauth', 'codex-device', 'codex-cli', 'openai-api-key', 'key-ref'];
    case 'other':
      return ['other-api-key', 'other-token', 'key-ref'];
    default:
      return [];
  }
}

/** Every step, in the order a full path meets them. */
export const STEP_IDS = [
  'copy',
  'provider',
  'other-provider',
  'method',
  'secret',
  'expiry',
  'signin',
  'device',
  'reuse',
  'name',
  'overwrite',
  'position',
  'check',
  'summary',
  'saving',
  'model',
  'model-custom',
  'done',
] as const;
export type StepId = (typeof STEP_IDS)[number];

export type Placement = 'first' | 'last' | 'keep';

export interface CopyCandidate {
  id: string;
  provider: string;
  type: string;
  masked: string;
}

export interface ExistingProfile {
  provider: string;
  type: string;
  masked: string;
  /** ChatGPT account of an openai-codex OAuth profile (not a secret): signing in again updates it. */
  accountId?: string;
}

/** The name of the profile already holding this ChatGPT account, so a new sign-in replaces it in place. */
export function profileNameForAccount(d: OnboardData, provider: string, accountId: string | undefined): string | undefined {
  if (!accountId) return undefined;
  const hit = Object.entries(d.existing).find(([, e]) => e.provider === provider && e.type === 'oauth' && e.accountId === accountId);
  return hit ? hit[0].slice(provider.length + 1) : undefined;
}

export interface OnboardData {
  agentId: string;
  newAgent: boolean;
  copyCandidates: CopyCandidate[];
  copy: string[];
  /** Profiles already in this agent's store (masked), by id. */
  existing: Record<string, ExistingProfile>;
  order: Record<string, string[]>;
  provider?: ProviderChoice;
  otherProvider?: string;
  method?: MethodId;
  credential?: KnownCredential;
  warning?: string;
  profileName?: string;
  /** What was typed at the expiry step (a duration like 30d, or empty), kept for going back. */
  tokenExpiresIn?: string;
  replaceConfirmed?: boolean;
  /** The profile id the user chose to replace on the overwrite question (it stays a counted step). */
  replaceAsked?: string;
  placement?: Placement;
  probe?: ProbeOutcome | { status: 'skipped'; error?: string; latencyMs?: number };
  saved?: { profileId?: string; copied: string[]; storePath: string };
  currentModel?: string;
  model?: string;
  modelProviderHasCredential?: boolean;
  /** The provider came from the command line (`models auth add --provider`): no provider steps. */
  providerPreset?: 'provider' | 'provider-and-id';
}

export function initialData(agentId: string): OnboardData {
  return { agentId, newAgent: false, copyCandidates: [], copy: [], existing: {}, order: {} };
}

/** The provider id the credential is stored under. */
export function storageProvider(d: Pick<OnboardData, 'provider' | 'method' | 'otherProvider'>): string | undefined {
  switch (d.method) {
    case 'anthropic-api-key':
    case 'setup-token':
    case 'claude-cli':
      return 'anthropic';
    case 'codex-oauth':
    case 'codex-device':
    case 'codex-cli':
      return 'openai-codex';
    case 'openai-api-key':
      return 'openai';
    case 'other-api-key':
    case 'other-token':
      return d.otherProvider;
    default:
      return d.provider === 'anthropic' ? 'anthropic' : d.provider === 'openai' ? 'openai' : d.otherProvider;
  }
}

export function profileIdOf(d: OnboardData): string | undefined {
  const p = storageProvider(d);
  return p && d.profileName ? `${p}:${d.profileName}` : undefined;
}

/** The name to offer: the method's default, or the account email, made unique unless fixed. */
export function suggestProfileName(d: OnboardData, base?: string): string {
  const method = d.method ? METHODS[d.method] : undefined;
  const provider = storageProvider(d) ?? 'x';
  const name = slugifyProfileName(base ?? method?.name ?? 'default');
  if (method?.fixedName || !d.existing[`${provider}:${name}`]) return name;
  for (let i = 2; ; i++) if (!d.existing[`${provider}:${name}-${i}`]) return `${name}-${i}`;
}

export function checkProfileName(d: OnboardData, raw: string): { ok: true; name: string } | { ok: false; error: string } {
  const name = raw.trim();
  if (!name) return { ok: false, error: 'Required: type a name, or press Enter on the suggestion.' };
  const provider = storageProvider(d) ?? '';
  if (name.includes(':')) return { ok: false, error: `Type only the name; the id becomes ${provider}:<name>.` };
  if (!isValidProfileId(`${provider}:${name}`)) {
    return { ok: false, error: 'Use letters, digits, ".", "_", "@", "+" or "-" (start with a letter or digit).' };
  }
  return { ok: true, name };
}

export function checkOtherProvider(raw: string): { ok: true; provider: string } | { ok: false; error: string } {
  const p = normalizeProviderId(raw);
  if (!p) return { ok: false, error: 'Required: type a provider id, e.g. openrouter.' };
  if (!isValidProviderId(p)) return { ok: false, error: `"${raw.trim()}" is not a provider id: use lower-case letters, digits, ".", "-" or "_".` };
  if (p === 'anthropic' || p === 'openai' || p === 'openai-codex') return { ok: false, error: `Go back and choose ${p === 'anthropic' ? 'Anthropic' : 'OpenAI'} for ${p}.` };
  return { ok: true, provider: p };
}

/** Other profiles of the same provider (so a position question makes sense). */
export function siblingProfiles(d: OnboardData): string[] {
  const provider = storageProvider(d);
  const id = profileIdOf(d);
  const fromOrder = (provider && d.order[provider]) || [];
  const all = Object.entries(d.existing)
    .filter(([pid, p]) => p.provider === provider && pid !== id)
    .map(([pid]) => pid);
  const copied = d.copy.filter((pid) => pid !== id && d.copyCandidates.find((c) => c.id === pid)?.provider === provider);
  return [...new Set([...fromOrder.filter((x) => x !== id), ...all, ...copied])];
}

export function needsOverwriteConfirm(d: OnboardData): boolean {
  const id = profileIdOf(d);
  return Boolean(id && d.existing[id] && !d.replaceConfirmed);
}

function entryStepFor(d: OnboardData): StepId {
  const kind = d.method ? METHODS[d.method].kind : 'secret';
  return kind === 'signin' ? 'signin' : kind === 'device' ? 'device' : kind === 'reuse' ? 'reuse' : 'secret';
}

/**
 * A pasted token for another provider carries no expiry we could read, so the wizard asks for one
 * (the flag path has --token-expires-in). Setup-tokens have a known lifetime; API keys none.
 */
export function asksExpiry(d: Pick<OnboardData, 'method'>): boolean {
  return d.method === 'other-token';
}

/** Where to go when the current step is done. */
export function nextStep(step: StepId, d: OnboardData): StepId {
  switch (step) {
    case 'copy':
      return 'provider';
    case 'provider':
      if (d.provider === 'skip') return d.copy.length ? 'summary' : 'done';
      return d.provider === 'other' ? 'other-provider' : 'method';
    case 'other-provider':
      return 'method';
    case 'method':
      return entryStepFor(d);
    case 'secret':
      return asksExpiry(d) ? 'expiry' : 'name';
    case 'expiry':
    case 'signin':
    case 'device':
      return 'name';
    case 'reuse':
      // A reused CLI login keeps its one id (anthropic:claude-cli / openai-codex:codex-cli): a
      // second name would be a second copy of the same refresh token, and refreshing one copy
      // logs the other (and the CLI) out.
      return siblingProfiles(d).length ? 'position' : 'check';
    case 'name':
      if (needsOverwriteConfirm(d)) return 'overwrite';
      return siblingProfiles(d).length ? 'position' : 'check';
    case 'overwrite':
      return siblingProfiles(d).length ? 'position' : 'check';
    case 'position':
      return 'check';
    case 'check':
      return 'summary';
    case 'summary':
      return 'saving';
    case 'saving':
      return d.provider && d.provider !== 'skip' ? 'model' : 'done';
    case 'model':
    case 'model-custom':
      return 'done';
    case 'done':
      return 'done';
  }
}

/** Steps that are not revisited by "back" (they run once and move on by themselves). */
export const TRANSIENT_STEPS: ReadonlySet<StepId> = new Set(['signin', 'device', 'check', 'saving', 'overwrite', 'done']);

/**
 * The steps this path will show, for "Step n of m". Until a method is chosen the one Enter would
 * choose (the first) stands in for it, so the count does not change when it is taken; the
 * overwrite question is a step of its own while it is (or was) asked, so a name that replaces a
 * profile moves on to "Step 5 of 8" rather than showing "Step 4 of 8" and then "Step 4 of 7".
 */
export function plannedSteps(d: OnboardData): StepId[] {
  const steps: StepId[] = [];
  if (d.newAgent && d.copyCandidates.length) steps.push('copy');
  if (!d.providerPreset) steps.push('provider');
  if (d.provider === 'skip') {
    if (d.copy.length) steps.push('summary');
    return steps;
  }
  if (d.provider === 'other' && d.providerPreset !== 'provider-and-id') steps.push('other-provider');
  const method = d.method ?? methodsFor(d.provider)[0];
  const path: OnboardData = method ? { ...d, method } : d;
  steps.push('method', entryStepFor(path));
  if (asksExpiry(path)) steps.push('expiry');
  // A reused CLI login keeps its one id: no name step (see nextStep).
  if (!method || METHODS[method].kind !== 'reuse') steps.push('name');
  if (needsOverwriteConfirm(d) || (d.replaceAsked !== undefined && d.replaceAsked === profileIdOf(d))) steps.push('overwrite');
  if (siblingProfiles(path).length) steps.push('position');
  steps.push('check', 'summary', 'model');
  return steps;
}

const COUNTED_AS: Partial<Record<StepId, StepId>> = { saving: 'summary', 'model-custom': 'model' };

export function stepCounter(d: OnboardData, step: StepId): { n: number; m: number } | undefined {
  const steps = plannedSteps(d);
  const i = steps.indexOf(COUNTED_AS[step] ?? step);
  return i < 0 ? undefined : { n: i + 1, m: steps.length };
}

/** The secret a credential holds (API key, token or access token): probed, prefilled, registered for redaction. */
export function credentialSecret(c: KnownCredential): string {
  return (c.type === 'api_key' ? c.key : c.type === 'token' ? c.token : c.access) ?? '';
}

/** "Fix" after the live check: a typed secret or reference is entered again; anything else is chosen again. */
export function reentersCredential(d: Pick<OnboardData, 'method'>): boolean {
  const kind = d.method ? METHODS[d.method].kind : undefined;
  return kind === 'secret' || kind === 'ref';
}

// ---------------------------------------------------------------------------------------------
// Applying the result: a pure edit of the freshly read store, run inside AgentStore.update().

export interface SavePlan {
  profileId?: string;
  credential?: KnownCredential;
  placement: Placement;
  /** Profiles copied from main, with their credentials read fresh at save time. */
  copy: Array<{ id: string; credential: KnownCredential }>;
}

export function savePlan(d: OnboardData): Omit<SavePlan, 'copy'> {
  const profileId = profileIdOf(d);
  return { ...(profileId && d.credential ? { profileId, credential: d.credential } : {}), placement: d.placement ?? 'keep' };
}

/** Profiles copied from main into a new agent; what the agent already has is never replaced. */
export function applyCopies(doc: AuthProfileStore, copy: SavePlan['copy']): void {
  for (const c of copy) if (!doc.profiles[c.id]) setProfile(doc, c.id, c.credential);
}

// ---------------------------------------------------------------------------------------------
// Default model step.

export const MODEL_CHOICES: Record<string, string[]> = {
  anthropic: ['anthropic/claude-opus-4-5', 'anthropic/claude-sonnet-4-5', 'anthropic/claude-haiku-4-5'],
  'openai-codex': ['openai-codex/gpt-5.2', 'openai-codex/gpt-5.1-codex', 'openai-codex/gpt-5.1-codex-mini'],
  openai: ['openai/gpt-5.2', 'openai/gpt-5.1', 'openai/gpt-5-mini'],
};

export const CUSTOM_MODEL = '__custom__';
export const KEEP_MODEL = '__keep__';

/** The model step's choices, in order: keep the current model, the provider's models, type one. */
export function modelOptions(d: OnboardData): string[] {
  const provider = storageProvider(d);
  const list = (provider && MODEL_CHOICES[provider]) || [];
  const out: string[] = [];
  if (d.currentModel) out.push(KEEP_MODEL);
  for (const m of list) if (m !== d.currentModel) out.push(m);
  out.push(CUSTOM_MODEL);
  return out;
}

export function checkModelId(raw: string): { ok: true; model: string } | { ok: false; error: string } {
  const m = raw.trim();
  if (!m) return { ok: false, error: 'Required: type a model id as provider/model.' };
  if (/\s/.test(m)) return { ok: false, error: 'A model id has no spaces; type it as provider/model.' };
  const slash = m.indexOf('/');
  if (slash <= 0 || slash === m.length - 1) return { ok: false, error: `"${m}" needs a provider: type it as provider/model, e.g. anthropic/claude-opus-4-5.` };
  if (!isValidProviderId(m.slice(0, slash).toLowerCase())) return { ok: false, error: `"${m.slice(0, slash)}" is not a provider id.` };
  return { ok: true, model: m };
}

export function modelProvider(model: string): string {
  return model.slice(0, Math.max(0, model.indexOf('/'))).toLowerCase();
}
