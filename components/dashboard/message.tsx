// The lines under the table: a question (remove?), the last message, or what the selected profile
// needs (why it is skipped, the command that fixes it, its usage windows). They wrap onto as many
// lines as the text needs, within the frame budget (layout.ts frameBudget: the table gives up
// lines and scrolls), so a fix command is never cut off.
import React from 'react';
import { Box, Text } from 'ink';
import { firstMissing, missingDetail, rowDetail } from '../../src/state/dashboard/index.js';
import type { DashboardActions, DashboardState } from '../../src/state/dashboard/index.js';
import type { UsageState } from '../../src/state/usage-store.js';
import { displaySafe } from '../../src/util/sanitize.js';
import { useDashAndUsage, useDashboardContext } from './context.js';
import { selectedUsageText } from './usage.js';
import { wrapWords } from './layout.js';

type Tone = 'confirm' | 'error' | 'info' | 'detail';

/** What the lines under the table say now. O(1) in the number of profiles (runs on every tick). */
export function messageArea(d: DashboardState & DashboardActions, u: UsageState): { tone: Tone; text: string } {
  if (d.mode === 'confirm-remove' && d.confirmId) {
    return { tone: 'confirm', text: `Remove ${displaySafe(d.confirmId)}? Its credential is deleted from the store. y = remove, any other key = keep` };
  }
  if (d.message) return { tone: d.message.kind === 'error' ? 'error' : 'info', text: displaySafe(d.message.text) };
  const row = d.selectedRow();
  if (row) {
    const usage = selectedUsageText(d, u);
    return { tone: 'detail', text: displaySafe(usage ? `${rowDetail(row)} · ${usage}` : rowDetail(row)) };
  }
  // Nothing to select (an empty store): say how to add the credential a provider in use lacks.
  const missing = firstMissing(d.agent);
  return { tone: 'detail', text: missing ? displaySafe(missingDetail(missing)) : ' ' };
}

/** Lines the message under the table needs at this width (before the frame budget caps it). */
export function useMessageLineCount(width: number): number {
  return useDashAndUsage((d, u) => wrapWords(messageArea(d, u).text, width).length);
}

export function MessageLines({ width, maxLines }: { width: number; maxLines: number }) {
  const { color } = useDashboardContext();
  // One primitive per change: the tone, then the wrapped lines.
  const packed = useDashAndUsage((d, u) => {
    const { tone, text } = messageArea(d, u);
    return `${tone}\n${wrapWords(text, width, maxLines).join('\n')}`;
  });
  const [tone, ...lines] = packed.split('\n') as [Tone, ...string[]];
  const red = color && (tone === 'confirm' || tone === 'error') ? { color: 'red' } : {};
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate" bold={tone === 'confirm'} dimColor={color && tone === 'detail'} {...red}>
          {line || ' '}
        </Text>
      ))}
    </Box>
  );
}
