// The header counts at `now`, kept exact without visiting every profile on every tick: the first
// frame gets the counts from one pass over the profiles; the first tick after it sorts every
// moment a profile's state changes by itself (ok -> expiring -> expired, a cooldown or disable
// ending) into a list, and each tick applies the moments it passed. A clock that goes back starts
// over from the report.
import type { AgentReport, HealthStatus, StateCount } from '../../auth/report-types.js';
import { type StateCounts, liveStatus, liveUnusable, noCounts } from './view-model.js';
import { byIdFor } from './table-view.js';

interface Change {
  at: number;
  from: StateCount;
  /** null: the count of `from` only goes down (a cooldown ends). */
  to: StateCount | null;
}

export class LiveCounts {
  private counts: StateCounts = noCounts();
  /** Moments after `countedAt` at which a count changes, in order; null until a later tick needs them. */
  private changes: Change[] | null = null;
  private next = 0;
  private countedAt = -Infinity;
  private at = -Infinity;
  /** Frozen copy handed out; replaced only when a count changes. */
  private snapshot: Readonly<StateCounts> = noCounts();

  constructor(
    private readonly agent: AgentReport,
    private readonly warnAfterMs: number,
  ) {}

  /** Counts at `now`; the same object until one of them changes. */
  countsAt(now: number): Readonly<StateCounts> {
    if (now < this.at || this.at === -Infinity) {
      this.count(now);
      return this.snapshot;
    }
    if (now === this.at) return this.snapshot;
    const changes = (this.changes ??= this.changesAfter(this.countedAt));
    let changed = false;
    while (this.next < changes.length && changes[this.next]!.at <= now) {
      const c = changes[this.next++]!;
      this.counts[c.from]--;
      if (c.to) this.counts[c.to]++;
      changed = true;
    }
    this.at = now;
    if (changed) this.snapshot = { ...this.counts };
    return this.snapshot;
  }

  /** One count per profile id of each provider, the record the table shows. */
  private count(now: number): void {
    const counts = noCounts();
    for (const p of this.agent.providers) {
      for (const x of byIdFor(p).values()) {
        counts[liveStatus({ reportStatus: x.status, expiresAt: x.expiresAt }, now, this.warnAfterMs)]++;
        const u = liveUnusable(x, now);
        if (u) counts[u.kind]++;
      }
    }
    this.counts = counts;
    this.snapshot = { ...counts };
    this.changes = null;
    this.next = 0;
    this.countedAt = now;
    this.at = now;
  }

  private changesAfter(now: number): Change[] {
    const changes: Change[] = [];
    const warn = this.warnAfterMs;
    for (const p of this.agent.providers) {
      for (const x of byIdFor(p).values()) {
        if (x.expiresAt !== undefined && (x.status === 'ok' || x.status === 'expiring')) {
          // liveStatus: expired once remaining <= 0, expiring once remaining <= warn.
          let s: HealthStatus = liveStatus({ reportStatus: x.status, expiresAt: x.expiresAt }, now, warn);
          if (s === 'ok' && warn > 0 && x.expiresAt - warn > now) {
            changes.push({ at: x.expiresAt - warn, from: 'ok', to: 'expiring' });
            s = 'expiring';
          }
          if (s !== 'expired' && x.expiresAt > now) changes.push({ at: x.expiresAt, from: s, to: 'expired' });
        }
        const u = liveUnusable(x, now);
        if (u) changes.push({ at: u.until, from: u.kind, to: null });
      }
    }
    return changes.sort((a, b) => a.at - b.at);
  }
}
