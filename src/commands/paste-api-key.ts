// `clawdbot models auth paste-api-key --provider P [--profile-id ID]`: store an API key AS an API
// key (type api_key) for any provider, read from stdin or a hidden prompt, never argv. The key
// gets the same checks as in the wizard and onboard (flows/api-key.ts).
import { UsageError, openAgentStore } from '../store/index.js';
import { maskSecret } from '../util/mask.js';
import { registerSecret } from '../util/redact.js';
import { apiKeyCredential, checkApiKey } from '../../flows/api-key.js';
import { readSecret } from './shared/read-secret.js';
import { requireProvider, resolveProfileId } from './shared/profile-flags.js';
import { saveCredentialFromCommand } from './shared/save-credential.js';
import { eprintln, printJson, println } from './shared/output.js';

export interface PasteApiKeyOptions {
  provider: string;
  profileId?: string;
  agent?: string;
  force?: boolean;
  json?: boolean;
}

export async function pasteApiKeyCommand(opts: PasteApiKeyOptions): Promise<number> {
  const provider = requireProvider(opts.provider);
  const profileId = resolveProfileId(provider, opts.profileId, 'default');
  const raw = await readSecret(`Paste the ${provider} API key (input is hidden): `, 'API key');
  const checked = checkApiKey(provider, raw);
  if (!checked.ok) throw new UsageError(checked.error);
  registerSecret(checked.value);
  if (checked.warning) eprintln(`clawdbot: warning: ${checked.warning}`);
  const { storePath } = await saveCredentialFromCommand(
    openAgentStore(opts.agent),
    { credential: apiKeyCredential(provider, checked.value), profileId, defaultProfileId: profileId },
    { force: opts.force, idFlag: '--profile-id' },
  );
  if (opts.json) printJson({ profileId, provider, type: 'api_key', masked: maskSecret(checked.value), storePath });
  else println(`Saved ${profileId} (api_key ${maskSecret(checked.value)}) to ${storePath}`);
  return 0;
}
