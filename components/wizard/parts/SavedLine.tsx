import React from 'react';
import { Text } from 'ink';
import { useWizard } from '../context.js';

/** What the save wrote, once it has (the model step and the last screen). */
export function SavedLine(): React.JSX.Element | null {
  const saved = useWizard((s) => s.data.saved);
  if (!saved) return null;
  const what = [saved.profileId, ...saved.copied].filter(Boolean).join(', ');
  return <Text color="green">{`✓ Saved ${what} to ${saved.storePath}`}</Text>;
}
