// The dashboard's row view-model: pure functions from a status report (and the clock) to what a
// row, a provider title and the header counts say. The store applies them only to the rows on
// screen (table-view.ts); test/helpers/dashboard-reference.ts applies them to every row, and
// test/unit/dashboard-view-property holds the two equal.
import type { AgentReport, HealthStatus, ProfileReport, StateCount } from '../../auth/report-types.js';
import { formatDuration } from '../../util/duration.js';

export interface DashboardRow {
  key: string;
  provider: string;
  profileId: string;
  /** 1-based place in the order a request tries profiles now; 0 when it skips this one (shown as `-`). */
  position: number;
  type: string;
  source: ProfileReport['source'];
  masked: string;
  label: string;
  email?: string;
  /** The report's status at generatedAt. */
  reportStatus: HealthStatus;
  expiresAt?: number;
  canRefresh: boolean;
  needsReauth: boolean;
  unusable?: { kind: 'cooldown' | 'disabled'; reason?: string; until: number };
  lastUsed?: number;
  skipReason?: string;
  /** The command that fixes its problem, when it has one. */
  fix?: string;
  editable: boolean;
}

/** What a provider's title line says about it (everything but its rows). */
export interface SectionInfo {
  provider: string;
  inUse: boolean;
  orderSource: 'store' | 'config' | 'round-robin';
  /** In use and nothing usable: requests for it fail. */
  noUsable: boolean;
  /** The command that adds a credential, when noUsable. */
  fix?: string;
  /** How requests authenticate (e.g. an env var when no profile is stored). */
  effective?: string;
}

export function sectionInfo(p: AgentReport['providers'][number]): SectionInfo {
  const info: SectionInfo = {
    provider: p.provider,
    inUse: p.inUse,
    orderSource: p.orderSource,
    noUsable: p.inUse && p.effective.kind === 'missing',
  };
  if (p.effective.kind === 'env' && p.effective.detail) info.effective = p.effective.detail;
  if (info.noUsable && p.fix) info.fix = p.fix;
  return info;
}

/**
 * A provider's profile ids in the order they are tried: an order shown ahead of its save (or a
 * profile being moved) first, then the report's order, then the rest.
 */
export function orderedIds(p: AgentReport['providers'][number], byId: ReadonlyMap<string, ProfileReport>, override?: readonly string[]): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const list of [override ?? [], p.order]) {
    for (const id of list) {
      if (!seen.has(id) && byId.has(id)) {
        seen.add(id);
        ids.push(id);
      }
    }
  }
  // Every profile is in byId; the ones no order lists go last, in the report's order.
  for (const x of p.profiles) {
    if (!seen.has(x.profileId)) {
      seen.add(x.profileId);
      ids.push(x.profileId);
    }
  }
  return ids;
}

export function toRow(x: ProfileReport, position: number): DashboardRow {
  const row: DashboardRow = {
    key: x.profileId,
    provider: x.provider,
    profileId: x.profileId,
    position,
    type: x.type,
    source: x.source,
    masked: x.masked,
    label: x.label,
    reportStatus: x.status,
    canRefresh: x.canRefresh,
    needsReauth: x.needsReauth,
    editable: x.source === 'store',
  };
  if (x.email) row.email = x.email;
  if (x.expiresAt !== undefined) row.expiresAt = x.expiresAt;
  if (x.unusable) row.unusable = { kind: x.unusable.kind, until: x.unusable.until, ...(x.unusable.reason ? { reason: x.unusable.reason } : {}) };
  if (x.lastUsed !== undefined) row.lastUsed = x.lastUsed;
  if (x.skipReason) row.skipReason = x.skipReason;
  if (x.fix) row.fix = x.fix;
  return row;
}

/** True when a row built from `b` would equal one built from `a` (every field toRow reads). */
export function sameRowSource(a: ProfileReport, b: ProfileReport): boolean {
  return (
    a.profileId === b.profileId &&
    a.provider === b.provider &&
    a.type === b.type &&
    a.source === b.source &&
    a.masked === b.masked &&
    a.label === b.label &&
    a.status === b.status &&
    a.canRefresh === b.canRefresh &&
    a.needsReauth === b.needsReauth &&
    (a.email || undefined) === (b.email || undefined) &&
    a.expiresAt === b.expiresAt &&
    a.lastUsed === b.lastUsed &&
    (a.skipReason || undefined) === (b.skipReason || undefined) &&
    (a.fix || undefined) === (b.fix || undefined) &&
    a.unusable?.kind === b.unusable?.kind &&
    a.unusable?.until === b.unusable?.until &&
    (a.unusable?.reason || undefined) === (b.unusable?.reason || undefined)
  );
}

/** The filter as matched: trimmed, lower case; '' matches everything. */
export function normalizeFilter(filter: string | undefined): string {
  return (filter ?? '').trim().toLowerCase();
}

type Matchable = Pick<ProfileReport, 'profileId' | 'provider' | 'type' | 'source' | 'status' | 'email'> & { unusable?: { kind: string } | undefined };

