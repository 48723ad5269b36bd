// Session pins for a gateway that embeds this library: `/model <alias-or-id>@<profileId>` pins a
// profile for the session (split on the FIRST `@`, so e-mail profile ids like
// `openai-codex:me@example.com` work), and `/model status` shows the candidates, the next profile
// and flags (next, lastGood, cooldown). Errors use Clawdbot's wording.
import { credentialRef, describeRef } from '../store/secret-ref.js';
import type { AuthProfileStore } from '../store/auth-profiles.js';
import type { ClawdbotConfig } from '../store/config.js';
import { NotFoundError, UsageError } from '../util/errors.js';
import { formatDuration } from '../util/duration.js';
import { credentialHealth, DEFAULT_WARN_MS } from './health.js';
import { maskSecret } from '../util/mask.js';
import { normalizeProvider, resolveProfileOrder } from './order.js';
import { profileUnusable } from './cooldown.js';

export type ModelDirective =
  | { kind: 'status' }
  | { kind: 'show' }
  | { kind: 'set'; model: string; profileId?: string };

/** Parse a `/model ...` chat directive; undefined when the text is not one. */
export function parseModelDirective(text: string): ModelDirective | undefined {
  const m = /^\/model(?:\s+([\s\S]*))?$/i.exec(text.trim());
  if (!m) return undefined;
  const rest = (m[1] ?? '').trim();
  if (!rest) return { kind: 'show' };
  if (rest.toLowerCase() === 'status') return { kind: 'status' };
  const at = rest.indexOf('@');
  const model = (at >= 0 ? rest.slice(0, at) : rest).trim();
  const profileId = at >= 0 ? rest.slice(at + 1).trim() : undefined;
  if (!model) throw new UsageError('Give a model before the @, e.g. /model opus@anthropic:work.');
  if (/\s/.test(model)) throw new UsageError(`"${model}" is not a model id; use /model <alias-or-provider/model>[@<profileId>].`);
  if (profileId !== undefined && !profileId) throw new UsageError('Give a profile id after the @, e.g. /model opus@anthropic:work.');
  return { kind: 'set', model, ...(profileId ? { profileId } : {}) };
}

export interface ModelRef {
  provider: string;
  model: string;
  /** The alias the user typed, when it was one. */
  alias?: string;
}

/** An alias from `agents.defaults.models[*].alias`, or `provider/model`. */
export function resolveModelRef(raw: string, config: ClawdbotConfig): ModelRef {
  const wanted = raw.trim();
  for (const [key, entry] of Object.entries(config.agents?.defaults?.models ?? {})) {
    if (typeof entry?.alias === 'string' && entry.alias.toLowerCase() === wanted.toLowerCase()) {
      const slash = key.indexOf('/');
      if (slash > 0) return { provider: normalizeProvider(key.slice(0, slash)), model: key.slice(slash + 1), alias: entry.alias };
    }
  }
  const slash = wanted.indexOf('/');
  if (slash > 0 && slash < wanted.length - 1) return { provider: normalizeProvider(wanted.slice(0, slash)), model: wanted.slice(slash + 1) };
  throw new UsageError(`Unknown model "${wanted}": use provider/model (e.g. anthropic/claude-opus-4-5) or an alias from agents.defaults.models.`);
}

export interface SessionOverride {
  provider: string;
  model: string;
  /** Pinned profile; absent means "use the order". */
  profileId?: string;
  source: 'user';
}

/** Resolve a `/model m@profile` directive against the config and the store. */
export function resolveSessionOverride(args: { directive: string | ModelDirective; store: AuthProfileStore; config: ClawdbotConfig }): SessionOverride {
  const d = typeof args.directive === 'string' ? parseModelDirective(args.directive) : args.directive;
  if (!d) throw new UsageError('Not a /model directive; use /model <alias-or-provider/model>[@<profileId>].');
  if (d.kind !== 'set') throw new UsageError('Give a model: /model <alias-or-provider/model>[@<profileId>].');
  const ref = resolveModelRef(d.model, args.config);
  if (!d.profileId) return { provider: ref.provider, model: ref.model, source: 'user' };
  const cred = args.store.profiles[d.profileId];
  if (!cred) throw new NotFoundError(`Auth profile "${d.profileId}" not found.`);
  if (normalizeProvider(String(cred.provider ?? '')) !== ref.provider) {
    throw new UsageError(`Auth profile "${d.profileId}" is for ${cred.provider}, not ${ref.provider}.`);
  }
  return { provider: ref.provider, model: ref.model, profileId: d.profileId, source: 'user' };
}

