// The last screen: what was saved, the default model, and what to run next. No frame: nothing left to do here.
import React from 'react';
import { Box, Text } from 'ink';
import { nextCommands } from '../copy/next.js';
import { useWizard } from '../context.js';
import { SavedLine } from '../parts/SavedLine.js';

export function DoneStep(): React.JSX.Element {
  const data = useWizard((s) => s.data);
  return (
    <Box flexDirection="column">
      <SavedLine />
      {!data.saved ? <Text>Nothing was set up; no file was changed.</Text> : null}
      {data.model ? <Text>{`Default model: ${data.model}`}</Text> : null}
      {data.model && data.modelProviderHasCredential === false ? (
        <Text color="yellow">{`! ${data.model.split('/')[0]} has no credential yet: run \`clawdbot onboard\` again for it, or requests with this model will fail.`}</Text>
      ) : null}
      <Box flexDirection="column" marginTop={1}>
        <Text bold>Next:</Text>
        {nextCommands(data).map((c) => (
          <Text key={c}>{`  ${c}`}</Text>
        ))}
      </Box>
    </Box>
  );
}
