// The live `clawdbot models status` dashboard. Keys are looked up in the keymap (keymap.ts); the
// frame is always shorter than the terminal (rows scroll with the selection); only the countdown
// leaves (cells.tsx) change on a tick.
import React, { memo, useEffect, useMemo, useRef, useState } from 'react';
import { Box, Text, useApp, useStdout } from 'ink';
import type { DashboardRow, DashboardStore, SectionView } from '../../src/state/dashboard/index.js';
import { locate, maxPosition, profilesInOrder, scrollWindow } from '../../src/state/dashboard/index.js';
// Profile ids, provider names, agent ids and paths come from files people edit by hand: shown with
// control characters escaped, never sent to the terminal raw.
import { displaySafe } from '../../src/util/sanitize.js';
import { DashboardContext, NO_USAGE, useDash, useDashboardContext } from './context.js';
import { useUsageCell, useUsageColumnShown, useUsageOnScreen } from './usage.js';
import type { UsageStore } from '../../src/state/usage-store.js';
import { Cell, Countdown, Counts, LastUsed, StateBadge, UnusableBadge, fit } from './cells.js';
import { type Columns, TWO_LINE_FOOTER_MIN_ROWS, columnContent, computeColumns, contentKey, fitIds, frameBudget, withUsage } from './layout.js';
import { footerLines } from './hints.js';
import { HelpPanel } from './HelpPanel.js';
import { useDashboardKeys } from './use-dashboard-keys.js';
import { MessageLines, useMessageLineCount } from './message.js';

export { fitHints } from './hints.js';

export interface DashboardProps {
  store: DashboardStore;
  /** Colours on (false under NO_COLOR). */
  color?: boolean;
  /** Fixed terminal size (tests); otherwise stdout's size, following resizes. */
  size?: { cols: number; rows: number };
  /** Subscription usage (src/state/usage-store.ts); without it the USAGE column stays empty. */
  usage?: UsageStore;
}

export function Dashboard({ store, color = true, size, usage = NO_USAGE }: DashboardProps) {
  return (
    <DashboardContext.Provider value={{ store, color, usage }}>
      <DashboardView size={size} />
    </DashboardContext.Provider>
  );
}

const terminalSize = (stdout: NodeJS.WriteStream) => ({ cols: stdout.columns || 80, rows: stdout.rows || 24 });

