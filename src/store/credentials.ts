// The one way a credential is saved or removed, for every surface (wizard, onboard
// --non-interactive, sign-in, paste-token, setup-token, the dashboard): the profile id is chosen
// and "same account / different credential" is decided under the store's lock on the fresh
// document, then clawdbot.json records the profile with one rule for its mode.
import type { AgentStore } from './agent-store.js';
import { NO_CHANGE, fileExists } from './auth-store.js';
import type { AnyCredential, KnownCredential } from './auth-profiles.js';
import { type ClawdbotConfig, type ConfigAuthProfile, readConfig, updateConfig } from './config.js';
import { ClawdbotError, UsageError } from '../util/errors.js';
import { isValidProfileId } from './auth-profiles.js';
import { type ExistingRelation, type OrderPlacement, chooseProfileId, placeInOrder, removeProfile, setProfile } from './mutations.js';

type StoreHandle = Pick<AgentStore, 'update' | 'saveIssued' | 'configPath' | 'storePath' | 'agentId'>;

/** What a profile holds, in words that carry no secret: its type and, for OAuth, the account. */
export function describeHeld(c: AnyCredential): string {
  const email = typeof c.email === 'string' && c.email ? ` ${c.email}` : '';
  return `${c.type}${email}`;
}

/**
 * A credential would replace a DIFFERENT one (another key, another account). Nothing was
 * written. `held` is what the profile holds now (type, email; no secret); a caller that asked the
 * user passes it back as `replace` so a profile changed meanwhile is not replaced unseen.
 */
export class ProfileExistsError extends ClawdbotError {
  override readonly code: string = 'profile_exists';
  constructor(
    readonly profileId: string,
    readonly held: string,
    message = `Profile ${profileId} already holds a different credential (${held}); nothing was written.`,
  ) {
    super(message);
  }
}

export interface SaveCredentialRequest {
  credential: KnownCredential;
  /** An id the user named (a flag, the wizard's name step); it always wins. */
  profileId?: string;
  /** The id to use when none was named (an OAuth account already stored updates its own profile). */
  defaultProfileId: string;
  /**
   * Replacing a different credential: `true` (--force, or the wizard's confirmed "replace"),
   * or the `held` text the user was shown and agreed to replace. Otherwise it is refused.
   */
  replace?: boolean | string;
  /** Where the profile goes in the provider's order (default: left as it is). */
  placement?: OrderPlacement;
  /** A vendor CLI's login reused under its fixed id: its config mode is "oauth" whatever the type. */
  fromExternalCli?: boolean;
  /** The account's email, when the sign-in told us one the credential does not carry. */
  email?: string;
  /**
   * The credential exists nowhere else (a sign-in's tokens): if the save fails it is kept in a
   * recovery file beside the store (AgentStore.saveIssued); this says what it is, for the error.
   */
  keepOnFailure?: string;
}

export interface SavedCredential {
  profileId: string;
  relation: ExistingRelation;
  storePath: string;
}

/** The config mode for a saved profile: Clawdbot's "oauth" accepts tokens too, so it is kept. */
function configMode(prev: ConfigAuthProfile | undefined, c: KnownCredential, fromExternalCli: boolean): string {
  if (c.type !== 'token') return c.type;
  return fromExternalCli || prev?.mode === 'oauth' ? 'oauth' : 'token';
}

export function recordProfileInConfig(
  cfg: ClawdbotConfig,
  profileId: string,
  c: KnownCredential,
  o: { relation: ExistingRelation; fromExternalCli?: boolean; email?: string },
): void {
  cfg.auth ??= {};
  cfg.auth.profiles ??= {};
  const prev = cfg.auth.profiles[profileId];
  const { email: prevEmail, ...rest } = prev ?? ({} as Partial<ConfigAuthProfile>);
  // A different credential under the same id must not keep the old account's email.
  const keepEmail = o.relation === 'same' || o.relation === 'same-account' ? prevEmail : undefined;
  const email = c.email ?? o.email ?? keepEmail;
  cfg.auth.profiles[profileId] = {
    ...rest,
    provider: c.provider,
    mode: configMode(prev, c, Boolean(o.fromExternalCli)),
    ...(typeof email === 'string' && email ? { email } : {}),
  };
}

export async function saveCredential(store: StoreHandle, req: SaveCredentialRequest): Promise<SavedCredential> {
  const provider = req.credential.provider;
  if (req.profileId !== undefined && (!isValidProfileId(req.profileId) || !req.profileId.startsWith(`${provider}:`))) {
    throw new UsageError(`Invalid profile id "${req.profileId}": use ${provider}:<name>, e.g. ${provider}:work.`);
  }
  // Both files are written: a config that cannot be read refuses before the store changes.
  await readConfig(store.configPath);
  // A refusal is decided inside the locked update but thrown after it: it is an answer, not a
  // failed save, so nothing is kept in a recovery file for it.
  let refused: ProfileExistsError | undefined;
  const mutate = (doc: Parameters<Parameters<StoreHandle['update']>[0]>[0]) => {
    const { profileId, relation } = chooseProfileId(doc, { requested: req.profileId, defaultId: req.defaultProfileId, credential: req.credential });
    if (relation === 'different') {
      const held = describeHeld(doc.profiles[profileId]!);
      if (req.replace !== true && req.replace !== held) {
        refused = new ProfileExistsError(profileId, held);
        return NO_CHANGE;
      }
    }
    setProfile(doc, profileId, req.credential);
    if (req.placement && req.placement !== 'keep') placeInOrder(doc, req.credential.provider, profileId, req.placement);
    return { profileId, relation };
  };
  const saved = req.keepOnFailure
    ? await store.saveIssued(mutate, [{ profileId: req.profileId ?? req.defaultProfileId, credential: req.credential }], req.keepOnFailure)
    : await store.update(mutate);
  if (refused) throw refused;
  const { profileId, relation } = saved!;
  await updateConfig(store.configPath, (cfg) =>
    recordProfileInConfig(cfg, profileId, req.credential, { relation, fromExternalCli: req.fromExternalCli, email: req.email }),
  );
  return { profileId, relation, storePath: store.storePath };
}

/** Remove a profile and every reference to it, in the store and in clawdbot.json. False when it was not there. */
export async function removeCredential(store: StoreHandle, profileId: string): Promise<boolean> {
  const removed = Boolean(await store.update((doc) => (removeProfile(doc, profileId) ? true : NO_CHANGE)));
  if (removed && (await fileExists(store.configPath))) {
    await updateConfig(store.configPath, (cfg) => {
      if (cfg.auth?.profiles) delete cfg.auth.profiles[profileId];
      if (cfg.auth?.order) for (const [p, ids] of Object.entries(cfg.auth.order)) cfg.auth.order[p] = ids.filter((x) => x !== profileId);
    });
  }
  return removed;
}
