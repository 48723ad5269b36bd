// Each step's title and one-line explanation, shown by the step frame. Keyed by every step id:
// a new step is a type error here until it has its words.
import type { StepId } from '../../../src/state/wizard/index.js';

export const STEP_TEXT: Readonly<Record<StepId, { title: string; explain: string }>> = {
  copy: { title: 'Copy profiles from main', explain: 'This agent is new. Choose which of main\'s credentials it may use too (none is fine).' },
  provider: { title: 'Provider', explain: 'Which model provider do you want to set up credentials for?' },
  'other-provider': { title: 'Provider id', explain: 'Type the provider id as your models name it, e.g. openrouter, groq, xai.' },
  method: { title: 'How to sign in', explain: 'Choose how this host will authenticate.' },
  secret: { title: 'Credential', explain: 'Paste it here; it stays masked and is only saved at the end.' },
  expiry: { title: 'Expiry', explain: 'When does this token stop working? Status and doctor warn a day before. Leave it empty if it never expires.' },
  signin: { title: 'Sign in', explain: 'Finish the sign-in in a browser; this step continues by itself.' },
  device: { title: 'Device code', explain: 'Finish the sign-in on another device; this step continues by itself.' },
  reuse: { title: 'Reuse login', explain: 'Use a login another tool on this host already has.' },
  name: { title: 'Profile name', explain: 'A name to tell this credential apart from others of the same provider.' },
  overwrite: { title: 'Profile exists', explain: 'A profile with this name already exists.' },
  position: { title: 'Order', explain: 'When several profiles exist, requests try them in order.' },
  check: { title: 'Live check', explain: 'A small request with this credential, to catch a bad paste before saving.' },
  summary: { title: 'Summary', explain: 'Nothing has been written yet. Check and save.' },
  saving: { title: 'Saving', explain: 'Writing the credential store.' },
  model: { title: 'Default model', explain: 'The model the agent uses by default; its provider needs a working credential.' },
  'model-custom': { title: 'Default model', explain: 'Type a model id as provider/model, e.g. openrouter/anthropic/claude-sonnet-4.5.' },
  done: { title: 'Done', explain: '' },
};
