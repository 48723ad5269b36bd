// `clawdbot models auth paste-token --provider P [--profile-id ID] [--expires-in 365d]`:
// store a static token for any provider. A profile holding a different credential is replaced
// only after a yes on a terminal or with --force. The token comes from stdin or a masked prompt.
import { type TokenCredential, openAgentStore } from '../store/index.js';
import { parseSecretInput } from '../auth/sanitize.js';
import { parseDuration, formatDuration } from '../auth/duration.js';
import { maskSecret } from '../auth/mask.js';
import { registerSecret } from '../auth/redact.js';
import { readSecret } from './read-secret.js';
import { requireProvider, resolveProfileId } from './profile-flags.js';
import { saveCredentialFromCommand } from './save-credential.js';
import { eprintln, printJson, println } from './output.js';

/** Shapes only API keys have; a token command that gets one says so (and saves what it was given). */
function looksLikeApiKey(provider: string, s: string): boolean {
  return /^sk-ant-api\d\d-/.test(s) || /^sk-or-v\d-/.test(s) || /^sk-(proj|svcacct|admin)-/.test(s) || (provider === 'openai' && s.startsWith('sk-'));
}

export interface PasteTokenOptions {
  provider: string;
  profileId?: string;
  expiresIn?: string;
  agent?: string;
  force?: boolean;
  json?: boolean;
}

export async function pasteTokenCommand(opts: PasteTokenOptions): Promise<number> {
  const provider = requireProvider(opts.provider);
  const profileId = resolveProfileId(provider, opts.profileId);
  const expiresMs = opts.expiresIn ? parseDuration(opts.expiresIn, '--expires-in') : undefined;
  const token = parseSecretInput(await readSecret(`Paste the ${provider} token (input is hidden): `), 'token');
  registerSecret(token);
  const credential: TokenCredential = { type: 'token', provider, token };
  if (expiresMs !== undefined) credential.expires = Date.now() + expiresMs;
  const { storePath } = await saveCredentialFromCommand(
    openAgentStore(opts.agent),
    { credential, profileId, defaultProfileId: profileId },
    { force: opts.force, idFlag: '--profile-id' },
  );
  if (opts.json) {
    printJson({ profileId, provider, type: 'token', masked: maskSecret(token), expires: credential.expires ?? null, storePath });
  } else {
    println(
      `Saved ${profileId} (token ${maskSecret(token)}${expiresMs ? `, expires in ${formatDuration(expiresMs)}` : ', no expiry'}) to ${storePath}`,
    );
  }
  // Said after saving, so a failed save is still one line.
  if (looksLikeApiKey(provider, token)) {
    eprintln(
      `clawdbot: note: that looks like an API key; paste-token saves it as a token (${profileId}). ` +
        `For an API key profile use \`clawdbot models auth paste-api-key --provider ${provider}\`.`,
    );
  }
  return 0;
}
