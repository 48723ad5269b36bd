// The onboarding machine: which steps exist, in what order, what each one means, and what gets
// written at the end. Pure: no React, no I/O. The zustand wizard store runs the effects (probe,
// sign-in, save) and the Ink components render; `onboard --non-interactive` uses planNonInteractive.
import {
  type AuthProfileStore,
  type CredentialType,
  type KnownCredential,
  UsageError,
  isValidProfileId,
  isValidProviderId,
  normalizeProviderId,
  setProfile,
  slugifyProfileName,
} from '../src/store/index.js';
import { maskSecret } from '../src/util/mask.js';
import { credentialRef, describeRef } from '../src/store/secret-ref.js';
import { formatRemaining, parseDuration } from '../src/util/duration.js';
import { checkApiKey, apiKeyCredential } from './api-key.js';
import { checkToken, tokenCredential } from './paste-token.js';
import { setupTokenCredential } from './setup-token.js';
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
  label: string;
  description: string;
  kind: MethodKind;
  type: CredentialType;
  /** Suggested profile name (the part after `provider:`). */
  name: string;
  /** The id is fixed by convention (claude-cli, codex-cli): the name step only confirms it. */
  fixedName?: boolean;
}

export const METHODS: Record<MethodId, MethodInfo> = {
  'anthropic-api-key': { id: 'anthropic-api-key', label: 'API key', description: 'a key from console.anthropic.com (sk-ant-api03-…)', kind: 'secret', type: 'api_key', name: 'default' },
  'setup-token': { id: 'setup-token', label: 'Setup-token (Claude subscription)', description: 'paste what `claude setup-token` prints (sk-ant-oat01-…)', kind: 'secret', type: 'token', name: 'manual' },
  'claude-cli': { id: 'claude-cli', label: 'Reuse Claude Code login', description: 'use the login Claude Code keeps in ~/.claude', kind: 'reuse', type: 'oauth', name: 'claude-cli', fixedName: true },
  'codex-oauth': { id: 'codex-oauth', label: 'Sign in with ChatGPT', description: 'browser sign-in (works over SSH with a paste box)', kind: 'signin', type: 'oauth', name: 'default' },
  'codex-device': { id: 'codex-device', label: 'Device code', description: 'sign in from any other device with a short code', kind: 'device', type: 'oauth', name: 'default' },
  'codex-cli': { id: 'codex-cli', label: 'Reuse Codex CLI login', description: 'use the login the Codex CLI keeps in ~/.codex', kind: 'reuse', type: 'oauth', name: 'codex-cli', fixedName: true },
  'openai-api-key': { id: 'openai-api-key', label: 'API key', description: 'a key from platform.openai.com (sk-…)', kind: 'secret', type: 'api_key', name: 'default' },
  'other-api-key': { id: 'other-api-key', label: 'API key', description: 'a static API key', kind: 'secret', type: 'api_key', name: 'default' },
  'other-token': { id: 'other-token', label: 'Token', description: 'a static bearer token', kind: 'secret', type: 'token', name: 'manual' },
  'key-ref': { id: 'key-ref', label: 'API key, stored as a reference', description: 'an env var name, or a secrets provider + id: the key stays where it is', kind: 'ref', type: 'api_key', name: 'default' },
};

export const PROVIDER_CHOICES: Array<{ value: ProviderChoice; label: string }> = [
  { value: 'anthropic', label: 'Anthropic (Claude)' },
  { value: 'openai', label: 'OpenAI (ChatGPT / Codex, API)' },
  { value: 'other', label: 'Another provider (by id)' },
  { value: 'skip', label: 'Skip for now' },
];

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

export type StepId =
  | 'copy'
  | 'provider'
  | 'other-provider'
  | 'method'
  | 'secret'
  | 'expiry'
  | 'signin'
  | 'device'
  | 'reuse'
  | 'name'
  | 'overwrite'
  | 'position'
  | 'check'
  | 'summary'
  | 'saving'
  | 'model'
  | 'model-custom'
  | 'done';