/** The filter matches id, provider, type, source, state, email or cooldown/disable (a normalised needle). */
export function profileMatches(x: Matchable, needle: string): boolean {
  return [x.profileId, x.provider, x.type, x.source, x.status, x.email ?? '', x.unusable?.kind ?? '']
    .some((f) => f.toLowerCase().includes(needle));
}

/** The first provider in use with nothing usable and a command that adds a credential. */
export function firstMissing(agent: AgentReport | null): SectionInfo | undefined {
  for (const p of agent?.providers ?? []) {
    const info = sectionInfo(p);
    if (info.fix) return info;
  }
  return undefined;
}

/** One line about a provider in use with nothing usable, for the line under the table. */
export function missingDetail(section: SectionInfo): string {
  return `${section.provider}: no usable credential · fix: ${section.fix}`;
}

/** One line about a row for the message line: who, why it is skipped, and the fix. */
export function rowDetail(r: DashboardRow): string {
  const parts = [r.profileId];
  if (r.email) parts.push(r.email);
  if (r.source !== 'store') parts.push(`from ${r.source} (read-only here)`);
  if (r.skipReason) parts.push(`skipped: ${r.skipReason}`);
  if (r.fix) parts.push(`fix: ${r.fix}`);
  return parts.join(' · ');
}

/**
 * A row's state at `now`: the report's status re-derived from expiresAt (ok -> expiring -> expired
 * as time passes, with the same thresholds as the report), missing/static kept as reported.
 */
export function liveStatus(row: Pick<DashboardRow, 'reportStatus' | 'expiresAt'>, now: number, warnAfterMs: number): HealthStatus {
  const s = row.reportStatus;
  if (row.expiresAt === undefined || s === 'missing' || s === 'static') return s;
  const remaining = row.expiresAt - now;
  // An OAuth record with only a refresh token is expired whatever its stale expiry says.
  if (s === 'expired' && remaining > 0) return 'expired';
  return remaining <= 0 ? 'expired' : remaining <= warnAfterMs ? 'expiring' : 'ok';
}

/** The cooldown/disable still in force at `now`, if any. */
export function liveUnusable(row: Pick<DashboardRow, 'unusable'>, now: number): DashboardRow['unusable'] | undefined {
  return row.unusable && row.unusable.until > now ? row.unusable : undefined;
}

/** `in 2h 05m` / `5m 10s ago` / '' (no expiry). */
export function countdownText(row: Pick<DashboardRow, 'expiresAt'>, now: number): string {
  if (row.expiresAt === undefined) return '';
  const rem = row.expiresAt - now;
  return rem > 0 ? `in ${formatDuration(rem)}` : `${formatDuration(-rem)} ago`;
}

/** `cooldown 4m 59s` / `disabled 2h 00m` / ''. */
export function unusableText(row: Pick<DashboardRow, 'unusable'>, now: number): string {
  const u = liveUnusable(row, now);
  return u ? `${u.kind} ${formatDuration(u.until - now)}` : '';
}

/** `3m ago`, `just now`, '' (never used). Coarse on purpose: it changes at most once a minute. */
export function lastUsedText(lastUsed: number | undefined, now: number): string {
  if (lastUsed === undefined) return '';
  const ago = Math.max(0, now - lastUsed);
  if (ago < 60_000) return 'just now';
  const m = Math.floor(ago / 60_000);
  if (m < 60) return `${m}m ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ago`;
  return `${Math.floor(h / 24)}d ago`;
}

export type StateCounts = Record<StateCount, number>;

export const noCounts = (): StateCounts => ({ ok: 0, expiring: 0, expired: 0, missing: 0, static: 0, cooldown: 0, disabled: 0 });

export function countsText(counts: StateCounts): string {
  const order: StateCount[] = ['ok', 'expiring', 'expired', 'missing', 'static', 'cooldown', 'disabled'];
  const parts = order.filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${k}`);
  return parts.length ? parts.join(' · ') : 'no profiles';
}

/** Keep the cursor line inside a window of `height` lines; moves the window as little as possible. */
export function scrollWindow(prevTop: number, cursorLine: number, height: number, total: number): number {
  const h = Math.max(1, height);
  let top = Math.min(Math.max(0, prevTop), Math.max(0, total - h));
  if (cursorLine < top) top = cursorLine;
  else if (cursorLine >= top + h) top = cursorLine - h + 1;
  // Show the provider title above the first row of a table when it fits.
  if (cursorLine === top && top > 0 && cursorLine - 1 >= 0 && h > 2) top = Math.max(0, top - 1);
  return Math.max(0, Math.min(top, Math.max(0, total - h)));
}

/** The next moment a profile's place in the order can change by itself: an expiry, a cooldown's end. */
export function nextReportChange(agent: AgentReport, now: number): number | undefined {
  let next: number | undefined;
  const consider = (t: number | undefined) => {
    if (t !== undefined && t > now && (next === undefined || t < next)) next = t;
  };
  for (const p of agent.providers) {
    for (const x of p.profiles) {
      consider(x.expiresAt);
      consider(x.unusable?.until);
    }
  }
  return next;
}
