import React from 'react';
import { SelectList } from '../../common/SelectList.js';
import { useWizardStore } from '../context.js';

/** One choice that goes back a step (Enter or Esc): after a failed sign-in, a failed save. */
export function BackChoice({ label }: { label: string }): React.JSX.Element {
  const store = useWizardStore();
  return <SelectList<'back'> items={[{ value: 'back', label }]} onSelect={() => store.getState().back()} onBack={() => store.getState().back()} />;
}