export const STEP_TEXT: Record<StepId, { title: string; explain: string }> = {
  copy: { title: 'Copy profiles from main', explain: 'This agent is new. Choose which of main\'s credentials it may use too (none is fine).' },
  provider: { title: 'Provider', explain: 'Which model provider do you want to set up credentials for?' },
  'other-provider': { title: 'Provider id', explain: 'Type the provider id as your models name it, e.g. openrouter, groq, xai.' },
  method: { title: 'How to sign in', explain: 'Choose how this host will authenticate.' },
  secret: { title: 'Credential', explain: 'Paste it here; it stays masked and is only saved at the end.' },
  expiry: { title: 'Expiry', explain: 'When does this token stop working? Status and doctor warn a day before. Leave it empty if it never expires.' },
  signin: { title: 'Sign in', explain: 'Finish the sign-in in a browser; this step continues by itself.' },
  device: { title: 'Device code', explain: 'Finish the sign-in on another device; this step continues by itself.' },
  reuse: { title: 'Reuse login', explain: 'Use a login another tool on this host already has.' },
  name: { title: 'Profile name', explain: 'A name to tell this credential apart from others of the same provider.' },
  overwrite: { title: 'Profile exists', explain: 'A profile with this name already exists.' },
  position: { title: 'Order', explain: 'When several profiles exist, requests try them in order.' },
  check: { title: 'Live check', explain: 'A small request with this credential, to catch a bad paste before saving.' },
  summary: { title: 'Summary', explain: 'Nothing has been written yet. Check and save.' },
  saving: { title: 'Saving', explain: 'Writing the credential store.' },
  model: { title: 'Default model', explain: 'The model the agent uses by default; its provider needs a working credential.' },
  'model-custom': { title: 'Default model', explain: 'Type a model id as provider/model, e.g. openrouter/anthropic/claude-sonnet-4.5.' },
  done: { title: 'Done', explain: '' },
};

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

export const PLACEMENTS: Array<{ value: Placement; label: string }> = [
  { value: 'first', label: 'First: try this profile before the others' },
  { value: 'last', label: 'Last: a fallback after the others' },
  { value: 'keep', label: 'Keep the current order' },
];

// ---------------------------------------------------------------------------------------------
// Live check results, in words.

export function describeProbe(p: OnboardData['probe']): { ok: boolean; line: string } {
  if (!p) return { ok: false, line: 'not checked' };
  const ms = typeof p.latencyMs === 'number' && p.latencyMs > 0 ? ` (${p.latencyMs} ms)` : '';
  switch (p.status) {
    case 'ok':
      return { ok: true, line: `ok: the provider accepted it${ms}` };
    case 'skipped':
      return { ok: true, line: `not checked${p.error ? `: ${p.error}` : ''}` };
    case 'auth':
      return { ok: false, line: `rejected: the provider says this credential is not valid${p.error ? ` (${p.error})` : ''}` };
    case 'billing':
      return { ok: false, line: `accepted, but the account has a billing problem${p.error ? ` (${p.error})` : ''}` };
    case 'rate_limit':
      return { ok: false, line: `rate limited right now; the credential itself may be fine${p.error ? ` (${p.error})` : ''}` };
    case 'timeout':
      return { ok: false, line: 'no answer in time: the provider could not be reached (saving still works)' };
    case 'network':
      return { ok: false, line: `could not reach the provider${p.error ? ` (${p.error})` : ''}; saving still works` };
    case 'format':
      return { ok: false, line: `the provider says the credential is malformed${p.error ? ` (${p.error})` : ''}` };
    default:
      return { ok: false, line: `unexpected answer${p.error ? `: ${p.error}` : ''}` };
  }
}

/** The secret to probe with, for any credential type. */
export function probeSecret(c: KnownCredential): string {
  return (c.type === 'api_key' ? c.key : c.type === 'token' ? c.token : c.access) ?? '';
}

