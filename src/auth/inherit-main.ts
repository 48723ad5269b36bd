// A copy of a sign-in in another agent's store whose refresh token the provider has rejected
// (another program spent it; the copy elsewhere holds the successor). Clawdbot copies the main
// agent's store into a sub-agent that has none, and when a sub-agent's refresh fails, the gateway
// takes the main agent's fresh profile of the same id instead ("inherited fresh OAuth credentials
// from main agent"). Copies of a sign-in whose tokens name no account (Anthropic's) cannot be
// proven the same account before a token is spent, so refresh-copies.ts does not take them for
// copies. Once the provider has rejected ours:
// - a sub-agent takes the main agent's newer sign-in of that id, as the gateway would;
// - any other direction (main from a sub-agent, one sub-agent from another) only on request
//   (`models auth refresh --from-agent`): nothing proves the account, and the gateway does not
//   either; the error names the agent and the command.
import { AgentStore } from '../store/agent-store.js';
import type { AuthProfileStore, OAuthCredential } from '../store/auth-profiles.js';
import { readAuthStore } from '../store/auth-store.js';
import { type Env, DEFAULT_AGENT_ID } from '../store/paths.js';
import { resolveRealFile } from '../store/real-path.js';
import { reauthRequired } from './health.js';
import { agentIds, sameAccount } from './refresh-copies.js';

/**
 * The profile `profileId` of `doc` when it is another sign-in than ours that may be of our
 * account: OAuth, same provider, a refresh token other than ours and the rejected one, an account
 * id that does not say otherwise, not itself known to be rejected.
 */
export function signInSuccessor(doc: AuthProfileStore, profileId: string, ours: OAuthCredential, rejected: string): OAuthCredential | undefined {
  const c = doc.profiles[profileId] as OAuthCredential | undefined;
  if (c?.type !== 'oauth' || c.provider !== ours.provider || !c.refresh) return undefined;
  if (c.refresh === rejected || c.refresh === ours.refresh || !sameAccount(c, ours)) return undefined;
  if (reauthRequired(c, doc.usageStats?.[profileId])) return undefined;
  return c;
}

/** Agent `agentId`'s store, unless it is `agent`'s own file (through a symlink). Read without its lock. */
async function otherStore(agent: AgentStore, agentId: string, env: Env): Promise<AuthProfileStore | undefined> {
  const other = new AgentStore(agentId, env, agent.warn);
  if ((await resolveRealFile(other.storePath)) === (await resolveRealFile(agent.storePath))) return undefined;
  const { store, exists } = await readAuthStore(other.storePath);
  return exists ? store : undefined;
}

/**
 * The main agent's store when `agent` is a sub-agent with a file of its own; undefined for the
 * main agent, a sub-agent sharing main's file, or a main store that cannot be read (doctor reports
 * that).
 */
export async function mainStoreOf(agent: AgentStore, env: Env): Promise<AuthProfileStore | undefined> {
  if (agent.agentId === DEFAULT_AGENT_ID) return undefined;
  return otherStore(agent, DEFAULT_AGENT_ID, env).catch(() => undefined);
}

/**
 * The main agent's sign-in of `profileId` when `agent` is a sub-agent with a file of its own and
 * the main agent holds a successor of ours (signInSuccessor). Only our store is written, under our
 * lock.
 */
export async function mainAgentSuccessor(agent: AgentStore, profileId: string, ours: OAuthCredential, rejected: string, env: Env): Promise<OAuthCredential | undefined> {
  const main = await mainStoreOf(agent, env);
  return main ? signInSuccessor(main, profileId, ours, rejected) : undefined;
}

/** The fix of a sub-agent's rejected copy that the main agent holds a successor of. */
export function takeMainSignInFix(profileId: string, agentId: string): string {
  return `clawdbot models auth refresh --profile ${profileId} --agent ${agentId} (takes the main agent's newer sign-in)`;
}

/**
 * Another agent holding a successor of our sign-in of `profileId` (the one that lives longest),
 * for the error of a rejected refresh to name: taking it is the user's call (`--from-agent`).
 */
export async function signInElsewhere(agent: AgentStore, profileId: string, ours: OAuthCredential, env: Env): Promise<string | undefined> {
  let best: { agentId: string; expires: number } | undefined;
  for (const id of await agentIds(env)) {
    if (id === agent.agentId) continue;
    try {
      const doc = await otherStore(agent, id, env);
      const c = doc && signInSuccessor(doc, profileId, ours, ours.refresh);
      if (c && (!best || (c.expires ?? 0) > best.expires)) best = { agentId: id, expires: c.expires ?? 0 };
    } catch {
      continue; // not an agent id, or a store that cannot be read
    }
  }
  return best?.agentId;
}

/**
 * Agent `sourceAgentId`'s sign-in of `profileId`, for `agent` to take on request. Throws one line
 * when there is none to take or it is provably another account.
 */
export async function signInToTake(agent: AgentStore, sourceAgentId: string, profileId: string, ours: OAuthCredential, env: Env): Promise<OAuthCredential> {
  const doc = await otherStore(agent, sourceAgentId, env);
  if (!doc) throw new Error(`agent ${sourceAgentId} has no store of its own to take "${profileId}" from (it is this agent's store, or it has none)`);
  const c = doc.profiles[profileId] as OAuthCredential | undefined;
  if (c?.type !== 'oauth' || c.provider !== ours.provider || !c.refresh) {
    throw new Error(`agent ${sourceAgentId} has no ${ours.provider} OAuth sign-in under "${profileId}"`);
  }
  if (!sameAccount(c, ours)) throw new Error(`agent ${sourceAgentId}'s "${profileId}" is another account (${c.accountId}, not ${ours.accountId}); not taking it`);
  if (c.refresh === ours.refresh) throw new Error(`agent ${sourceAgentId}'s "${profileId}" is the same sign-in as this one already`);
  if (reauthRequired(c, doc.usageStats?.[profileId])) throw new Error(`the provider rejected agent ${sourceAgentId}'s "${profileId}" too; sign in again`);
  return c;
}
