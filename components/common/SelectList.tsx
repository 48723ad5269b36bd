// A vertical choice list: ↑/↓ (or k/j, also several typed ahead) move, Enter chooses, Esc or Backspace goes back. Disabled
// items show why and cannot be chosen. No digit hotkeys, so it never fires by accident.
import React, { useEffect, useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { isBackspace, isCtrlC, typedAheadMoves, useKeyBurst } from './keys.js';

export interface SelectItem<V extends string = string> {
  value: V;
  label: string;
  hint?: string | undefined;
  disabled?: boolean | undefined;
}

export interface SelectListProps<V extends string> {
  items: Array<SelectItem<V>>;
  initialValue?: V | undefined;
  isActive?: boolean;
  onSelect(value: V): void;
  onBack?(): void;
  onHighlight?(value: V): void;
}

export function SelectList<V extends string>({ items, initialValue, isActive = true, onSelect, onBack, onHighlight }: SelectListProps<V>): React.JSX.Element {
  const firstEnabled = Math.max(0, items.findIndex((i) => !i.disabled));
  const start = initialValue !== undefined ? items.findIndex((i) => i.value === initialValue && !i.disabled) : -1;
  const [index, setIndex] = useState(start >= 0 ? start : firstEnabled);
  const ref = useRef(index);
  ref.current = index;
  const key = items.map((i) => i.value).join('|');
  useEffect(() => {
    const s = initialValue !== undefined ? items.findIndex((i) => i.value === initialValue && !i.disabled) : -1;
    setIndex(s >= 0 ? s : firstEnabled);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const move = (dir: 1 | -1) => {
    let i = ref.current;
    for (let n = 0; n < items.length; n++) {
      i = (i + dir + items.length) % items.length;
      if (!items[i]!.disabled) break;
    }
    ref.current = i;
    setIndex(i);
    onHighlight?.(items[i]!.value);
  };

  // Back and Enter act once per chunk of keys (a held-down key), see useKeyBurst.
  const burst = useKeyBurst();
  useInput(
    (input, k) => {
      if (isCtrlC(input, k)) return;
      if (k.escape || isBackspace(k)) {
        if (burst.held) return;
        burst.hold();
        return onBack?.();
      }
      if (k.upArrow) return move(-1);
      if (k.downArrow || k.tab) return move(1);
      const moves = typedAheadMoves(input);
      if (moves) return moves.forEach(move);
      if (k.return) {
        const item = items[ref.current];
        if (!item || item.disabled || burst.held) return;
        burst.hold();
        onSelect(item.value);
      }
    },
    { isActive },
  );

  return (
    <Box flexDirection="column">
      {items.map((item, i) => {
        const selected = i === index;
        const dim = item.disabled ? { dimColor: true } : {};
        // The marker and the text are separate boxes so that a hint too long for the terminal
        // (80 columns over SSH) wraps under the label, not back to the marker's column.
        return (
          <Box key={item.value}>
            <Box flexShrink={0} width={2}>
              <Text {...dim} color={selected ? 'cyan' : undefined}>{selected ? '❯' : ' '}</Text>
            </Box>
            <Text {...dim}>
              <Text {...(selected ? { color: 'cyan', bold: true } : {})}>{item.label}</Text>
              {item.hint ? <Text dimColor>{`  ${item.hint}`}</Text> : null}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
