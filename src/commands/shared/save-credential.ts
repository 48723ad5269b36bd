// Saving from a command line: the store decides (under its lock) whether the credential would
// replace a different one; here that becomes a y/N question on a terminal, or, in a script, one
// line naming the flags that allow it, as gh does. --force replaces without asking.
import {
  type AgentStore,
  type SaveCredentialRequest,
  type SavedCredential,
  CancelledError,
  ProfileExistsError,
  saveCredential,
} from '../../store/index.js';
import { canAsk, confirm } from './confirm.js';

export interface CommandSaveOptions {
  force?: boolean;
  /** The flag that names another profile id on this command (--profile-id, --token-profile-id), if it has one. */
  idFlag?: string;
  /** False where the command promised never to prompt (onboard --non-interactive). */
  mayAsk?: boolean;
}

export async function saveCredentialFromCommand(
  store: Pick<AgentStore, 'update' | 'saveIssued' | 'configPath' | 'storePath' | 'agentId'>,
  req: Omit<SaveCredentialRequest, 'replace'>,
  o: CommandSaveOptions,
): Promise<SavedCredential> {
  try {
    return await saveCredential(store, { ...req, replace: Boolean(o.force) });
  } catch (err) {
    if (!(err instanceof ProfileExistsError)) throw err;
    if (o.mayAsk !== false && canAsk()) {
      if (!(await confirm(`${err.profileId} in agent ${store.agentId} holds a different credential (${err.held}). Replace it?`))) {
        throw new CancelledError();
      }
      // Replaces only what the user was shown: a profile changed meanwhile is refused again.
      return saveCredential(store, { ...req, replace: err.held });
    }
    throw new ProfileExistsError(
      err.profileId,
      err.held,
      `Profile ${err.profileId} already holds a different credential (${err.held}); nothing was written. ` +
        (o.idFlag ? `Pass --force to replace it, or choose another ${o.idFlag}.` : 'Pass --force to replace it.'),
    );
  }
}
