// `clawdbot models auth remove ID [--agent ID] [--yes]`: asks on a terminal, needs --yes otherwise.
import { CancelledError, NotFoundError, UsageError, noSuchProfile, openAgentStore, removeCredential, requireKnownAgent } from '../store/index.js';
import { confirm } from './shared/confirm.js';
import { printJson, println } from './shared/output.js';

export async function removeCommand(id: string | undefined, opts: { agent?: string; yes?: boolean; json?: boolean; profileId?: string }): Promise<number> {
  if (id && opts.profileId && id !== opts.profileId) throw new UsageError('Give the profile id once: as ID or as --profile-id, not both.');
  const profileId = id ?? opts.profileId;
  if (!profileId) throw new UsageError('Which profile? Run `clawdbot models auth remove ID` (the ids: `clawdbot models auth list`).');
  const store = openAgentStore(await requireKnownAgent(opts.agent));
  const { store: doc } = await store.load();
  const cred = doc.profiles[profileId];
  if (!cred) throw noSuchProfile(profileId, store.agentId, Object.keys(doc.profiles));
  if (!opts.yes) {
    if (!process.stdin.isTTY) throw new UsageError(`Refusing to remove ${profileId} without confirmation; pass --yes.`);
    if (!(await confirm(`Remove ${profileId} (${cred.type}) from agent ${store.agentId}?`))) throw new CancelledError();
  }
  if (!(await removeCredential(store, profileId))) throw new NotFoundError(`Profile "${profileId}" was already removed by another process.`);
  if (opts.json) printJson({ removed: profileId, agentId: store.agentId, storePath: store.storePath });
  else println(`Removed ${profileId} from ${store.storePath}`);
  return 0;
}
