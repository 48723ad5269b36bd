// Every step the machine knows has a component, words and an effect entry: checked by the type
// checker (`npm test` runs tsc first; the @ts-expect-error lines fail it if the tables' types ever
// stop requiring every id) and at run time (each step id rendered on its own shows its title).
import { type InkUi, renderInk } from '../helpers/ink-ui.js'; // first: CI must be gone before Ink loads
import React from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Wizard } from '../../components/wizard/Wizard.js';
import { STEP_COMPONENTS, type StepComponents } from '../../components/wizard/steps/index.js';
import { STEP_TEXT } from '../../components/wizard/copy/steps.js';
import { STEP_EFFECTS, type StepEffects } from '../../src/state/wizard/effects.js';
import { STEP_IDS, createWizardStore, type StepId } from '../../src/state/wizard/index.js';
import { fakeDeps } from '../helpers/wizard-fakes.js';
import { makeTempState, type TempState } from '../helpers/store-cli.js';

// A step id without a component, words or effect entry does not type-check.
const { done: _noComponent, ...componentsWithoutDone } = STEP_COMPONENTS;
// @ts-expect-error 'done' is missing
const incompleteComponents: StepComponents = componentsWithoutDone;
const { check: _noEffect, ...effectsWithoutCheck } = STEP_EFFECTS;
// @ts-expect-error 'check' is missing
const incompleteEffects: StepEffects = effectsWithoutCheck;
const { model: _noText, ...textWithoutModel } = STEP_TEXT;
// @ts-expect-error 'model' is missing
const incompleteText: typeof STEP_TEXT = textWithoutModel;
void [incompleteComponents, incompleteEffects, incompleteText];

let t: TempState;
let app: InkUi | undefined;
beforeEach(async () => {
  t = await makeTempState('cb-c-registry-');
});
afterEach(async () => {
  app?.unmount();
  app = undefined;
  await t.cleanup();
});

describe('wizard step registry', () => {
  it('the component, text and effect tables hold exactly the machine\'s step ids', () => {
    const ids = [...STEP_IDS].sort();
    expect(Object.keys(STEP_COMPONENTS).sort()).toEqual(ids);
    expect(Object.keys(STEP_TEXT).sort()).toEqual(ids);
    expect(Object.keys(STEP_EFFECTS).sort()).toEqual(ids);
  });

  it.each(STEP_IDS.map((id) => [id]))('step "%s" renders its own screen', async (step: StepId) => {
    const store = createWizardStore(fakeDeps(t));
    // Straight to the step, without entering it: what is checked is the component, not the effect.
    store.setState({ ready: true, step, data: { ...store.getState().data, provider: 'anthropic', method: 'anthropic-api-key' } });
    app = renderInk(<Wizard store={store} />);
    const expected = step === 'done' ? 'Next:' : STEP_TEXT[step].title;
    const frame = await app.waitFrame(expected);
    expect(frame).toContain('clawdbot onboard · agent main');
  });
});