function expiryWord(h: ReturnType<typeof credentialHealth>): string {
  switch (h.status) {
    case 'ok':
      return `exp ${formatDuration(h.remainingMs ?? 0)}`;
    case 'expiring':
      return `exp ${formatDuration(h.remainingMs ?? 0)} (soon)`;
    case 'expired':
      return h.canRefresh ? 'expired (refreshable)' : 'expired';
    default:
      return h.status;
  }
}

/** The `/model status` text for one provider. */
export function renderModelStatus(args: {
  provider: string;
  store: AuthProfileStore;
  config: ClawdbotConfig;
  now: number;
  model?: string;
  override?: { profileId?: string; source?: 'user' | 'auto' };
  warnMs?: number;
}): string {
  const provider = normalizeProvider(args.provider);
  const { store, now } = args;
  const resolved = resolveProfileOrder({ provider, store, config: args.config, now });
  const pinned = args.override?.profileId;
  const userPin = pinned && (args.override?.source ?? 'user') === 'user';
  const skipReason = new Map(resolved.skipped.map((s) => [s.profileId, s.reason]));
  const next = userPin ? pinned : resolved.order.find((id) => !profileUnusable(store.usageStats?.[id], now));
  const lastGood = store.lastGood?.[provider];

  const lines: string[] = [];
  if (args.model) lines.push(`Model: ${args.model}`);
  lines.push(`Auth profiles for ${provider} (order: ${resolved.source}):`);
  const listed = [...resolved.order, ...resolved.skipped.map((s) => s.profileId).filter((id) => !resolved.order.includes(id))];
  if (listed.length === 0) lines.push('  (none: add one with `clawdbot models auth paste-token --provider ' + provider + '` or `clawdbot onboard`)');
  for (const id of listed) {
    const cred = store.profiles[id];
    const flags: string[] = [];
    if (id === next) flags.push('next');
    if (id === lastGood) flags.push('lastGood');
    if (userPin && id === pinned) flags.push('pinned');
    const u = profileUnusable(store.usageStats?.[id], now);
    if (u) flags.push(u.kind === 'cooldown' ? `cooldown ${formatDuration(u.remainingMs)}` : `disabled:${u.reason ?? 'unknown'} ${formatDuration(u.remainingMs)}`);
    const pos = resolved.order.indexOf(id);
    const head = pos >= 0 ? `${pos + 1}.` : '-';
    const secret = cred?.type === 'api_key' ? cred.key : cred?.type === 'token' ? cred.token : cred?.type === 'oauth' ? cred.access : undefined;
    const ref = cred ? credentialRef(cred) : undefined;
    const shown = ref ? ` ${describeRef(ref)}` : typeof secret === 'string' && secret ? ` ${maskSecret(secret)}` : '';
    const desc = cred
      ? `${cred.type}${shown} ${expiryWord(credentialHealth(cred, now, args.warnMs ?? DEFAULT_WARN_MS))}`
      : 'not in the store';
    const skipped = pos < 0 ? skipReason.get(id) : undefined;
    lines.push(`  ${head} ${id}  ${desc}${flags.length ? `  [${flags.join(', ')}]` : ''}${skipped ? `  skipped: ${skipped}` : ''}`);
  }
  if (userPin) {
    const why = skipReason.get(pinned!);
    lines.push(`Pinned for this session: ${pinned}${why ? ` (${why})` : ''}; /model <model> without @ to unpin.`);
  }
  lines.push(next ? `Next request uses: ${next}` : `No available auth profile for ${provider} (all in cooldown or unavailable).`);
  return lines.join('\n');
}

/**
 * The profile an `auto` session pin should hold: on a new session (or after a compaction) it
 * advances to the next available profile after the current one (round-robin over the order);
 * when the current one is cooling down or unusable it re-picks. Undefined when none is available.
 */
export function nextAutoPin(args: {
  provider: string;
  store: AuthProfileStore;
  config: ClawdbotConfig;
  now: number;
  current?: string;
  /** true on a new session or after a compaction; false to keep a still-usable pin. */
  advance: boolean;
}): string | undefined {
  const { store, now } = args;
  const { order } = resolveProfileOrder({ provider: args.provider, store, config: args.config, now });
  const available = order.filter((id) => !profileUnusable(store.usageStats?.[id], now));
  if (available.length === 0) return undefined;
  const cur = args.current;
  if (!cur || !available.includes(cur)) {
    // Re-pick: the first available after the old pin's place in the order, else the first.
    const at = cur ? order.indexOf(cur) : -1;
    return at >= 0 ? (order.slice(at + 1).find((id) => available.includes(id)) ?? available[0]) : available[0];
  }
  if (!args.advance) return cur;
  return available[(available.indexOf(cur) + 1) % available.length];
}
