// A TextField that never shows what was typed: for API keys, tokens and pasted redirect URLs.
import React from 'react';
import { TextField, type TextFieldProps } from './TextField.js';

export function MaskedInput(props: Omit<TextFieldProps, 'mask'>): React.JSX.Element {
  return <TextField {...props} mask />;
}
