// One-line text entry, optionally masked (secrets): typed and pasted text is cleaned (line breaks
// removed; a paste arrives through Ink's usePaste, which turns on the terminal's bracketed-paste
// mode, so it never submits by itself), Enter submits, Esc or Backspace on an empty field goes
// back. A masked field never renders its value.
import React, { useEffect, useRef, useState } from 'react';
import { Text, useInput, usePaste } from 'ink';
import { applyPasted, applyTyped, isBackspace, isCtrlC, useKeyBurst } from './keys.js';

export interface TextFieldProps {
  initialValue?: string;
  mask?: boolean;
  placeholder?: string;
  isActive?: boolean;
  onSubmit(value: string): void;
  onBack?(): void;
  onChange?(value: string): void;
}

export function maskedView(length: number): string {
  if (length === 0) return '';
  return `${'•'.repeat(Math.min(length, 24))}${length > 24 ? '…' : ''}  (${length} characters, hidden)`;
}

export function TextField({ initialValue = '', mask = false, placeholder, isActive = true, onSubmit, onBack, onChange }: TextFieldProps): React.JSX.Element {
  const [value, setValue] = useState(initialValue);
  const ref = useRef(value);
  ref.current = value;
  useEffect(() => {
    setValue(initialValue);
  }, [initialValue]);

  const update = (v: string) => {
    ref.current = v;
    setValue(v);
    onChange?.(v);
  };
  // A held-down Backspace that empties the field must not then go back a step for each repeat
  // left in the chunk: Backspace goes back once, from a field that was already empty.
  const burst = useKeyBurst();

  useInput(
    (input, key) => {
      if (isCtrlC(input, key)) return; // the wizard's own handler cancels
      if (key.escape) {
        if (burst.held) return;
        burst.hold();
        return onBack?.();
      }
      if (key.return && input.length <= 1) {
        if (burst.held) return;
        burst.hold();
        return onSubmit(ref.current);
      }
      if (isBackspace(key)) {
        if (ref.current.length === 0) {
          if (burst.held) return;
          burst.hold();
          return onBack?.();
        }
        if (ref.current.length === 1) burst.hold();
        return update(ref.current.slice(0, -1));
      }
      if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.tab || key.ctrl || key.meta) return;
      const next = applyTyped(ref.current, input);
      if (next !== ref.current) update(next);
    },
    { isActive },
  );
  usePaste(
    (text) => {
      const next = applyPasted(ref.current, text);
      if (next !== ref.current) update(next);
    },
    { isActive },
  );

  if (!value) return <Text>{'› '}<Text dimColor>{placeholder ?? ''}</Text>{isActive ? <Text inverse> </Text> : null}</Text>;
  return (
    <Text>
      {'› '}
      {mask ? maskedView(value.length) : value}
      {isActive ? <Text inverse> </Text> : null}
    </Text>
  );
}
