// `clawdbot models auth order get|set|clear --provider P [IDS...] [--agent ID] [--json]`:
// the per-agent order in which a provider's profiles are tried.
import { NO_CHANGE, UsageError, noSuchProfile, clearOrder, openAgentStore, setOrder, requireKnownAgent } from '../store/index.js';
import { requireProvider } from './shared/profile-flags.js';
import { printJson, println } from './shared/output.js';

interface OrderOptions {
  provider: string;
  agent?: string;
  json?: boolean;
}

function orderJson(store: ReturnType<typeof openAgentStore>, provider: string, order: string[] | null) {
  return { agentId: store.agentId, agentDir: store.agentDir, provider, authStorePath: store.storePath, order };
}

export async function orderGetCommand(opts: OrderOptions): Promise<number> {
  const provider = requireProvider(opts.provider);
  const store = openAgentStore(await requireKnownAgent(opts.agent));
  const { store: doc } = await store.load();
  const order = doc.order?.[provider] ?? null;
  if (opts.json) printJson(orderJson(store, provider, order));
  else if (!order) println(`No stored order for ${provider} (agent ${store.agentId}); profiles are tried round-robin.`);
  else order.forEach((id, i) => println(`${i + 1}. ${id}`));
  return 0;
}

export async function orderSetCommand(ids: string[], opts: OrderOptions): Promise<number> {
  const provider = requireProvider(opts.provider);
  if (ids.length === 0) throw new UsageError('Give the profile ids in the order to try them, e.g. `order set --provider anthropic anthropic:work anthropic:default`.');
  const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dupes.length) throw new UsageError(`Profile id ${dupes[0]} is listed twice.`);
  const store = openAgentStore(await requireKnownAgent(opts.agent));
  await store.update((doc) => {
    for (const id of ids) {
      const cred = doc.profiles[id];
      if (!cred) throw noSuchProfile(id, store.agentId);
      if (cred.provider !== provider) throw new UsageError(`Profile "${id}" is for ${cred.provider}, not ${provider}.`);
    }
    setOrder(doc, provider, ids);
    return true;
  });
  if (opts.json) printJson(orderJson(store, provider, ids));
  else println(`Order for ${provider} (agent ${store.agentId}): ${ids.join(', ')}`);
  return 0;
}

export async function orderClearCommand(opts: OrderOptions): Promise<number> {
  const provider = requireProvider(opts.provider);
  const store = openAgentStore(await requireKnownAgent(opts.agent));
  const cleared = await store.update((doc) => (clearOrder(doc, provider) ? true : NO_CHANGE));
  if (opts.json) printJson(orderJson(store, provider, null));
  else println(cleared ? `Cleared the stored order for ${provider} (agent ${store.agentId}).` : `No stored order for ${provider} (agent ${store.agentId}); nothing to clear.`);
  return 0;
}
