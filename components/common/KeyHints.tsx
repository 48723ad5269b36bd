// The key line at the bottom of every step: "Enter continue · Esc back · Ctrl-C cancel".
import React from 'react';
import { Box, Text } from 'ink';

export type Hint = [key: string, what: string];

export const BACK_HINT: Hint = ['Esc', 'back'];
export const CANCEL_HINT: Hint = ['Ctrl-C', 'cancel'];

/**
 * Each hint is one piece that a narrow terminal moves to the next line whole, its separator at the
 * end of the line before, so no line starts with " · " or a key apart from what it does.
 */
export function KeyHints({ hints }: { hints: Hint[] }): React.JSX.Element {
  return (
    <Box flexWrap="wrap">
      {hints.map(([k, what], i) => (
        <Text key={k + what} dimColor>
          <Text bold>{k}</Text> {what}
          {i < hints.length - 1 ? ' · ' : ''}
        </Text>
      ))}
    </Box>
  );
}
