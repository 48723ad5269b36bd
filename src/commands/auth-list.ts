// `clawdbot models auth list [--agent ID] [--json]`: every profile id with its provider, type and
// source, for scripts that need the ids. No secrets, not even masked ones. Reads the store only
// (no env, no network): a corrupt store is an error here, since the ids are what was asked for.
import { openAgentStore, requireKnownAgent } from '../store/index.js';
import { profileSource } from '../auth/report.js';
import { printJson, println } from './shared/output.js';

export interface AuthListOptions {
  agent?: string;
  json?: boolean;
}

export async function authListCommand(opts: AuthListOptions): Promise<number> {
  const store = openAgentStore(await requireKnownAgent(opts.agent));
  const { store: doc } = await store.load();
  const profiles = Object.entries(doc.profiles)
    .map(([profileId, cred]) => ({
      profileId,
      provider: String(cred.provider),
      type: String(cred.type),
      source: profileSource(profileId, cred),
      ...(typeof cred.email === 'string' && cred.email ? { email: cred.email } : {}),
    }))
    .sort((a, b) => a.provider.localeCompare(b.provider) || a.profileId.localeCompare(b.profileId));
  if (opts.json) {
    printJson({ agentId: store.agentId, agentDir: store.agentDir, authStorePath: store.storePath, profiles });
    return 0;
  }
  if (profiles.length === 0) {
    println(`No profiles in agent ${store.agentId} (${store.storePath}). Add one with \`clawdbot onboard\` or \`clawdbot models auth paste-token --provider P\`.`);
    return 0;
  }
  const w = Math.max(...profiles.map((p) => p.profileId.length));
  const wp = Math.max(...profiles.map((p) => p.provider.length));
  for (const p of profiles) println(`${p.profileId.padEnd(w)}  ${p.provider.padEnd(wp)}  ${p.type.padEnd(7)}  ${p.source}`);
  return 0;
}
