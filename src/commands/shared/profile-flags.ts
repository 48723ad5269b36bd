// The --provider and --profile-id flags, checked the same way by every command that takes them.
import { UsageError, isValidProfileId, isValidProviderId, normalizeProviderId } from '../../store/index.js';

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
