import React from 'react';
import { Text } from 'ink';
import { savedProfiles } from '../copy/saved.js';
import { useWizard } from '../context.js';

/** What the save wrote, once it has (the model step and the last screen). */
export function SavedLine(): React.JSX.Element | null {
  const saved = useWizard((s) => s.data.saved);
  if (!saved) return null;
  return <Text color="green">{`✓ Saved ${savedProfiles(saved)} to ${saved.storePath}`}</Text>;
}
