// A sub-agent's copy of a sign-in whose refresh token the provider has just rejected. Clawdbot
// copies the main agent's store into a sub-agent that has none, and when a sub-agent's refresh
// fails, the gateway takes the main agent's fresh profile of the same id instead ("inherited fresh
// OAuth credentials from main agent"). Copies of a sign-in whose tokens name no account
// (Anthropic's) cannot be proven the same account before a token is spent, so refresh-copies.ts
// does not take them for copies; once the provider has rejected ours, though, the main agent's
// newer sign-in of that id is what the gateway would use, and we use it too rather than telling
// the user to sign in again.
import { AgentStore } from '../store/agent-store.js';
import type { OAuthCredential } from '../store/auth-profiles.js';
import { readAuthStore } from '../store/auth-store.js';
import { type Env, DEFAULT_AGENT_ID } from '../store/paths.js';
import { resolveRealFile } from '../store/real-path.js';
import { reauthRequired } from './health.js';
import { sameAccount } from './refresh-copies.js';

/**
 * The main agent's OAuth profile `profileId` when `agent` is another agent (with a file of its own)
 * and that profile is a later sign-in than ours: same provider, an account that may be ours (the
 * same id, or one of the two names none), another refresh token than the rejected one, not itself
 * known to be rejected. Read without its lock: only our store is written, under our lock.
 */
export async function mainAgentSuccessor(agent: AgentStore, profileId: string, ours: OAuthCredential, rejected: string, env: Env): Promise<OAuthCredential | undefined> {
  if (agent.agentId === DEFAULT_AGENT_ID) return undefined;
  try {
    const main = new AgentStore(DEFAULT_AGENT_ID, env, agent.warn);
    if ((await resolveRealFile(main.storePath)) === (await resolveRealFile(agent.storePath))) return undefined;
    const { store, exists } = await readAuthStore(main.storePath);
    const c = store.profiles[profileId] as OAuthCredential | undefined;
    if (!exists || c?.type !== 'oauth' || c.provider !== ours.provider || !c.refresh) return undefined;
    if (c.refresh === rejected || c.refresh === ours.refresh || !sameAccount(c, ours)) return undefined;
    if (reauthRequired(c, store.usageStats?.[profileId])) return undefined;
    return c;
  } catch {
    return undefined; // a main store that cannot be read offers nothing; doctor reports it
  }
}
