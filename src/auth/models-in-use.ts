// Which models an agent uses, and so which providers must have working credentials. Read from
// clawdbot.json: `agents.defaults.model` (a string or `{primary, fallbacks}`), per-agent overrides
// in `agents.list[]`, and `agents.defaults.models["<provider>/<model>"]` (aliases, params such as
// `cacheControlTtl`). Writing the default model goes through updateConfig (a locked patch on the
// fresh file), so every other setting the user has is kept.
import { type ClawdbotConfig, UsageError, isValidProviderId, updateConfig } from '../store/index.js';

/** Clawdbot's default when the config names no model. */
export const DEFAULT_MODEL = 'anthropic/claude-opus-4-5';
/** A bare model id (no `provider/`) belongs to this provider, as in Clawdbot. */
export const DEFAULT_PROVIDER = 'anthropic';

export interface ModelRef {
  provider: string;
  model: string;
}

export interface ModelsInUse {
  /** `provider/model` of the primary model. */
  primary: string;
  fallbacks: string[];
  /** Providers of the primary and fallback models, primary first, no duplicates. */
  providers: string[];
  /** Where the primary came from. */
  source: 'agent' | 'config' | 'default';
  /** `cacheControlTtl` per model in use that sets one (`5m` / `1h`). */
  cacheControlTtl: Record<string, string>;
}

/** Provider aliases people write that mean one provider id. */
const PROVIDER_ALIASES: Record<string, string> = {
  'z.ai': 'zai',
  'z-ai': 'zai',
  claude: 'anthropic',
  'openai-chatgpt': 'openai-codex',
};

export function normalizeProvider(raw: string): string {
  const p = raw.trim().toLowerCase();
  return PROVIDER_ALIASES[p] ?? p;
}

/**
 * `provider/model` -> parts. A bare id is an alias from `agents.defaults.models` when one matches,
 * else an Anthropic model. Returns undefined for something that is not a model reference.
 */
export function parseModelRef(raw: unknown, config: ClawdbotConfig = {}): ModelRef | undefined {
  if (typeof raw !== 'string') return undefined;
  const ref = raw.trim();
  if (!ref) return undefined;
  const slash = ref.indexOf('/');
  if (slash < 0) {
    const aliased = findAlias(ref, config);
    if (aliased) return aliased;
    return /\s/.test(ref) ? undefined : { provider: DEFAULT_PROVIDER, model: ref };
  }
  const provider = normalizeProvider(ref.slice(0, slash));
  const model = ref.slice(slash + 1).trim();
  if (!provider || !model || !isValidProviderId(provider) || /\s/.test(model)) return undefined;
  return { provider, model };
}

function findAlias(name: string, config: ClawdbotConfig): ModelRef | undefined {
  const models = config.agents?.defaults?.models;
  if (!models || typeof models !== 'object') return undefined;
  for (const [key, entry] of Object.entries(models)) {
    if (entry && typeof entry === 'object' && typeof entry.alias === 'string' && entry.alias.trim().toLowerCase() === name.toLowerCase()) {
      const slash = key.indexOf('/');
      if (slash > 0) return { provider: normalizeProvider(key.slice(0, slash)), model: key.slice(slash + 1) };
    }
  }
  return undefined;
}

export function formatModelRef(ref: ModelRef): string {
  return `${ref.provider}/${ref.model}`;
}

interface ModelSetting {
  primary?: unknown;
  fallbacks?: unknown;
}

/** `model` may be a plain string (the primary) or `{primary, fallbacks}`. */
function readModelSetting(value: unknown): ModelSetting | undefined {
  if (typeof value === 'string') return { primary: value };
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as ModelSetting;
  return undefined;
}

function agentEntry(config: ClawdbotConfig, agentId: string | undefined) {
  if (!agentId) return undefined;
  const list = config.agents?.list;
  if (!Array.isArray(list)) return undefined;
  return list.find((a) => a && typeof a === 'object' && typeof a.id === 'string' && a.id.trim().toLowerCase() === agentId);
}

