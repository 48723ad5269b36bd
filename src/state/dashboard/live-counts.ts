// The header counts at `now`, kept exact without visiting every profile on every tick: the counts
// are worked out once per report, with every moment a profile's state changes by itself (ok ->
// expiring -> expired, a cooldown or disable ending) sorted in a list; a tick applies the moments
// it passed. A clock that goes back starts over from the report.
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
  private changes: Change[] = [];
  private next = 0;
  private at = -Infinity;
  /** Frozen copy handed out; replaced only when a count changes. */
  private snapshot: Readonly<StateCounts> = noCounts();

  constructor(
    private readonly agent: AgentReport,
    private readonly warnAfterMs: number,
  ) {}

  /** Counts at `now`; the same object until one of them changes. */
  countsAt(now: number): Readonly<StateCounts> {
    if (now < this.at) this.at = -Infinity;
    if (this.at === -Infinity) this.start(now);
    let changed = false;
    while (this.next < this.changes.length && this.changes[this.next]!.at <= now) {
      const c = this.changes[this.next++]!;
      this.counts[c.from]--;
      if (c.to) this.counts[c.to]++;
      changed = true;
    }
    this.at = now;
    if (changed) this.snapshot = { ...this.counts };
    return this.snapshot;
  }

  private start(now: number): void {
    const counts = noCounts();
    const changes: Change[] = [];
    const warn = this.warnAfterMs;
    for (const p of this.agent.providers) {
      // One count per profile id of the provider, the last record of an id (as the table shows it).
      for (const x of byIdFor(p).values()) {
        const status = liveStatus({ reportStatus: x.status, expiresAt: x.expiresAt }, now, warn);
        counts[status]++;
        if (x.expiresAt !== undefined && (x.status === 'ok' || x.status === 'expiring')) {
          // liveStatus: expired once remaining <= 0, expiring once remaining <= warn.
          const toExpiring = x.expiresAt - warn;
          const toExpired = x.expiresAt;
          let s: HealthStatus = status;
          if (s === 'ok' && warn > 0 && toExpiring > now) {
            changes.push({ at: toExpiring, from: 'ok', to: 'expiring' });
            s = 'expiring';
          }
          if (s !== 'expired' && toExpired > now) changes.push({ at: toExpired, from: s, to: 'expired' });
        }
        const u = liveUnusable(x, now);
        if (u) {
          counts[u.kind]++;
          changes.push({ at: u.until, from: u.kind, to: null });
        }
      }
    }
    changes.sort((a, b) => a.at - b.at);
    this.counts = counts;
    this.changes = changes;
    this.next = 0;
    this.snapshot = { ...counts };
  }
}
