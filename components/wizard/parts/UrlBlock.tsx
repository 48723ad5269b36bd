import React from 'react';
import { Box, Text } from 'ink';
import { terminalLink } from '../../common/terminal-link.js';
import { hasControls } from '../../../src/util/control-chars.js';

/**
 * A sign-in URL, the last thing in the frame: nothing is drawn after it, so it is never pushed off
 * the top of a small terminal, and it goes away with the step that showed it. It is part of the
 * live frame, not Ink's <Static> output: Static text stays in the scrollback for good, and Ink
 * keeps composing a <Static> node after it unmounts (its freed layout node reads back as an
 * enormous size, and Ink allocated a grid of that size on every spinner tick: the runaway of
 * issue 20). No margin or padding before it, so every wrapped row but the last is a full terminal
 * row and the terminal joins them back into one line on copy (those that do). With `link`, the
 * URL is also a terminal hyperlink to itself (terminal-link.ts): every wrapped row opens, and
 * "Copy link" copies, the whole URL in terminals that copy the breaks too.
 */
export function UrlBlock({ url, link = false }: { url: string; link?: boolean }): React.JSX.Element {
  return (
    <Box marginTop={1}>
      <Text>{link && !hasControls(url) ? terminalLink(url) : url}</Text>
    </Box>
  );
}