export function resolveModelsInUse(config: ClawdbotConfig, agentId?: string): ModelsInUse {
  const defaults = readModelSetting(config.agents?.defaults?.model);
  const override = readModelSetting(agentEntry(config, agentId)?.model);

  let source: ModelsInUse['source'] = 'default';
  let primaryRef: ModelRef | undefined;
  if (override?.primary !== undefined && (primaryRef = parseModelRef(override.primary, config))) source = 'agent';
  else if (defaults?.primary !== undefined && (primaryRef = parseModelRef(defaults.primary, config))) source = 'config';
  primaryRef ??= parseModelRef(DEFAULT_MODEL)!;

  // An agent that sets its own fallbacks replaces the defaults' list (an empty list means none).
  const rawFallbacks = Array.isArray(override?.fallbacks) ? override.fallbacks : Array.isArray(defaults?.fallbacks) ? defaults.fallbacks : [];
  const primary = formatModelRef(primaryRef);
  const fallbacks: string[] = [];
  for (const f of rawFallbacks) {
    const ref = parseModelRef(f, config);
    if (!ref) continue;
    const s = formatModelRef(ref);
    if (s !== primary && !fallbacks.includes(s)) fallbacks.push(s);
  }

  const providers: string[] = [];
  for (const m of [primary, ...fallbacks]) {
    const p = m.slice(0, m.indexOf('/'));
    if (!providers.includes(p)) providers.push(p);
  }

  const cacheControlTtl: Record<string, string> = {};
  for (const m of [primary, ...fallbacks]) {
    const ttl = modelParams(config, m).cacheControlTtl;
    if (typeof ttl === 'string' && ttl.trim()) cacheControlTtl[m] = ttl.trim();
  }
  return { primary, fallbacks, providers, source, cacheControlTtl };
}

export function providersInUse(config: ClawdbotConfig, agentId?: string): string[] {
  return resolveModelsInUse(config, agentId).providers;
}

/** `agents.defaults.models["p/m"].params`, matched case-insensitively on the key. */
export function modelParams(config: ClawdbotConfig, model: string): Record<string, unknown> {
  const models = config.agents?.defaults?.models;
  if (!models || typeof models !== 'object') return {};
  const want = model.toLowerCase();
  for (const [key, entry] of Object.entries(models)) {
    const ref = parseModelRef(key);
    const norm = ref ? formatModelRef(ref).toLowerCase() : key.toLowerCase();
    if (norm === want && entry && typeof entry.params === 'object' && entry.params !== null) return entry.params;
  }
  return {};
}

/** Validate a model typed by a person: `provider/model` (or a bare Anthropic model id / alias). */
export function requireModelRef(raw: string, config: ClawdbotConfig = {}): string {
  const ref = parseModelRef(raw, config);
  if (!ref) {
    throw new UsageError(`Invalid model "${raw}": use <provider>/<model>, e.g. ${DEFAULT_MODEL}.`);
  }
  return formatModelRef(ref);
}

/**
 * Set the default model (or one agent's model) in clawdbot.json. Only the `primary` is changed:
 * fallbacks, params, aliases and every unrelated setting stay as they were.
 */
export async function setDefaultModel(configPath: string, model: string, opts: { agentId?: string } = {}): Promise<string> {
  const ref = requireModelRef(model);
  await updateConfig(configPath, (cfg) => {
    cfg.agents ??= {};
    if (opts.agentId) {
      const list = Array.isArray(cfg.agents.list) ? cfg.agents.list : (cfg.agents.list = []);
      let entry = list.find((a) => a && typeof a.id === 'string' && a.id.trim().toLowerCase() === opts.agentId);
      if (!entry) list.push((entry = { id: opts.agentId }));
      entry.model = withPrimary(entry.model, ref);
      return;
    }
    cfg.agents.defaults ??= {};
    cfg.agents.defaults.model = withPrimary(cfg.agents.defaults.model, ref) as { primary: string };
  });
  return ref;
}

function withPrimary(current: unknown, primary: string): unknown {
  if (current && typeof current === 'object' && !Array.isArray(current)) return { ...(current as object), primary };
  return { primary };
}
