// The only parts of the dashboard that change every second. Each selects a string derived from
// `now`, so React re-renders a leaf only when its text actually changes, and rows never re-render
// on a tick.
import React from 'react';
import { Text } from 'ink';
import {
  type DashboardRow,
  countdownText,
  countsText,
  lastUsedText,
  liveStatus,
  liveUnusable,
  unusableText,
} from '../../src/state/dashboard/index.js';
import { STATE_COLORS, useDash, useDashboardContext } from './context.js';

/**
 * Fit `s` into `width` columns including one trailing space of gap: truncated with `…`, padded
 * with spaces. Cells are plain strings inside one <Text> per row, so a row is a single layout node
 * (Ink lays out every node on every frame; a Box per cell made a tick 3x slower at 1,000 profiles).
 */
export function fit(s: string, width: number): string {
  if (width <= 0) return '';
  const room = width - 1;
  const t = s.length > room ? (room > 1 ? s.slice(0, room - 1) + '…' : s.slice(0, room)) : s;
  return t.padEnd(width);
}

/**
 * One table cell, a fixed-width string. Nested inside a row's <Text> it is no layout node of its
 * own; used directly in a row's <Box> (the ticking leaves) it is one small Text node.
 */
function Cell({ width, children, color, dim, bold, inverse }: { width: number; children: string; color?: string | undefined; dim?: boolean; bold?: boolean; inverse?: boolean }) {
  if (width <= 0) return null;
  return (
    <Text {...(color ? { color } : {})} dimColor={dim ?? false} bold={bold ?? false} inverse={inverse ?? false}>
      {fit(children, width)}
    </Text>
  );
}

export function StateBadge({ row, width }: { row: DashboardRow; width: number }) {
  const { color } = useDashboardContext();
  const status = useDash((s) => liveStatus(row, s.now, s.warnAfterMs));
  const c = color ? STATE_COLORS[status] : undefined;
  return <Cell width={width} color={c} dim={color && status === 'static'} bold={status === 'expired' || status === 'missing'}>{status}</Cell>;
}

export function Countdown({ row, width }: { row: DashboardRow; width: number }) {
  const { color } = useDashboardContext();
  const text = useDash((s) => countdownText(row, s.now));
  const status = useDash((s) => liveStatus(row, s.now, s.warnAfterMs));
  if (row.needsReauth) return <Cell width={width} color={color ? 'red' : undefined} bold>sign in again</Cell>;
  // An expired OAuth access token with a refresh token is renewed on next use: not an alarm.
  const refresh = status === 'expired' && row.canRefresh ? ' ↻' : '';
  return <Cell width={width} color={color ? (refresh ? 'yellow' : STATE_COLORS[status]) : undefined}>{text + refresh}</Cell>;
}

export function UnusableBadge({ row, width }: { row: DashboardRow; width: number }) {
  const { color } = useDashboardContext();
  const text = useDash((s) => unusableText(row, s.now));
  const kind = useDash((s) => liveUnusable(row, s.now)?.kind);
  return <Cell width={width} color={color && kind ? STATE_COLORS[kind] : undefined}>{text}</Cell>;
}

export function LastUsed({ at, width }: { at: number | undefined; width: number }) {
  const { color } = useDashboardContext();
  const text = useDash((s) => lastUsedText(at, s.now));
  return <Cell width={width} dim={color}>{text}</Cell>;
}

export function Counts() {
  const text = useDash((s) => countsText(s.counts()));
  return <Text wrap="truncate">{text}</Text>;
}

export { Cell };