function useTerminalSize(fixed?: { cols: number; rows: number }): { cols: number; rows: number } {
  // Not Ink's useWindowSize: where the stream has no size (tests, pipes) it asks the process's
  // own terminal, and this falls back to a fixed 80x24 instead. Ink 8 types the stream as a
  // plain writable; it is the process's (or the test's) tty stream.
  const stdout = useStdout().stdout as NodeJS.WriteStream;
  const [size, setSize] = useState(() => terminalSize(stdout));
  useEffect(() => {
    if (fixed) return;
    const onResize = () => setSize(terminalSize(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed]);
  return fixed ?? size;
}

function DashboardView({ size: fixedSize }: { size?: { cols: number; rows: number } | undefined }) {
  const { exit } = useApp();
  const size = useTerminalSize(fixedSize);
  const mode = useDash((s) => s.mode);
  const quitRequested = useDash((s) => s.quitRequested);
  const width = Math.max(20, size.cols - 1);
  // Declared before the budget below needs it; set once the key handler is attached (see below).
  const [ready, setReady] = useState(false);
  const footerMax = size.rows >= TWO_LINE_FOOTER_MIN_ROWS ? 2 : 1;
  const footerCount = useDash((s) => footerLines(s, width, ready, footerMax).length);
  const budget = frameBudget(size.rows, useMessageLineCount(width), footerCount);
  const height = budget.table;

  useEffect(() => {
    if (quitRequested) exit();
  }, [quitRequested, exit]);

  useDashboardKeys(height - 1);

  // Runs after the key handler's effect (useInput inside useDashboardKeys), so once raw mode is on
  // and the key handler is attached: the key hints appear only when keys work (keys typed earlier
  // would be echoed by the terminal).
  useEffect(() => setReady(true), []);

  const cols = useColumns(size.cols);
  return (
    <Box flexDirection="column" width={width}>
      <Header />
      {mode === 'help' ? (
        <HelpPanel height={height + 1} width={size.cols - 1} />
      ) : mode === 'agents' ? (
        <AgentsPanel height={height + 1} />
      ) : (
        <>
          <ColumnHeader cols={cols} />
          <Table cols={cols} height={height} />
        </>
      )}
      <MessageLines width={width} maxLines={budget.message} />
      <Footer ready={ready} width={width} maxLines={footerMax} />
    </Box>
  );
}

/**
 * Column widths for the agent's table: worked out again only when the report, the usage answers
 * or the terminal width change, never on the countdown tick. A report costs one pass over its
 * profiles' ids and a few fields (columnContent); no row is built for it.
 */
function useColumns(terminalCols: number): Columns {
  const agent = useDash((s) => s.agent);
  const usageShown = useUsageColumnShown();
  const profiles = useMemo(
    () => (agent ? columnContent(profilesInOrder(agent), maxPosition(agent), displaySafe) : columnContent([], 0, displaySafe)),
    [agent],
  );
  const content = withUsage(profiles, usageShown);
  const key = contentKey(content);
  // Keyed by value: the same widths keep the same object, so memoised rows do not re-render.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `content` by value
  return useMemo(() => computeColumns(terminalCols, content), [terminalCols, key]);
}

function Header() {
  const agentId = useDash((s) => s.agentId);
  const storePath = useDash((s) => s.agent?.storePath ?? '');
  const storeError = useDash((s) => s.agent?.storeError);
  const loading = useDash((s) => s.loading);
  const busy = useDash((s) => s.busy);
  const loadError = useDash((s) => s.loadError);
  const filter = useDash((s) => s.filter);
  const { color } = useDashboardContext();
  return (
    <>
      <Text wrap="truncate">
        <Text bold>clawdbot models status</Text>
        {displaySafe(` · agent ${agentId} · ${storePath}`)}
      </Text>
      <Box>
        {loadError ? (
          <Text wrap="truncate" {...(color ? { color: 'red' } : {})}>{`cannot build the status: ${loadError}`}</Text>
        ) : storeError ? (
          <Text wrap="truncate" {...(color ? { color: 'red' } : {})}>{`store unreadable: ${storeError}`}</Text>
        ) : loading ? (
          <Text>loading…</Text>
        ) : (
          <Counts />
        )}
        {busy ? <Text>{'  saving…'}</Text> : null}
        {filter ? <Text wrap="truncate">{`  filter: ${filter}`}</Text> : null}
      </Box>
    </>
  );
}

const ColumnHeader = memo(function ColumnHeader({ cols }: { cols: Columns }) {
  const { color } = useDashboardContext();
  const text =
    fit('', cols.marker) +
    fit('#', cols.pos) +
    fit('PROFILE', cols.id) +
    fit('TYPE', cols.type) +
    fit('SOURCE', cols.source) +
    fit('CREDENTIAL', cols.masked) +
    fit('USAGE', cols.usage) +
    fit('STATE', cols.state) +
    fit('EXPIRES', cols.countdown) +
    fit('COOLDOWN', cols.unusable) +
    fit('LAST USED', cols.lastUsed);
  return (
    <Text wrap="truncate" bold dimColor={color}>
      {text.trimEnd()}
    </Text>
  );
});

function Table({ cols, height }: { cols: Columns; height: number }) {
  const { store } = useDashboardContext();
  const view = useDash((s) => s.view());
  const cursor = useDash((s) => s.cursor);
  const pickedId = useDash((s) => s.picked?.profileId ?? null);
  const loading = useDash((s) => s.loading);
  const filter = useDash((s) => s.filter);
  const topRef = useRef(0);
  const cursorLine = locate(view, cursor)?.line ?? 0;
  // With nothing to show, the last place is kept for when rows come back.
  const top = view.lineCount ? scrollWindow(topRef.current, cursorLine, height, view.lineCount) : topRef.current;
  topRef.current = top;
  // Usage is asked for the profiles on screen (and a page around them), as the screen moves.
  useUsageOnScreen(view, top, height);
  if (!view.lineCount) {
    const text = loading
      ? ''
      : filter
        ? `No profiles match "${displaySafe(filter)}". Esc clears the filter.`
        : 'No profiles yet. Add one with `clawdbot onboard` or `clawdbot models auth paste-token --provider P`.';
    return <Box height={height}><Text wrap="truncate">{text}</Text></Box>;
  }
  // Rows are built for the lines on screen alone (and reused while their profile is unchanged).
  const shown = store.getState().lines(top, height);
  // Id cells are fitted together, so that two look-alike ids on screen never read the same.
  const rowIds = shown.flatMap((l) => (l.kind === 'row' ? [l.row.profileId] : []));
  const cells = fitIds(rowIds.map(displaySafe), cols.id);
  const idCell = new Map(rowIds.map((id, i) => [id, cells[i]!]));
  return (
    <Box flexDirection="column" height={height}>
      {shown.map((l) =>
        l.kind === 'provider' ? (
          <ProviderTitle key={`p:${l.section.provider}`} section={l.section} />
        ) : (
          <ProfileLine key={`r:${l.row.key}`} row={l.row} idCell={idCell.get(l.row.profileId)!} cols={cols} selected={l.row.profileId === cursor} picked={l.row.profileId === pickedId} />
        ),
      )}
    </Box>
  );
}

const ProviderTitle = memo(function ProviderTitle({ section }: { section: SectionView }) {
  const { color } = useDashboardContext();
  const orderNote = section.orderSource === 'round-robin' ? 'round-robin' : `order from ${section.orderSource}`;
  return (
    <Text wrap="truncate" bold>
      <Text {...(color ? { color: 'cyan' } : {})}>{displaySafe(section.provider)}</Text>
      <Text dimColor={color}>{`  ${section.size} profile${section.size === 1 ? '' : 's'} · ${orderNote}${section.inUse ? ' · in use' : ''}${section.effective ? ` · uses ${section.effective}` : ''}`}</Text>
      {section.noUsable ? <Text {...(color ? { color: 'red' } : {})}>{'  no usable credential'}</Text> : null}
    </Text>
  );
});

const ProfileLine = memo(function ProfileLine({ row, idCell, cols, selected, picked }: { row: DashboardRow; idCell: string; cols: Columns; selected: boolean; picked: boolean }) {
  const { color } = useDashboardContext();
  const dimStatic = color && !row.editable;
  // Part of the row's fixed text: it changes only when an answer arrives, never on a tick.
  const usage = useUsageCell(row.profileId);
  // The row's fixed part is one Text node; each ticking leaf is its own small Text node. Ink caches
  // text measurements by content forever, so a countdown must not be part of a long row string
  // (that would add a cache entry per row per second); a leaf's own text has few distinct values.
  return (
    <Box>
      <Text wrap="truncate">
        <Cell width={cols.marker} bold>{picked ? '⇕' : selected ? '›' : ''}</Cell>
        <Cell width={cols.pos}>{row.position ? String(row.position) : '-'}</Cell>
        <Text inverse={selected} bold={picked}>
          {idCell.slice(0, -1)}
        </Text>
        {' '}
        <Cell width={cols.type}>{row.type}</Cell>
        <Cell width={cols.source} dim={dimStatic}>{row.source}</Cell>
        <Cell width={cols.masked}>{row.masked}</Cell>
        <Cell width={cols.usage} color={usage.color} dim={usage.dim}>{usage.text}</Cell>
      </Text>
      <StateBadge row={row} width={cols.state} />
      <Countdown row={row} width={cols.countdown} />
      <UnusableBadge row={row} width={cols.unusable} />
      <LastUsed at={row.lastUsed} width={cols.lastUsed} />
    </Box>
  );
});

function Footer({ ready, width, maxLines }: { ready: boolean; width: number; maxLines: number }) {
  const mode = useDash((s) => s.mode);
  const picking = useDash((s) => s.picked !== null);
  const text = useDash((s) => footerLines(s, width, ready, maxLines).join('\n'));
  const { color } = useDashboardContext();
  return (
    <Box flexDirection="column">
      {text.split('\n').map((line, i) => (
        <Text key={i} wrap="truncate" dimColor={color && mode === 'list' && !picking}>
          {line}
        </Text>
      ))}
    </Box>
  );
}

function AgentsPanel({ height }: { height: number }) {
  const agents = useDash((s) => s.agents);
  const cursor = useDash((s) => s.agentCursor);
  const current = useDash((s) => s.agentId);
  const topRef = useRef(0);
  const h = Math.max(1, height - 1);
  const top = scrollWindow(topRef.current, cursor, h, agents.length);
  topRef.current = top;
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>Switch agent</Text>
      {agents.slice(top, top + h).map((a, i) => (
        <Text key={a} inverse={top + i === cursor} wrap="truncate">
          {`${top + i === cursor ? '›' : ' '} ${displaySafe(a)}${a === current ? ' (shown)' : ''}`}
        </Text>
      ))}
    </Box>
  );
}

