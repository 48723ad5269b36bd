// The dashboard's help panel (?): each key with what it does, built from the keymap.
import React from 'react';
import { Box, Text } from 'ink';
import { helpLines } from './keymap.js';
import { wrapWords } from './layout.js';

const HELP_LINES = helpLines();
/** The key column's width; the explanations start after it. */
const KEY_COLUMN = 14;

/**
 * The panel's rows under its title, each a key (or '') and a line of its explanation. Explanations
 * wrap under themselves when every one fits the panel wrapped (80 columns over SSH has room for
 * all of them); on a terminal too small for that, each keeps one line, cut, and the keys that do
 * not fit are left out.
 */
function helpPanelRows(width: number, height: number): Array<[key: string, text: string]> {
  const room = Math.max(1, height - 1);
  const textWidth = Math.max(1, width - KEY_COLUMN);
  const wrapped = HELP_LINES.flatMap(([key, text]) => wrapWords(text, textWidth).map((line, i): [string, string] => [i === 0 ? key : '', line]));
  return wrapped.length <= room ? wrapped : HELP_LINES.slice(0, room);
}

export function HelpPanel({ height, width }: { height: number; width: number }): React.JSX.Element {
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold>Keys</Text>
      {helpPanelRows(width, height).map(([k, v], i) => (
        <Box key={i}>
          <Box width={KEY_COLUMN} flexShrink={0}>
            <Text bold>{k}</Text>
          </Box>
          <Text wrap="truncate">{v}</Text>
        </Box>
      ))}
    </Box>
  );
}
