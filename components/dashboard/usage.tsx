// The dashboard's subscription usage: the USAGE cell of a row, the selected profile's windows for
// the line under the table, asking in the background for the profiles on screen (and a page around
// them), and the `u` key.
// Usage lives in its own store (src/state/usage-store.ts): a slow endpoint never holds up a frame,
// the countdown tick or a key.
import { useEffect, useMemo, useRef } from 'react';
import { formatDuration } from '../../src/util/duration.js';
import { type DashboardActions, type DashboardState, type DashboardStore, type TableView, hasProfile, profilesInLines } from '../../src/state/dashboard/index.js';
import { type UsageState, type UsageStore, usageCell, usageDetail, usageKey } from '../../src/state/usage-store.js';
import { useDash, useDashboardContext, useUsage } from './context.js';
import { usageHasContent } from './layout.js';

const ENV_SOURCES = new Set(['env', '.env', 'shell env']);
const LEVEL_COLORS: Record<string, string | undefined> = { ok: 'green', low: 'yellow', critical: 'red', problem: 'yellow' };

/**
 * Stored profiles (the ones with a credential usage can be asked with) on the table's lines from
 * `top`, plus a page above and below: a page of scrolling shows answers already asked for. What
 * the screen shows, never the whole store: a 10,000-profile store is not asked 1,670 times.
 */
export function storedIdsAround(view: TableView, top: number, height: number): string[] {
  const ids: string[] = [];
  for (const x of profilesInLines(view, top - height, 3 * height)) if (!ENV_SOURCES.has(x.source)) ids.push(x.profileId);
  return ids;
}

/** A short wait after the screen moves (PgDn held, a filter typed) before asking for what it shows. */
export const USAGE_SETTLE_MS = 150;

/** The profiles the table last showed, per usage store: what `u` asks for. */
const onScreen = new WeakMap<UsageStore, { agentId: string; ids: string[] }>();

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
 * Ask for the usage of the profiles around the screen: right after each report reaches it (the
 * first frame, a file change, an agent switch), and again, once the screen settles, for rows that
 * scrolling or the filter bring into view. The usage store's once-a-minute limit keeps this to one
 * request per profile a minute; rows asked for already are not asked again within it.
 */
export function useUsageOnScreen(view: TableView, top: number, height: number): void {
  const { usage } = useDashboardContext();
  const version = useDash((s) => s.version);
  const agentId = useDash((s) => s.agentId);
  const askedFor = useRef(0);
  useEffect(() => {
    if (version === 0) return;
    const ids = storedIdsAround(view, top, height);
    onScreen.set(usage, { agentId, ids });
    // A new report: after this frame is written (effects run once React has committed it). A
    // move of the screen: once it stops moving.
    const delay = askedFor.current === version ? USAGE_SETTLE_MS : 0;
    const t = setTimeout(() => {
      askedFor.current = version;
      usage.getState().refresh(agentId, ids);
    }, delay);
    return () => clearTimeout(t);
  }, [usage, version, agentId, view, top, height]);
}

/** The `u` key: ask again now for the profiles around the screen, or say when they can be asked again. */
export function askUsageNow(store: DashboardStore, usage: UsageStore): void {
  const s = store.getState();
  const shown = onScreen.get(usage);
  const ids = shown && shown.agentId === s.agentId ? shown.ids : [];
  const r = usage.getState().refresh(s.agentId, ids);
  if (r.asked) s.setMessage('info', `Asking the usage endpoints for ${r.asked} profile${r.asked === 1 ? '' : 's'}…`);
  else if (ids.length) s.setMessage('info', `Usage was asked less than a minute ago; ask again in ${formatDuration(r.waitMs)}.`);
  else s.setMessage('info', 'No stored profile to ask usage for.');
}
