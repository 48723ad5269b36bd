// The key line at the bottom of every step: "Enter continue · Esc back · Ctrl-C cancel".
import React from 'react';
import { Text } from 'ink';

export type Hint = [key: string, what: string];

export const BACK_HINT: Hint = ['Esc', 'back'];
export const CANCEL_HINT: Hint = ['Ctrl-C', 'cancel'];

export function KeyHints({ hints }: { hints: Hint[] }): React.JSX.Element {
  return (
    <Text dimColor>
      {hints.map(([k, what], i) => (
        <React.Fragment key={k + what}>
          {i > 0 ? ' · ' : ''}
          <Text bold>{k}</Text> {what}
        </React.Fragment>
      ))}
    </Text>
  );
}
