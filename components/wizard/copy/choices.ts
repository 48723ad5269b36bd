// The words of the wizard's lists: providers, sign-in methods (with the prompt of the credential
// step), order placements and default models. Which choices exist, and in what order, is the step
// machine's (through src/state/wizard).
import { CUSTOM_MODEL, KEEP_MODEL, modelOptions, type MethodId, type OnboardData, type Placement, type ProviderChoice } from '../../../src/state/wizard/index.js';

export const PROVIDER_CHOICES: Array<{ value: ProviderChoice; label: string }> = [
  { value: 'anthropic', label: 'Anthropic (Claude)' },
  { value: 'openai', label: 'OpenAI (ChatGPT / Codex, API)' },
  { value: 'other', label: 'Another provider (by id)' },
  { value: 'skip', label: 'Skip for now' },
];

export const METHOD_TEXT: Readonly<Record<MethodId, { label: string; description: string }>> = {
  'anthropic-api-key': { label: 'API key', description: 'a key from console.anthropic.com (sk-ant-api03-…)' },
  'setup-token': { label: 'Setup-token (Claude subscription)', description: 'paste what `claude setup-token` prints (sk-ant-oat01-…)' },
  'claude-cli': { label: 'Reuse Claude Code login', description: 'use the login Claude Code keeps in ~/.claude' },
  'codex-oauth': { label: 'Sign in with ChatGPT', description: 'browser sign-in (works over SSH with a paste box)' },
  'codex-device': { label: 'Device code', description: 'sign in from any other device with a short code' },
  'codex-cli': { label: 'Reuse Codex CLI login', description: 'use the login the Codex CLI keeps in ~/.codex' },
  'openai-api-key': { label: 'API key', description: 'a key from platform.openai.com (sk-…)' },
  'other-api-key': { label: 'API key', description: 'a static API key' },
  'other-token': { label: 'Token', description: 'a static bearer token' },
  'key-ref': { label: 'API key, stored as a reference', description: 'an env var name, or a secrets provider + id: the key stays where it is' },
};

/** What the credential step asks for, per method that has one. */
export const SECRET_PROMPT: Partial<Record<MethodId, string>> = {
  'anthropic-api-key': 'Paste your Anthropic API key (console.anthropic.com → API keys):',
  'setup-token': 'Run `claude setup-token` in another terminal, then paste the token it prints:',
  'openai-api-key': 'Paste your OpenAI API key (platform.openai.com → API keys):',
  'other-api-key': 'Paste the API key:',
  'other-token': 'Paste the token:',
  'key-ref': 'Where the key lives: env:NAME (an environment variable), or <alias>:<id> of a provider under secrets.providers:',
};

/** The tool whose login a reuse method takes over. */
export function reuseTool(method: MethodId | undefined): 'Claude Code' | 'Codex CLI' {
  return method === 'claude-cli' ? 'Claude Code' : 'Codex CLI';
}

export const PLACEMENTS: Array<{ value: Placement; label: string }> = [
  { value: 'first', label: 'First: try this profile before the others' },
  { value: 'last', label: 'Last: a fallback after the others' },
  { value: 'keep', label: 'Keep the current order' },
];

export function modelChoices(d: OnboardData): Array<{ value: string; label: string }> {
  return modelOptions(d).map((value) => ({
    value,
    label: value === KEEP_MODEL ? `Keep ${d.currentModel}` : value === CUSTOM_MODEL ? 'Enter a model id…' : value,
  }));
}
