// Two profiles holding one refresh token: providers rotate refresh tokens, so whichever program
// refreshes first (this one, a Clawdbot gateway, Claude Code, the Codex CLI) spends it and the
// other copy is logged out. Found in one agent's store and across agents' stores; a store that
// several agents share through a symlink is one store, not a duplicate.
import fsp from 'node:fs/promises';
import { AgentStore, type ClawdbotConfig, type Env, agentFlag, listAgentIds, readAuthStore } from '../store/index.js';
import { type ExternalCliId, externalLoginPolicy } from '../auth/external-logins.js';
import type { Finding } from './types.js';

const MIRRORS: Record<string, ExternalCliId> = { 'anthropic:claude-cli': 'claude-cli', 'openai-codex:codex-cli': 'codex-cli' };

interface Holder {
  agents: string[];
  profileId: string;
}

/** The copy to keep: a vendor CLI's mirror id (its login is written back there), else the first id. */
function keeperOf(holders: Holder[]): Holder {
  return holders.find((h) => MIRRORS[h.profileId]) ?? [...holders].sort((a, b) => a.profileId.localeCompare(b.profileId))[0]!;
}

function label(h: Holder): string {
  return `${h.profileId} (agent ${h.agents.join('/')})`;
}

/**
 * One finding per refresh token held twice where at least one holder is `agentId`'s store. The
 * mirror of a vendor CLI's login in several agents that `auth.externalLogins` lists is not one:
 * the sync keeps each copy in step with the CLI's file.
 */
export async function sharedRefreshTokenFindings(agentId: string, env: Env, config: ClawdbotConfig): Promise<Finding[]> {
  const byFile = new Map<string, { agents: string[]; path: string }>();
  for (const id of await listAgentIds(env)) {
    const storePath = new AgentStore(id, env).storePath;
    let real: string;
    try {
      real = await fsp.realpath(storePath);
    } catch {
      continue; // no store
    }
    const entry = byFile.get(real) ?? { agents: [], path: storePath };
    entry.agents.push(id);
    byFile.set(real, entry);
  }
  const holders = new Map<string, Holder[]>();
  for (const { agents, path } of byFile.values()) {
    let profiles;
    try {
      profiles = (await readAuthStore(path)).store.profiles;
    } catch {
      continue; // a corrupt store is reported on its own
    }
    for (const [profileId, c] of Object.entries(profiles)) {
      if (c.type !== 'oauth' || typeof c.refresh !== 'string' || !c.refresh) continue;
      const list = holders.get(c.refresh) ?? [];
      list.push({ agents, profileId });
      holders.set(c.refresh, list);
    }
  }
  const findings: Finding[] = [];
  for (const list of holders.values()) {
    if (list.length < 2 || !list.some((h) => h.agents.includes(agentId))) continue;
    const cli = MIRRORS[list[0]!.profileId];
    const syncedMirror =
      cli && list.every((h) => h.profileId === list[0]!.profileId && h.agents.every((a) => externalLoginPolicy(config, cli, a).imports));
    if (syncedMirror) continue;
    const keep = keeperOf(list);
    const drop = list.find((h) => h !== keep && h.agents.includes(agentId)) ?? list.find((h) => h !== keep)!;
    findings.push({
      id: 'credential.shared-refresh-token',
      severity: 'warning',
      subject: drop.profileId,
      message:
        `${list.map(label).join(' and ')} hold the same refresh token: refreshing one spends it and logs the other out ` +
        `(and the vendor CLI, for a reused login)`,
      fix: `clawdbot models auth remove ${drop.profileId}${agentFlag(drop.agents[0]!)} --yes (keeps ${label(keep)}; sign in again for a separate login)`,
    });
  }
  return findings;
}
