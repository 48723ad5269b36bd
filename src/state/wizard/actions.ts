// What the user does on each step, as store actions. Each one belongs to a step and does nothing
// when called on another (a key that arrives after the step changed).
import { errorMessage, registerSecret } from '../../util/redact.js';
import { parseDuration } from '../../util/duration.js';
import {
  type StepId,
  CUSTOM_MODEL,
  KEEP_MODEL,
  METHODS,
  checkModelId,
  checkOtherProvider,
  checkProfileName,
  credentialSecret,
  profileIdOf,
  reentersCredential,
  suggestProfileName,
} from '../../../flows/onboard.js';
import type { CodexLoginSession } from '../../../flows/types.js';
import type { WizardCtx } from './context.js';
import type { WizardActions } from './types.js';
import { draftForStep } from './navigation.js';
import { loadWizard } from './load.js';
import { submitSecret } from './secret.js';
import { chooseModel } from './model.js';

export function wizardActions(c: WizardCtx): WizardActions {
  const { deps, work, get, set, patchData } = c;
  return {
    init: () => loadWizard(c),

    toggleCopy(id) {
      const d = get().data;
      patchData({ copy: d.copy.includes(id) ? d.copy.filter((x) => x !== id) : [...d.copy, id] });
    },
    confirmCopy() {
      if (get().step === 'copy') c.advance();
    },

    selectProvider(p) {
      if (get().step !== 'provider') return;
      const d = get().data;
      if (d.provider !== p) patchData({ provider: p, method: undefined, credential: undefined, profileName: undefined, probe: undefined, replaceConfirmed: false });
      c.advance();
    },

    submitOtherProvider(text) {
      const r = checkOtherProvider(text);
      if (!r.ok) return set({ error: r.error, draft: text });
      const d = get().data;
      if (d.otherProvider !== r.provider) patchData({ otherProvider: r.provider, method: undefined, credential: undefined, profileName: undefined });
      if (deps.onlyProvider === 'other' && !d.provider) patchData({ provider: 'other' });
      c.advance();
    },

    selectMethod(m) {
      if (get().step !== 'method') return;
      const d = get().data;
      if (d.method !== m) patchData({ method: m, credential: undefined, profileName: undefined, probe: undefined, replaceConfirmed: false, warning: undefined });
      c.advance();
    },

    submitSecret: (text) => submitSecret(c, text),

    submitExpiry(text) {
      const d = get().data;
      if (get().step !== 'expiry' || d.credential?.type !== 'token') return;
      const typed = text.trim();
      const { expires: _old, ...rest } = d.credential;
      let credential = rest as typeof d.credential;
      if (typed) {
        try {
          credential = { ...rest, expires: deps.now() + parseDuration(typed, 'expiry') };
        } catch (err) {
          return set({ error: errorMessage(err), draft: text });
        }
      }
      patchData({ credential, tokenExpiresIn: typed });
      c.advance();
    },

    confirmReuse() {
      const s = get();
      if (s.step !== 'reuse' || !s.reuse) return;
      if (!s.reuse.found) return set({ error: `${s.reuse.reason} Press Esc to choose another way.` });
      const cred = s.reuse.credential;
      registerSecret(credentialSecret(cred));
      if (cred.type === 'oauth') registerSecret(cred.refresh);
      // Its fixed id is the CLI's mirror: replacing an older copy there is what the sync does too.
      patchData({ credential: cred, profileName: METHODS[s.data.method!].name, probe: undefined, replaceConfirmed: true });
      c.advance();
    },

    async submitPaste(text) {
      if (get().step !== 'signin' || !work.session) return;
      const cur = work.session as CodexLoginSession;
      const clean = text.trim(); // the field already took line breaks out of a paste
      if (!clean) return set({ error: 'Paste the URL your browser ended on (or the code), then press Enter.' });
      set({ error: undefined, busy: 'Exchanging the code…' });
      try {
        await cur.submitPaste(clean);
      } catch (err) {
        if (get().step === 'signin') set({ error: errorMessage(err), busy: 'Waiting for the sign-in…' });
      }
    },

    submitName(text) {
      const d = get().data;
      const r = checkProfileName(d, text);
      if (!r.ok) return set({ error: r.error, draft: text });
      if (r.name !== d.profileName) patchData({ profileName: r.name, replaceConfirmed: false });
      c.advance();
    },

    confirmOverwrite(choice) {
      if (get().step !== 'overwrite') return;
      if (choice === 'replace') {
        patchData({ replaceConfirmed: true, replaceAsked: profileIdOf(get().data) });
        c.advance();
      } else {
        const d = get().data;
        patchData({ profileName: suggestProfileName({ ...d, profileName: undefined }, `${METHODS[d.method!].name}`) });
        c.go('name', { push: false });
      }
    },

    selectPlacement(p) {
      if (get().step !== 'position') return;
      patchData({ placement: p });
      c.advance();
    },

    checkDecision(choice) {
      const s = get();
      if (s.step !== 'check') return;
      if (choice === 'cancel') return get().cancel();
      if (choice === 'save') {
        if (!s.data.probe) patchData({ probe: { status: 'unknown', error: 'check skipped', latencyMs: 0 } });
        return c.advance();
      }
      // Fix: back to where the credential came from, to enter it again (the field starts empty).
      const reentered = reentersCredential(s.data);
      if (reentered) patchData({ credential: undefined });
      const target: StepId = reentered ? 'secret' : 'method';
      const i = s.history.lastIndexOf(target);
      work.stop();
      set({ step: target, history: i >= 0 ? s.history.slice(0, i) : s.history, error: undefined, busy: undefined, draft: '' });
      c.enter(target);
    },

    async save() {
      if (get().step !== 'summary') return;
      c.go('saving');
    },

    async selectModel(value) {
      if (get().step !== 'model') return;
      if (value === CUSTOM_MODEL) return c.go('model-custom');
      try {
        await chooseModel(c, value === KEEP_MODEL ? undefined : value);
      } catch (err) {
        set({ busy: undefined, error: errorMessage(err) });
      }
    },

    async submitModel(text) {
      if (get().step !== 'model-custom') return;
      const r = checkModelId(text);
      if (!r.ok) return set({ error: r.error, draft: text });
      try {
        await chooseModel(c, r.model);
      } catch (err) {
        set({ busy: undefined, error: errorMessage(err), draft: text });
      }
    },

    back() {
      const s = get();
      if ((s.step === 'saving' && !s.error) || s.step === 'done' || s.outcome) return;
      // Once saved there is no going back past the save.
      if (s.step === 'model') return;
      const history = [...s.history];
      const prev = history.pop();
      if (!prev) return;
      work.stop();
      set({ step: prev, history, error: undefined, busy: undefined, note: undefined, draft: draftForStep(prev, s.data), now: deps.now() });
      c.enter(prev);
    },

    cancel() {
      // A save in flight is finished (it is one short locked write), then the wizard stops: the
      // final message must say truthfully what is on disk.
      if (get().step === 'saving' && !get().error) {
        work.cancelAfterSave = true;
        return;
      }
      work.stop();
      set({ outcome: 'cancelled', busy: undefined });
    },

    finish() {
      work.stop();
      set({ outcome: 'done' });
    },
  };
}
