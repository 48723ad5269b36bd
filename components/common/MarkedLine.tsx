// A status line after a one-character mark (✓ ✗ !): when it is longer than the terminal is wide,
// it wraps under its own first word, so the mark stands alone in its column.
import React from 'react';
import { Box, Text } from 'ink';

export function MarkedLine({ mark, color, children }: { mark: string; color: string; children: string }): React.JSX.Element {
  return (
    <Box>
      <Box flexShrink={0} width={2}>
        <Text color={color}>{mark}</Text>
      </Box>
      <Text color={color}>{children}</Text>
    </Box>
  );
}
