// How this host will authenticate; a reuse method is disabled (with its reason) when there is no login to reuse.
import React from 'react';
import { StepFrame } from '../../common/StepFrame.js';
import { SelectList, type SelectItem } from '../../common/SelectList.js';
import { methodsFor, type MethodId } from '../../../src/state/wizard/index.js';
import { METHOD_TEXT, reuseTool } from '../copy/choices.js';
import { describeReuse } from '../copy/reuse.js';
import { useWizard, useWizardStore } from '../context.js';
import { useStepFrame } from '../parts/useStepFrame.js';
import { SELECT_HINTS, hintsFor } from '../parts/hints.js';

export function MethodStep(): React.JSX.Element {
  const f = useStepFrame('method');
  const store = useWizardStore();
  const detected = useWizard((s) => s.detected);
  const now = useWizard((s) => s.now);
  const items: Array<SelectItem<MethodId>> = methodsFor(f.data.provider).map((id) => {
    const m = METHOD_TEXT[id];
    if (id === 'claude-cli' || id === 'codex-cli') {
      const read = id === 'claude-cli' ? detected.claude : detected.codex;
      const r = describeReuse(reuseTool(id), read, now);
      return { value: id, label: m.label, hint: r.hint, disabled: read !== undefined && !r.available };
    }
    return { value: id, label: m.label, hint: m.description };
  });
  // The provider chosen, not where the credential will be stored: that depends on the method
  // (ChatGPT sign-in is stored as openai-codex), and the title must not change on coming back.
  const provider = f.data.provider === 'other' ? (f.data.otherProvider ?? '') : (f.data.provider ?? '');
  return (
    <StepFrame counter={f.counter} title={`${f.title}${provider ? ` (${provider})` : ''}`} explain={f.explain} error={f.error} hints={hintsFor(SELECT_HINTS, f.canGoBack)}>
      <SelectList<MethodId> items={items} initialValue={f.data.method} onSelect={(m) => store.getState().selectMethod(m)} onBack={() => store.getState().back()} />
    </StepFrame>
  );
}
