// `clawdbot models auth paste-token --provider P [--profile-id ID] [--expires-in 365d]`:
// store a static token for any provider. A profile holding a different credential is replaced
// only after a yes on a terminal or with --force. The token comes from stdin or a masked prompt.
import { type TokenCredential, openAgentStore } from '../store/index.js';
import { parseSecretInput } from '../util/sanitize.js';
import { parseDuration, formatDuration } from '../util/duration.js';
import { maskSecret } from '../util/mask.js';
import { registerSecret } from '../util/redact.js';
import { readSecret } from './shared/read-secret.js';
import { requireProvider, resolveProfileId } from './shared/profile-flags.js';
import { saveCredentialFromCommand } from './shared/save-credential.js';
import { eprintln, printJson, println } from './shared/output.js';
import { refCredential } from './shared/secret-ref-input.js';
import { describeRef } from '../store/secret-ref.js';

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
  /** Store a reference (`env:NAME`, `<alias>:<id>`) instead of the token; nothing is read from stdin. */
  ref?: string;
}

export async function pasteTokenCommand(opts: PasteTokenOptions): Promise<number> {
  const provider = requireProvider(opts.provider);
  const profileId = resolveProfileId(provider, opts.profileId);
  const expiresMs = opts.expiresIn ? parseDuration(opts.expiresIn, '--expires-in') : undefined;
  if (opts.ref !== undefined) return pasteTokenRef(opts, provider, profileId, expiresMs);
  const token = parseSecretInput(await readSecret(`Paste the ${provider} token (input is hidden): `, 'token'), 'token');
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

async function pasteTokenRef(opts: PasteTokenOptions, provider: string, profileId: string, expiresMs: number | undefined): Promise<number> {
  const store = openAgentStore(opts.agent);
  const { credential, ref, masked } = await refCredential({
    spec: opts.ref!,
    provider,
    type: 'token',
    configPath: store.configPath,
    env: process.env,
    ...(expiresMs !== undefined ? { expires: Date.now() + expiresMs } : {}),
  });
  const { storePath } = await saveCredentialFromCommand(store, { credential, profileId, defaultProfileId: profileId }, { force: opts.force, idFlag: '--profile-id' });
  if (opts.json) {
    printJson({ profileId, provider, type: 'token', ref: describeRef(ref), secretRef: ref, resolves: true, masked, expires: credential.expires ?? null, storePath });
  } else {
    println(`Saved ${profileId} (token as a reference to ${describeRef(ref)}, now ${masked}${expiresMs ? `, expires in ${formatDuration(expiresMs)}` : ''}) to ${storePath}`);
  }
  return 0;
}
