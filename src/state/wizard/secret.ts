// The credential step: a pasted secret checked by its method's validator, or a reference
// resolved once (nothing is saved if it does not resolve; only the reference is kept).
import { GATEWAY_CANNOT_READ_REFS_NOTE } from '../../store/secret-ref.js';
import type { KnownCredential } from '../../store/index.js';
import { registerSecret } from '../../util/redact.js';
import { METHODS, storageProvider, suggestProfileName } from '../../../flows/onboard.js';
import { checkApiKey, apiKeyCredential } from '../../../flows/api-key.js';
import { setupTokenCredential } from '../../oauth/setup-token.js';
import { checkToken, tokenCredential } from '../../../flows/paste-token.js';
import type { WizardCtx } from './context.js';

export function submitSecret(c: WizardCtx, text: string): void {
  const d = c.get().data;
  const provider = storageProvider(d);
  if (!provider || !d.method) return;
  const method = d.method;
  if (METHODS[method].kind === 'ref') return void submitRef(c, text, provider);
  // A setup-token is an Anthropic token: checkToken applies the setup-token rules to it.
  const isToken = METHODS[method].type === 'token';
  const r = isToken ? checkToken(provider, text) : checkApiKey(provider, text);
  if (!r.ok) return c.set({ error: r.error });
  registerSecret(r.value);
  const cred: KnownCredential =
    method === 'setup-token'
      ? setupTokenCredential(r.value, c.deps.now())
      : isToken
        ? tokenCredential(provider, r.value)
        : apiKeyCredential(provider, r.value);
  c.patchData({ credential: cred, warning: r.warning, probe: undefined, profileName: d.profileName ?? suggestProfileName(d) });
  c.set({ note: r.warning });
  c.advance();
}

async function submitRef(c: WizardCtx, text: string, provider: string): Promise<void> {
  const { deps, work } = c;
  const my = work.attempt;
  if (!deps.secretRefs) return c.set({ error: 'References cannot be resolved here; use `clawdbot models auth add --ref`.' });
  c.set({ error: undefined, busy: 'Resolving the reference…' });
  const r = await deps.secretRefs.resolve(text.trim(), 'api_key');
  if (my !== work.attempt || c.get().step !== 'secret') return;
  if (!r.ok) return c.set({ busy: undefined, error: r.error });
  work.refValue = r.value;
  registerSecret(r.value);
  const d = c.get().data;
  const cred: KnownCredential = { type: 'api_key', provider, keyRef: r.ref };
  c.patchData({ credential: cred, warning: GATEWAY_CANNOT_READ_REFS_NOTE, probe: undefined, profileName: d.profileName ?? suggestProfileName(d) });
  c.set({ busy: undefined, note: GATEWAY_CANNOT_READ_REFS_NOTE });
  c.advance();
}
