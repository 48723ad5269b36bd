// `clawdbot agents add ID [--copy-from main --profile ID...]` and `agents list [--json]`.
// A new agent starts with an empty store: it does not inherit main's secrets unless the user
// copies chosen profiles.
import fsp from 'node:fs/promises';
import {
  requireKnownAgent,
  DEFAULT_AGENT_ID,
  UsageError,
  normalizeAgentId,
  openAgentStore,
  readConfig,
  setProfile,
  updateConfig,
  ensurePrivateDir,
  ClawdbotError,
  NO_CHANGE,
  type AuthProfileStore,
  listAgentIds,
  noSuchProfile,
} from '../store/index.js';
import { errorMessage } from '../util/redact.js';
import { printJson, println } from './shared/output.js';

export interface AgentSummary {
  agentId: string;
  agentDir: string;
  storePath: string;
  profiles: number | null;
  providers: string[];
  error?: string;
}

export async function summarizeAgent(agentId: string): Promise<AgentSummary> {
  const store = openAgentStore(agentId);
  const base = { agentId: store.agentId, agentDir: store.agentDir, storePath: store.storePath };
  try {
    const { store: doc } = await store.load();
    const providers = [...new Set(Object.values(doc.profiles).map((c) => c.provider))].sort();
    return { ...base, profiles: Object.keys(doc.profiles).length, providers };
  } catch (err) {
    return { ...base, profiles: null, providers: [], error: errorMessage(err) };
  }
}

export async function agentsListCommand(opts: { agent?: string; json?: boolean }): Promise<number> {
  // `--agent` is taken by every command; here it narrows the list to that one agent.
  const ids = opts.agent !== undefined ? [await requireKnownAgent(opts.agent)] : await listAgentIds();
  const agents = await Promise.all(ids.map(summarizeAgent));
  if (opts.json) {
    printJson({ agents });
    return 0;
  }
  for (const a of agents) {
    const what = a.error ? `store unreadable: ${a.error}` : `${a.profiles} profile${a.profiles === 1 ? '' : 's'}${a.providers.length ? ` (${a.providers.join(', ')})` : ''}`;
    println(`${a.agentId.padEnd(16)} ${what}`);
    println(`${''.padEnd(16)} ${a.storePath}`);
  }
  return 0;
}

export async function agentsAddCommand(
  rawId: string,
  opts: { copyFrom?: string; profile?: string[]; json?: boolean },
): Promise<number> {
  const agentId = normalizeAgentId(rawId);
  const store = openAgentStore(agentId);
  const copyIds = opts.profile ?? [];
  if (copyIds.length && !opts.copyFrom) opts.copyFrom = DEFAULT_AGENT_ID;
  if (opts.copyFrom && copyIds.length === 0) {
    throw new UsageError('Name the profiles to copy with --profile ID (repeatable); secrets are never copied wholesale.');
  }
  const existed = await fsp
    .access(store.storePath)
    .then(() => true)
    .catch(() => false);
  // Everything that can refuse is checked before anything is created on disk.
  await readConfig(store.configPath);
  let src: AuthProfileStore | undefined;
  if (opts.copyFrom) {
    const source = openAgentStore(opts.copyFrom);
    if (source.agentId === agentId) throw new UsageError('An agent cannot copy profiles from itself.');
    src = (await source.load()).store;
    for (const id of copyIds) if (!src.profiles[id]) throw noSuchProfile(id, source.agentId, Object.keys(src.profiles));
  }
  await ensurePrivateDir(store.agentDir);
  let copied: string[] = [];
  if (src) {
    copied = copyIds;
    await store.update((doc) => {
      for (const id of copyIds) setProfile(doc, id, structuredClone(src!.profiles[id]!));
      return true;
    });
  } else {
    // Create an empty store so the agent exists on disk and in `agents list`.
    await store.update((_doc, { exists }) => (exists ? NO_CHANGE : true));
  }
  try {
    await updateConfig(store.configPath, (cfg) => {
      cfg.agents ??= {};
      cfg.agents.list ??= [];
      if (agentId !== DEFAULT_AGENT_ID && !cfg.agents.list.some((a) => a?.id === agentId)) cfg.agents.list.push({ id: agentId });
    });
  } catch (err) {
    if (!(err instanceof ClawdbotError)) throw err;
    throw new ClawdbotError(`Created ${store.agentDir}, but could not record the agent in the config: ${err.message}`);
  }
  if (opts.json) printJson({ agentId, agentDir: store.agentDir, storePath: store.storePath, existed, copied });
  else {
    println(existed ? `Agent ${agentId} already exists: ${store.agentDir}` : `Added agent ${agentId}: ${store.agentDir}`);
    if (copied.length) println(`Copied from ${opts.copyFrom}: ${copied.join(', ')}`);
    else if (!existed) println(`It has no credentials yet: run \`clawdbot onboard --agent ${agentId}\` or \`clawdbot models auth paste-token --agent ${agentId} --provider <p>\`.`);
  }
  return 0;
}
