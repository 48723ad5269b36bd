// Durations as people type them (`365d`, `24h`, `90m`, `1w`, `1h30m`) and as they read them.
import { UsageError } from './errors.js';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseDuration(raw: string, flag = 'duration'): number {
  const s = raw.trim().toLowerCase();
  const re = /(\d+(?:\.\d+)?)\s*([smhdw])/g;
  let total = 0;
  let consumed = 0;
  for (const m of s.matchAll(re)) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    consumed += m[0].length;
  }
  if (!s || consumed !== s.replace(/\s+/g, '').length || total <= 0) {
    if (/^\d+$/.test(s) && Number(s) > 0) return Number(s) * UNIT_MS.d!; // bare number = days
    throw new UsageError(`Invalid ${flag} "${raw}": use a number with a unit, like 30m, 24h, 7d or 365d.`);
  }
  return Math.round(total);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `3d 4h`, `2h 05m`, `12m 05s`, `45s`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${pad(m)}m`;
  if (m > 0) return `${m}m ${pad(sec)}s`;
  return `${sec}s`;
}

/** `expires in 2h 05m` / `expired 5m 10s ago`. */
export function formatRemaining(remainingMs: number): string {
  return remainingMs >= 0 ? `expires in ${formatDuration(remainingMs)}` : `expired ${formatDuration(-remainingMs)} ago`;
}
