// Usage as people read it: percent LEFT of each window and the time to its reset,
// `5h 58% left (resets in 2h 10m) · Week 88% left (resets in 3d 4h)`.
import { formatDuration } from '../util/duration.js';
import type { Painter } from '../auth/status-text.js';
import type { ProfileUsage, UsageWindow } from './types.js';

export function percentLeft(w: UsageWindow): number {
  return Math.max(0, Math.min(100, Math.round(100 - w.usedPercent)));
}

/** The window with the least left (the one that stops requests first). */
export function tightestWindow(u: ProfileUsage): UsageWindow | undefined {
  let best: UsageWindow | undefined;
  for (const w of u.windows) if (!best || w.usedPercent > best.usedPercent) best = w;
  return best;
}

export function formatWindow(w: UsageWindow, now: number): string {
  const reset = w.resetAt !== undefined && w.resetAt > now ? ` (resets in ${formatDuration(w.resetAt - now)})` : '';
  return `${w.label} ${percentLeft(w)}% left${reset}`;
}

/** One line: the windows, or the reason there are none. */
export function usageLine(u: ProfileUsage, now: number): string {
  if (u.status !== 'ok') return u.error ?? `usage unavailable (${u.status})`;
  const plan = u.plan ? ` · plan ${u.plan}` : '';
  if (u.windows.length === 0) return `usage: no windows reported${plan}`;
  return `usage: ${u.windows.map((w) => formatWindow(w, now)).join(' · ')}${plan}`;
}

/** How low the tightest window runs: for colours. */
export function usageLevel(u: ProfileUsage): 'ok' | 'low' | 'critical' | undefined {
  const w = tightestWindow(u);
  if (!w) return undefined;
  const left = percentLeft(w);
  return left <= 10 ? 'critical' : left <= 30 ? 'low' : 'ok';
}

/** The line under a profile in `models status --usage`: red when nearly out, quiet when there is nothing to say. */
export function paintedUsageLine(u: ProfileUsage, now: number, paint: Painter): string {
  const line = usageLine(u, now);
  if (u.status === 'ok') {
    const level = usageLevel(u);
    return level === 'critical' ? paint('red', line) : level === 'low' ? paint('yellow', line) : line;
  }
  return u.status === 'rejected' || u.status === 'error' || u.status === 'timeout' ? paint('yellow', line) : paint('dim', line);
}
