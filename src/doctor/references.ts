// Findings about what the config and the store say about each other: config migrations, profile
// ids referenced in `order` (store or config) or config `auth.profiles` that do not exist, and
// config modes that do not match the stored credential (such a profile is skipped at run time).
import type { AnyCredential, AuthProfileStore, ClawdbotConfig } from '../store/index.js';
import { agentFlag, migrateConfig } from '../store/index.js';
import type { Finding } from './types.js';

/** The command that creates a credential for a profile id that is missing. */
export function signInCommand(profileId: string, provider: string, mode: string | undefined, agentId: string): string {
  if (profileId === 'anthropic:claude-cli') return 'claude setup-token (Claude Code, on this host), then clawdbot doctor';
  if (profileId === 'openai-codex:codex-cli') return 'codex login (Codex CLI, on this host), then clawdbot doctor';
  // Into the agent doctor looked at: without --agent the command would write main's store.
  const agent = agentFlag(agentId);
  if (provider === 'openai-codex') return `clawdbot models auth login --provider openai-codex --profile-id ${profileId}${agent}`;
  if (provider === 'anthropic' && (mode === 'token' || mode === 'oauth')) {
    return `clawdbot models auth setup-token --provider anthropic --profile-id ${profileId}${agent}`;
  }
  // An API key goes in as an API key: paste-token would store a token and switch the config's mode.
  if (mode === 'api_key') return `clawdbot models auth paste-api-key --provider ${provider} --profile-id ${profileId}${agent}`;
  return `clawdbot models auth paste-token --provider ${provider} --profile-id ${profileId}${agent}`;
}

/** Config migrations pending on disk (they are applied in memory on every read). */
export function checkConfigMigrations(config: ClawdbotConfig, configPath: string): { notes: string[]; findings: Finding[] } {
  const copy = structuredClone(config);
  const notes = migrateConfig(copy);
  return {
    notes,
    findings: notes.map((n) => ({
      id: 'config.migration',
      severity: 'warning' as const,
      subject: configPath,
      message: `${configPath} uses an old setting: ${n}`,
      fix: 'clawdbot doctor --repair',
    })),
  };
}

export interface ReferenceProblems {
  findings: Finding[];
  /** Dangling ids per provider in the store's `order`, for the repair. */
  storeOrder: Record<string, string[]>;
  /** Dangling ids per provider in config `auth.order`. */
  configOrder: Record<string, string[]>;
  /** Dangling `lastGood` providers in the store. */
  lastGood: string[];
  /** Config mode/provider fixes: id -> stored credential. */
  modeFixes: Record<string, { provider: string; mode: string }>;
}

function modeCompatible(mode: string, cred: AnyCredential): boolean {
  if (mode === cred.type) return true;
  // Clawdbot: a config mode of `oauth` accepts a stored `token` (setup-tokens).
  return mode === 'oauth' && cred.type === 'token';
}

