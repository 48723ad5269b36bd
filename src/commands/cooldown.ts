// `clawdbot models auth cooldown list|clear [ID] [--agent ID] [--json]`: see which profiles are
// paused after failures (and why, and until when), and lift a pause by hand. Clearing also lifts a
// billing disable (Clawdbot's clear did not) and resets the failure counters.
import { NO_CHANGE, agentFlag, noSuchProfile, openAgentStore, requireKnownAgent } from '../store/index.js';
import type { AuthProfileStore } from '../store/index.js';
import { clearProfileCooldown, profileUnusable } from '../auth/cooldown.js';
import { describeUnusable } from '../auth/order.js';
import { formatDuration } from '../util/duration.js';
import { printJson, println } from './shared/output.js';

interface CooldownOptions {
  agent?: string;
  json?: boolean;
}

interface CooldownRow {
  profileId: string;
  provider: string;
  kind: 'cooldown' | 'disabled' | null;
  reason?: string;
  until?: number;
  remainingMs?: number;
  errorCount: number;
  failureCounts: Record<string, number>;
  lastFailureAt?: number;
}

function rows(doc: AuthProfileStore, now: number): CooldownRow[] {
  const out: CooldownRow[] = [];
  for (const [id, stats] of Object.entries(doc.usageStats ?? {})) {
    const u = profileUnusable(stats, now);
    const errorCount = typeof stats.errorCount === 'number' ? stats.errorCount : 0;
    if (!u && errorCount === 0) continue;
    const provider = doc.profiles[id]?.provider ?? id.split(':')[0] ?? '';
    out.push({
      profileId: id,
      provider,
      kind: u?.kind ?? null,
      ...(u?.reason ? { reason: u.reason } : {}),
      ...(u ? { until: u.until, remainingMs: u.remainingMs } : {}),
      errorCount,
      failureCounts: { ...(stats.failureCounts ?? {}) } as Record<string, number>,
      ...(typeof stats.lastFailureAt === 'number' ? { lastFailureAt: stats.lastFailureAt } : {}),
    });
  }
  // Paused ones first, soonest back first; then the ones with only a failure history.
  return out.sort((a, b) => (a.until ?? Infinity) - (b.until ?? Infinity) || a.profileId.localeCompare(b.profileId));
}

export async function cooldownListCommand(opts: CooldownOptions): Promise<number> {
  const store = openAgentStore(await requireKnownAgent(opts.agent));
  const { store: doc } = await store.load();
  const now = Date.now();
  const list = rows(doc, now);
  if (opts.json) {
    printJson({ agentId: store.agentId, storePath: store.storePath, profiles: list });
    return 0;
  }
  if (list.length === 0) {
    println(`No profile is cooling down or disabled (agent ${store.agentId}).`);
    return 0;
  }
  for (const r of list) {
    const counts = Object.entries(r.failureCounts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    const state = r.kind
      ? `${r.kind === 'cooldown' ? 'cooldown' : 'disabled'} ${formatDuration(r.remainingMs ?? 0)} left: ${describeUnusable({ kind: r.kind, reason: r.reason, until: r.until!, remainingMs: r.remainingMs! }, now)}`
      : 'usable';
    println(`${r.profileId}  ${state}  (${r.errorCount} recent failure${r.errorCount === 1 ? '' : 's'}${counts ? `: ${counts}` : ''})`);
  }
  if (list.some((r) => r.kind)) println(`Clear with \`clawdbot models auth cooldown clear <id>\` (or without an id for all).`);
  return 0;
}

export async function cooldownClearCommand(id: string | undefined, opts: CooldownOptions): Promise<number> {
  const store = openAgentStore(await requireKnownAgent(opts.agent));
  if (id) {
    const { store: doc } = await store.load();
    if (!doc.profiles[id] && !doc.usageStats?.[id]) {
      throw noSuchProfile(id, store.agentId, Object.keys(doc.profiles), `clawdbot models auth cooldown list${agentFlag(store.agentId)}`);
    }
  }
  const cleared =
    (await store.update((doc) => {
      const ids = id ? [id] : Object.keys(doc.usageStats ?? {});
      const done = ids.filter((pid) => clearProfileCooldown(doc, pid));
      return done.length ? done : NO_CHANGE;
    })) ?? [];
  if (opts.json) {
    printJson({ agentId: store.agentId, storePath: store.storePath, cleared });
  } else if (cleared.length === 0) {
    println(id ? `${id} was not cooling down; nothing to clear.` : `No profile was cooling down (agent ${store.agentId}); nothing to clear.`);
  } else {
    println(`Cleared: ${cleared.join(', ')} (agent ${store.agentId}); they are tried again from now on.`);
  }
  return 0;
}
