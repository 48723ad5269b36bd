// The frame every wizard step shares: where you are, what to do, the content, an inline error,
// and the keys.
import React from 'react';
import { Box, Text } from 'ink';
import { KeyHints, type Hint } from './KeyHints.js';
import { MarkedLine } from './MarkedLine.js';

export interface StepFrameProps {
  counter?: { n: number; m: number } | undefined;
  title: string;
  explain?: string;
  error?: string | undefined;
  note?: string | undefined;
  hints: Hint[];
  children?: React.ReactNode;
}

export function StepFrame({ counter, title, explain, error, note, hints, children }: StepFrameProps): React.JSX.Element {
  return (
    <Box flexDirection="column">
      <Text>
        {counter ? <Text color="cyan">{`Step ${counter.n} of ${counter.m} · `}</Text> : null}
        <Text bold>{title}</Text>
      </Text>
      {explain ? <Text dimColor>{explain}</Text> : null}
      <Box flexDirection="column" marginTop={1}>
        {children}
      </Box>
      {note ? <MarkedLine mark="!" color="yellow">{note}</MarkedLine> : null}
      {error ? <MarkedLine mark="✗" color="red">{error}</MarkedLine> : null}
      <Box marginTop={1}>
        <KeyHints hints={hints} />
      </Box>
    </Box>
  );
}
