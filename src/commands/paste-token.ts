// `clawdbot models auth paste-token --provider P [--profile-id ID] [--expires-in 365d]`:
// store a static token for any provider. The token comes from stdin or a masked prompt.
import {
  type TokenCredential,
  UsageError,
  isValidProfileId,
  isValidProviderId,
  normalizeProviderId,
  openAgentStore,
  setProfile,
  updateConfig,
  readConfig,
} from '../store/index.js';
import { parseSecretInput } from '../auth/sanitize.js';
import { parseDuration, formatDuration } from '../auth/duration.js';
import { maskSecret } from '../auth/mask.js';
import { registerSecret } from '../auth/redact.js';
import { readSecret } from './read-secret.js';
import { printJson, println } from './output.js';

export interface PasteTokenOptions {
  provider: string;
  profileId?: string;
  expiresIn?: string;
  agent?: string;
  json?: boolean;
}

export function requireProvider(raw: string | undefined): string {
  const provider = normalizeProviderId(raw ?? '');
  if (!provider) throw new UsageError('Missing --provider: name the provider, e.g. --provider anthropic.');
  if (!isValidProviderId(provider)) {
    throw new UsageError(`Invalid provider "${raw}": use lower-case letters, digits, ".", "-" or "_" (e.g. anthropic, openrouter).`);
  }
  return provider;
}

export function resolveProfileId(provider: string, raw: string | undefined, fallbackName = 'manual'): string {
  const id = raw?.trim() || `${provider}:${fallbackName}`;
  if (!isValidProfileId(id)) throw new UsageError(`Invalid profile id "${raw}": use <provider>:<name>, e.g. ${provider}:work.`);
  if (!id.startsWith(`${provider}:`)) throw new UsageError(`Profile id "${id}" must start with "${provider}:" to match --provider ${provider}.`);
  return id;
}

/** Write a token profile and record its mode in the config, as Clawdbot does. */
export async function saveTokenProfile(opts: { agent?: string; profileId: string; credential: TokenCredential }): Promise<{ storePath: string }> {
  const store = openAgentStore(opts.agent);
  // Both files are written; check the config can be read first, so a broken config never leaves
  // the store changed and the command reporting failure.
  await readConfig(store.configPath);
  await store.update((doc) => {
    setProfile(doc, opts.profileId, opts.credential);
    return true;
  });
  await updateConfig(store.configPath, (cfg) => {
    cfg.auth ??= {};
    cfg.auth.profiles ??= {};
    const prev = cfg.auth.profiles[opts.profileId];
    // "oauth" mode accepts tokens too (anthropic:claude-cli); otherwise the mode follows the type.
    const mode = prev?.mode === 'oauth' ? 'oauth' : 'token';
    cfg.auth.profiles[opts.profileId] = { ...(prev ?? {}), provider: opts.credential.provider, mode };
  });
  return { storePath: store.storePath };
}

export async function pasteTokenCommand(opts: PasteTokenOptions): Promise<number> {
  const provider = requireProvider(opts.provider);
  const profileId = resolveProfileId(provider, opts.profileId);
  const expiresMs = opts.expiresIn ? parseDuration(opts.expiresIn, '--expires-in') : undefined;
  const token = parseSecretInput(await readSecret(`Paste the ${provider} token (input is hidden): `), 'token');
  registerSecret(token);
  const credential: TokenCredential = { type: 'token', provider, token };
  if (expiresMs !== undefined) credential.expires = Date.now() + expiresMs;
  const { storePath } = await saveTokenProfile({ agent: opts.agent, profileId, credential });
  if (opts.json) {
    printJson({ profileId, provider, type: 'token', masked: maskSecret(token), expires: credential.expires ?? null, storePath });
  } else {
    println(
      `Saved ${profileId} (token ${maskSecret(token)}${expiresMs ? `, expires in ${formatDuration(expiresMs)}` : ', no expiry'}) to ${storePath}`,
    );
  }
  return 0;
}
