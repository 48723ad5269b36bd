// Choose any number of items: ↑/↓ move, Space toggles, Enter confirms, Esc goes back.
import React, { useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { isBackspace, isCtrlC } from './keys.js';

export interface CheckItem {
  value: string;
  label: string;
  hint?: string;
}

export function CheckList({ items, checked, isActive = true, onToggle, onConfirm, onBack }: {
  items: CheckItem[];
  checked: string[];
  isActive?: boolean;
  onToggle(value: string): void;
  onConfirm(): void;
  onBack?(): void;
}): React.JSX.Element {
  const [index, setIndex] = useState(0);
  const ref = useRef(index);
  ref.current = index;
  useInput(
    (input, k) => {
      if (isCtrlC(input, k)) return;
      if (k.escape || isBackspace(k)) return onBack?.();
      if (k.upArrow || input === 'k') return setIndex((ref.current = (ref.current - 1 + items.length) % items.length));
      if (k.downArrow || input === 'j') return setIndex((ref.current = (ref.current + 1) % items.length));
      if (input === ' ') {
        const it = items[ref.current];
        if (it) onToggle(it.value);
        return;
      }
      if (k.return) onConfirm();
    },
    { isActive },
  );
  return (
    <Box flexDirection="column">
      {items.map((it, i) => (
        // Marker and box apart from the text, so that a long hint wraps under the label.
        <Box key={it.value}>
          <Box flexShrink={0} width={6}>
            <Text>
              <Text color={i === index ? 'cyan' : undefined}>{i === index ? '❯ ' : '  '}</Text>
              {checked.includes(it.value) ? '[x]' : '[ ]'}
            </Text>
          </Box>
          <Text>
            {it.label}
            {it.hint ? <Text dimColor>{`  ${it.hint}`}</Text> : null}
          </Text>
        </Box>
      ))}
    </Box>
  );
}
