// `clawdbot models auth order get|set|clear --provider P [IDS...] [--agent ID] [--json]`:
// the per-agent order in which a provider's profiles are tried.
import { NO_CHANGE, UsageError, noSuchProfile, clearOrder, openAgentStore, setOrder, requireKnownAgent } from '../store/index.js';
import { requireProvider } from './shared/profile-flags.js';
import { printJson, println } from './shared/output.js';
import { closestWord } from '../util/closest-word.js';

interface OrderOptions {
  provider: string;
  agent?: string;
  json?: boolean;
}

function orderJson(store: ReturnType<typeof openAgentStore>, provider: string, order: string[] | null) {
  return { agentId: store.agentId, agentDir: store.agentDir, provider, authStorePath: store.storePath, order };
}

/**
 * For a provider none of the agent's profiles is for (often a typo: "anthropc"), what the agent has
 * instead, to follow "No stored order for P (agent A)"; undefined when it has profiles of P.
 */
function noProfilesOf(profiles: Record<string, { provider: string }>, provider: string): string | undefined {
  const providers = [...new Set(Object.values(profiles).map((p) => p.provider))].sort();
  if (providers.includes(provider)) return undefined;
  if (providers.length === 0) return ', and no profiles yet.';
  const guess = closestWord(provider, providers);
  return `, and no ${provider} profile${guess ? ` (did you mean ${guess}?)` : ''}; its providers: ${providers.join(', ')}.`;
}

export async function orderGetCommand(opts: OrderOptions): Promise<number> {
  const provider = requireProvider(opts.provider);
  const store = openAgentStore(await requireKnownAgent(opts.agent));
  const { store: doc } = await store.load();
  const order = doc.order?.[provider] ?? null;
  if (opts.json) printJson(orderJson(store, provider, order));
  else if (!order) println(`No stored order for ${provider} (agent ${store.agentId})${noProfilesOf(doc.profiles, provider) ?? '; profiles are tried round-robin.'}`);
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
      if (!cred) throw noSuchProfile(id, store.agentId, Object.keys(doc.profiles));
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
  let none: string | undefined;
  const cleared = await store.update((doc) => {
    if (clearOrder(doc, provider)) return true;
    none = noProfilesOf(doc.profiles, provider);
    return NO_CHANGE;
  });
  if (opts.json) printJson(orderJson(store, provider, null));
  else println(cleared ? `Cleared the stored order for ${provider} (agent ${store.agentId}).` : `No stored order for ${provider} (agent ${store.agentId})${none ?? '; nothing to clear.'}`);
  return 0;
}