export function checkReferences(
  store: AuthProfileStore,
  config: ClawdbotConfig,
  paths: { storePath: string; configPath: string; agentId: string },
): ReferenceProblems {
  const out: ReferenceProblems = { findings: [], storeOrder: {}, configOrder: {}, lastGood: [], modeFixes: {} };
  const exists = (id: string) => Object.prototype.hasOwnProperty.call(store.profiles, id);
  const existingFor = (provider: string) => Object.keys(store.profiles).filter((id) => store.profiles[id]!.provider === provider);
  const orderFix = (provider: string, keep: string[]) =>
    keep.length
      ? `clawdbot doctor --repair (drops it), or clawdbot models auth order set --provider ${provider} ${keep.join(' ')}${agentFlag(paths.agentId)}`
      : `clawdbot doctor --repair, or clawdbot models auth order clear --provider ${provider}${agentFlag(paths.agentId)}`;

  for (const [provider, ids] of Object.entries(store.order ?? {})) {
    const missing = ids.filter((id) => !exists(id));
    if (!missing.length) continue;
    out.storeOrder[provider] = missing;
    for (const id of missing) {
      out.findings.push({
        id: 'order.missing-profile',
        severity: 'warning',
        subject: id,
        message: `the ${provider} order in ${paths.storePath} lists ${id}, which does not exist`,
        fix: orderFix(provider, ids.filter(exists)),
      });
    }
  }

  const cfgProfiles = config.auth?.profiles ?? {};
  for (const [provider, ids] of Object.entries(config.auth?.order ?? {})) {
    // An id the config also declares is reported once, as config.profile-missing.
    const missing = ids.filter((id) => !exists(id) && !cfgProfiles[id]);
    if (!missing.length) continue;
    out.configOrder[provider] = missing;
    for (const id of missing) {
      out.findings.push({
        id: 'config.order-missing-profile',
        severity: 'warning',
        subject: id,
        message: `auth.order.${provider} in ${paths.configPath} lists ${id}, which has no stored credential`,
        fix: `clawdbot doctor --repair (drops it from the order), or ${signInCommand(id, provider, undefined, paths.agentId)}`,
      });
    }
  }

  for (const [id, meta] of Object.entries(cfgProfiles)) {
    if (!meta || typeof meta !== 'object') continue;
    const cred = store.profiles[id];
    const provider = typeof meta.provider === 'string' ? meta.provider : id.split(':')[0] ?? id;
    if (!cred) {
      const others = existingFor(provider);
      out.findings.push({
        id: 'config.profile-missing',
        severity: 'warning',
        subject: id,
        message:
          `${paths.configPath} declares profile ${id} (${provider}, ${String(meta.mode)}) but no credential is stored for it` +
          (others.length ? ` (stored for ${provider}: ${others.join(', ')})` : ''),
        fix: signInCommand(id, provider, String(meta.mode), paths.agentId),
      });
      continue;
    }
    const providerOk = cred.provider === provider;
    const modeOk = typeof meta.mode !== 'string' || modeCompatible(meta.mode, cred);
    if (providerOk && modeOk) continue;
    out.modeFixes[id] = { provider: cred.provider, mode: cred.type };
    out.findings.push({
      id: 'config.mode-mismatch',
      severity: 'warning',
      subject: id,
      message: providerOk
        ? `${id}: ${paths.configPath} says mode "${String(meta.mode)}" but the stored credential is "${cred.type}", so requests skip it`
        : `${id}: ${paths.configPath} says provider "${provider}" but the stored credential is for "${cred.provider}", so requests skip it`,
      fix: `clawdbot doctor --repair (sets the config to ${cred.provider}/${cred.type}), or sign in again: ${signInCommand(id, provider, String(meta.mode), paths.agentId)}`,
    });
  }

  for (const [provider, id] of Object.entries(store.lastGood ?? {})) {
    if (exists(id)) continue;
    out.lastGood.push(provider);
    out.findings.push({
      id: 'store.last-good-missing',
      severity: 'info',
      subject: id,
      message: `lastGood for ${provider} names ${id}, which no longer exists`,
      fix: 'clawdbot doctor --repair',
    });
  }
  return out;
}

/** Apply the store part of the reference repair to a fresh document (inside AgentStore.update). */
export function repairStoreReferences(store: AuthProfileStore): string[] {
  const changed: string[] = [];
  for (const [provider, ids] of Object.entries(store.order ?? {})) {
    const keep = ids.filter((id) => Object.prototype.hasOwnProperty.call(store.profiles, id));
    if (keep.length === ids.length) continue;
    changed.push(...ids.filter((id) => !keep.includes(id)));
    if (keep.length) store.order![provider] = keep;
    else delete store.order![provider];
  }
  for (const [provider, id] of Object.entries(store.lastGood ?? {})) {
    if (!Object.prototype.hasOwnProperty.call(store.profiles, id)) {
      delete store.lastGood![provider];
      changed.push(id);
    }
  }
  return changed;
}

/** Apply the config part (inside updateConfig): drop dangling order ids, align mismatched modes. */
export function repairConfigReferences(
  config: ClawdbotConfig,
  store: AuthProfileStore,
  modeFixes: Record<string, { provider: string; mode: string }>,
): string[] {
  const changed: string[] = [];
  const order = config.auth?.order;
  if (order) {
    for (const [provider, ids] of Object.entries(order)) {
      // Keep ids the config itself declares: those need a sign-in, not deletion.
      const keep = ids.filter((id) => store.profiles[id] || config.auth?.profiles?.[id]);
      if (keep.length !== ids.length) {
        changed.push(...ids.filter((id) => !keep.includes(id)));
        order[provider] = keep;
      }
    }
  }
  for (const [id, fix] of Object.entries(modeFixes)) {
    const meta = config.auth?.profiles?.[id];
    if (!meta) continue;
    meta.provider = fix.provider;
    meta.mode = fix.mode;
    changed.push(id);
  }
  return changed;
}