export function credentialLabel(c: KnownCredential, now: number): string {
  const ref = credentialRef(c);
  if (ref) return `${c.type === 'api_key' ? 'API key' : 'token'} stored as a reference to ${describeRef(ref)}`;
  const base = c.type === 'api_key' ? `API key ${maskSecret(c.key)}` : c.type === 'token' ? `token ${maskSecret(c.token)}` : `OAuth ${maskSecret(c.access)}`;
  const exp = c.type === 'api_key' ? undefined : c.expires;
  const email = c.email ? ` (${c.email})` : '';
  return `${base}${email}${typeof exp === 'number' ? `, ${formatRemaining(exp - now)}` : ''}`;
}

/** What the summary step lists; nothing here is ever a secret. */
export function summaryLines(d: OnboardData, now: number): Array<[string, string]> {
  const lines: Array<[string, string]> = [['Agent', d.agentId]];
  const id = profileIdOf(d);
  if (id && d.credential) {
    lines.push(['Profile', `${id}${d.existing[id] ? ' (replaces the existing one)' : ''}`]);
    lines.push(['Credential', credentialLabel(d.credential, now)]);
    if (siblingProfiles(d).length) lines.push(['Order', d.placement === 'first' ? 'tried first' : d.placement === 'last' ? 'tried last' : 'unchanged']);
    if (d.warning) lines.push(['Note', d.warning]);
    lines.push(['Live check', describeProbe(d.probe).line]);
  }
  if (d.copy.length) lines.push(['Copy from main', d.copy.join(', ')]);
  return lines;
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

export function modelChoices(d: OnboardData): Array<{ value: string; label: string }> {
  const provider = storageProvider(d);
  const list = (provider && MODEL_CHOICES[provider]) || [];
  const items: Array<{ value: string; label: string }> = [];
  if (d.currentModel) items.push({ value: KEEP_MODEL, label: `Keep ${d.currentModel}` });
  for (const m of list) if (m !== d.currentModel) items.push({ value: m, label: m });
  items.push({ value: CUSTOM_MODEL, label: 'Enter a model id…' });
  return items;
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

/** What to run next, shown on the last screen. */
export function nextCommands(d: OnboardData): string[] {
  const agent = d.agentId !== 'main' ? ` --agent ${d.agentId}` : '';
  const out = [`clawdbot models status${agent}     see every credential, live`];
  if (d.provider === 'skip' && !d.saved?.profileId) out.unshift(`clawdbot onboard${agent}     when you are ready to add a credential`);
  else out.push(`clawdbot models status --check${agent}     for scripts and monitoring (exit 0/1/2)`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Non-interactive: flags -> one plan, validated, or one clear error.

export const AUTH_CHOICES = [
  'anthropic-api-key',
  'apiKey',
  'setup-token',
  'token',
  'claude-cli',
  'openai-codex',
  'openai-device-code',
  'codex-cli',
  'openai-api-key',
  'skip',
] as const;
export type AuthChoice = (typeof AUTH_CHOICES)[number];

export interface NonInteractiveFlags {
  authChoice?: string;
  anthropicApiKey?: string;
  openaiApiKey?: string;
  /** The token itself (already read from stdin when the flag was `-`). */
  token?: string;
  tokenProvider?: string;
  tokenProfileId?: string;
  tokenExpiresIn?: string;
}

export type NonInteractivePlan =
  | { kind: 'skip'; choice: AuthChoice }
  | { kind: 'credential'; choice: AuthChoice; profileId: string; credential: KnownCredential; warning?: string }
  | { kind: 'reuse'; choice: 'claude-cli' | 'codex-cli'; profileId: string };

export function resolveAuthChoice(flags: NonInteractiveFlags): AuthChoice {
  const raw = flags.authChoice?.trim();
  if (raw) {
    if (!(AUTH_CHOICES as readonly string[]).includes(raw)) {
      throw new UsageError(`Unknown --auth-choice "${raw}": use one of ${AUTH_CHOICES.join(', ')}.`);
    }
    return raw as AuthChoice;
  }
  if (flags.anthropicApiKey) return 'anthropic-api-key';
  if (flags.openaiApiKey) return 'openai-api-key';
  if (flags.token !== undefined) return 'token';
  throw new UsageError(
    `Nothing to set up: pass --auth-choice (${AUTH_CHOICES.join(', ')}), or --anthropic-api-key / --openai-api-key / --token.`,
  );
}

export function planNonInteractive(flags: NonInteractiveFlags, env: NodeJS.ProcessEnv, now: number): NonInteractivePlan {
  const choice = resolveAuthChoice(flags);
  switch (choice) {
    case 'skip':
      return { kind: 'skip', choice };
    case 'anthropic-api-key':
    case 'apiKey':
    case 'openai-api-key': {
      const provider = choice === 'openai-api-key' ? 'openai' : 'anthropic';
      const flag = provider === 'openai' ? '--openai-api-key' : '--anthropic-api-key';
      const envName = provider === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY';
      const raw = (provider === 'openai' ? flags.openaiApiKey : flags.anthropicApiKey) ?? env[envName];
      if (!raw) throw new UsageError(`Missing ${flag} (or ${envName} in the environment) for --auth-choice ${choice}.`);
      const r = checkApiKey(provider, raw);
      if (!r.ok) throw new UsageError(`${flag}: ${r.error}`, { ownMessage: true });
      return { kind: 'credential', choice, profileId: `${provider}:default`, credential: apiKeyCredential(provider, r.value), ...(r.warning ? { warning: r.warning } : {}) };
    }
    case 'token':
    case 'setup-token': {
      if (flags.token === undefined) {
        throw new UsageError(
          choice === 'setup-token'
            ? 'Auth choice "setup-token" needs the token: pass --token - and pipe it on stdin (or run `clawdbot onboard` in a terminal).'
            : 'Missing --token: pass --token - and pipe the token on stdin.',
        );
      }
      const provider = normalizeProviderId(flags.tokenProvider ?? 'anthropic');
      if (!isValidProviderId(provider)) throw new UsageError(`Invalid --token-provider "${flags.tokenProvider}": use a provider id like anthropic or openrouter.`);
      if (choice === 'setup-token' && provider !== 'anthropic') throw new UsageError('A setup-token is for --token-provider anthropic.');
      const profileId = flags.tokenProfileId?.trim() || `${provider}:manual`;
      if (!isValidProfileId(profileId)) throw new UsageError(`Invalid --token-profile-id "${profileId}": use <provider>:<name>, e.g. ${provider}:work.`);
      if (!profileId.startsWith(`${provider}:`)) throw new UsageError(`--token-profile-id "${profileId}" must start with "${provider}:" to match --token-provider.`);
      const r = checkToken(provider, flags.token);
      if (!r.ok) throw new UsageError(`--token: ${r.error}`, { ownMessage: true });
      const expiresInMs = flags.tokenExpiresIn ? parseDuration(flags.tokenExpiresIn, '--token-expires-in') : undefined;
      // A setup-token gets the one setup-token rule (a year unless told); other tokens only what was given.
      const isSetupToken = choice === 'setup-token' || (provider === 'anthropic' && r.value.startsWith('sk-ant-oat01-'));
      const credential = isSetupToken
        ? setupTokenCredential(r.value, now, expiresInMs)
        : tokenCredential(provider, r.value, expiresInMs === undefined ? undefined : now + expiresInMs);
      return { kind: 'credential', choice, profileId, credential, ...(r.warning ? { warning: r.warning } : {}) };
    }
    case 'claude-cli':
      return { kind: 'reuse', choice, profileId: 'anthropic:claude-cli' };
    case 'codex-cli':
      return { kind: 'reuse', choice, profileId: 'openai-codex:codex-cli' };
    case 'openai-codex':
    case 'openai-device-code':
      throw new UsageError(
        `Auth choice "${choice}" needs a person to sign in: run \`clawdbot onboard\` in a terminal, or ` +
          '`clawdbot models auth login --provider openai-codex --device`, or reuse a Codex CLI login with --auth-choice codex-cli.',
      );
  }
}
