// What every step's frame shows, read from the wizard store: "Step n of m", the step's title and
// explanation, its inline error and note, and whether there is a step to go back to.
import { stepCounter, type StepId } from '../../../src/state/wizard/index.js';
import { STEP_TEXT } from '../copy/steps.js';
import { useWizard } from '../context.js';

export function useStepFrame(step: StepId) {
  const data = useWizard((s) => s.data);
  const error = useWizard((s) => s.error);
  const note = useWizard((s) => s.note);
  const history = useWizard((s) => s.history);
  const counter = stepCounter(data, step);
  const { title, explain } = STEP_TEXT[step];
  return { data, error, note, counter, title, explain, canGoBack: history.length > 0 };
}
