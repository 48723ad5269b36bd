// The `usage` part of `channels list`: Clawdbot's summary shape `{updatedAt, providers: [...]}`, one
// entry per profile that has a usage endpoint (each with its `profileId`), and the text lines.
import { usageJson } from '../auth/status-json.js';
import { usageLine } from './format.js';
import { fetchStoreUsage } from './store-usage.js';

export async function fetchUsageSummary(storePath: string, profileIds: string[]) {
  const now = Date.now();
  const usage = await fetchStoreUsage({ storePath, profileIds, now });
  const shown = [...usage.values()].filter((u) => u.status !== 'unsupported');
  return {
    json: { updatedAt: now, providers: shown.map((u) => ({ profileId: u.profileId, ...usageJson(u) })) },
    lines: new Map(shown.map((u) => [u.profileId, usageLine(u, now)])),
  };
}
