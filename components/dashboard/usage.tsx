// The dashboard's subscription usage: the USAGE cell of a row, the selected profile's windows for
// the line under the table, asking in the background once a report is on screen, and the `u` key.
// Usage lives in its own store (src/state/usage-store.ts): a slow endpoint never holds up a frame,
// the countdown tick or a key.
import { useEffect, useMemo } from 'react';
import { formatDuration } from '../../src/util/duration.js';
import { type DashboardActions, type DashboardState, type DashboardStore, hasProfile, profilesInOrder } from '../../src/state/dashboard/index.js';
import { type UsageState, type UsageStore, usageCell, usageDetail, usageKey } from '../../src/state/usage-store.js';
import { useDash, useDashboardContext, useUsage } from './context.js';
import { usageHasContent } from './layout.js';

const ENV_SOURCES = new Set(['env', '.env', 'shell env']);
const LEVEL_COLORS: Record<string, string | undefined> = { ok: 'green', low: 'yellow', critical: 'red', problem: 'yellow' };

/** Stored profiles of the agent on screen: the ones with a credential usage can be asked with. */
function storedProfileIds(store: DashboardStore): string[] {
  const agent = store.getState().agent;
  const ids: string[] = [];
  if (agent) for (const x of profilesInOrder(agent)) if (!ENV_SOURCES.has(x.source)) ids.push(x.profileId);
  return ids;
}

/**
 * Whether any profile of the agent on screen has a USAGE answer to show (the column stays when
 * the terminal is narrow). Looks at the usage answers, not at every row: once per answer.
 */
export function useUsageColumnShown(): boolean {
  const agent = useDash((s) => s.agent);
  const agentId = useDash((s) => s.agentId);
  const entries = useUsage((u) => u.entries);
  return useMemo(() => {
    if (!agent) return false;
    const prefix = usageKey(agentId, '');
    for (const [key, entry] of Object.entries(entries)) {
      if (key.startsWith(prefix) && usageHasContent(usageCell(entry).text) && hasProfile(agent, key.slice(prefix.length))) return true;
    }
    return false;
  }, [agent, agentId, entries]);
}

/** The USAGE cell of one row: its text and colour (none under NO_COLOR). */
export function useUsageCell(profileId: string): { text: string; color: string | undefined; dim: boolean } {
  const { color } = useDashboardContext();
  const agentId = useDash((s) => s.agentId);
  const text = useUsage((u) => usageCell(u.entries[usageKey(agentId, profileId)]).text);
  const level = useUsage((u) => usageCell(u.entries[usageKey(agentId, profileId)]).level);
  return { text, color: color ? LEVEL_COLORS[level] : undefined, dim: color && level === 'quiet' };
}

/** The selected profile's windows with their reset countdowns ('' when it has none). */
export function selectedUsageText(d: DashboardState & DashboardActions, u: UsageState): string {
  const profileId = d.selectedRow()?.profileId;
  return profileId ? usageDetail(u.entries[usageKey(d.agentId, profileId)], d.now) : '';
}

/**
 * Ask for usage after each report reaches the screen (the first frame, a file change, an agent
 * switch); the usage store's once-a-minute limit keeps this to one request per profile a minute.
 */
export function useUsageFetching(): void {
  const { store, usage } = useDashboardContext();
  const version = useDash((s) => s.version);
  const agentId = useDash((s) => s.agentId);
  useEffect(() => {
    if (version === 0) return;
    // After this frame is written: effects run once React has committed it.
    const t = setTimeout(() => usage.getState().refresh(agentId, storedProfileIds(store)), 0);
    return () => clearTimeout(t);
  }, [store, usage, version, agentId]);
}

/** The `u` key: ask again now, or say when it can be asked again. */
export function askUsageNow(store: DashboardStore, usage: UsageStore): void {
  const s = store.getState();
  const ids = storedProfileIds(store);
  const r = usage.getState().refresh(s.agentId, ids);
  if (r.asked) s.setMessage('info', `Asking the usage endpoints for ${r.asked} profile${r.asked === 1 ? '' : 's'}…`);
  else if (ids.length) s.setMessage('info', `Usage was asked less than a minute ago; ask again in ${formatDuration(r.waitMs)}.`);
  else s.setMessage('info', 'No stored profile to ask usage for.');
}
