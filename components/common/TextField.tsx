// One-line text entry, optionally masked (secrets): typed and pasted text is cleaned (line breaks
// and bracketed-paste markers removed; a paste never submits by itself), Enter submits, Esc or
// Backspace on an empty field goes back. A masked field never renders its value.
import React, { useEffect, useRef, useState } from 'react';
import { Text, useInput } from 'ink';
import { applyTyped, isBackspace, isCtrlC } from './keys.js';

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

  useInput(
    (input, key) => {
      if (isCtrlC(input, key)) return; // the wizard's own handler cancels
      if (key.escape) return onBack?.();
      if (key.return && input.length <= 1) return onSubmit(ref.current);
      if (isBackspace(key)) {
        if (ref.current.length === 0) return onBack?.();
        return update(ref.current.slice(0, -1));
      }
      if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.tab || key.ctrl || key.meta) return;
      const next = applyTyped(ref.current, input);
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
