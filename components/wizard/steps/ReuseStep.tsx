// Reuse the login Claude Code or the Codex CLI already has on this host.
import React from 'react';
import { Text } from 'ink';
import { StepFrame } from '../../common/StepFrame.js';
import { SelectList, type SelectItem } from '../../common/SelectList.js';
import { Spinner } from '../../common/Spinner.js';
import { reuseTool } from '../copy/choices.js';
import { describeReuse } from '../copy/reuse.js';
import { useWizard, useWizardStore } from '../context.js';
import { useStepFrame } from '../parts/useStepFrame.js';
import { SELECT_HINTS } from '../parts/hints.js';
import { EscBack } from '../parts/EscBack.js';

export function ReuseStep(): React.JSX.Element {
  const f = useStepFrame('reuse');
  const store = useWizardStore();
  const reuse = useWizard((s) => s.reuse);
  const busy = useWizard((s) => s.busy);
  const now = useWizard((s) => s.now);
  const tool = reuseTool(f.data.method);
  const r = describeReuse(tool, reuse, now);
  const items: Array<SelectItem<'use' | 'back'>> = r.available
    ? [{ value: 'use', label: `Use this ${tool} login` }, { value: 'back', label: 'Choose another way' }]
    : [{ value: 'back', label: 'Choose another way' }];
  return (
    <StepFrame counter={f.counter} title={`${f.title}: ${tool}`} explain={f.explain} error={f.error} hints={SELECT_HINTS}>
      {busy ? (
        <>
          <Spinner label={busy} />
          <EscBack />
        </>
      ) : (
        <Text color={r.available ? 'green' : 'yellow'}>{r.line}</Text>
      )}
      {reuse?.found ? <Text dimColor>{`from ${reuse.path}; clawdbot keeps its own copy as ${f.data.method === 'claude-cli' ? 'anthropic:claude-cli' : 'openai-codex:codex-cli'}`}</Text> : null}
      {!busy ? (
        <SelectList<'use' | 'back'>
          items={items}
          onSelect={(v) => (v === 'use' ? store.getState().confirmReuse() : store.getState().back())}
          onBack={() => store.getState().back()}
        />
      ) : null}
    </StepFrame>
  );
}
