// `clawdbot models auth refresh [--profile ID | --all] [--agent ID] [--from-agent ID] [--json]`:
// refresh OAuth access tokens now, through the same single-flight engine the gateway uses (so it
// never races a daemon refreshing the same token). With --from-agent, the profile first takes that
// agent's sign-in of it (auth/inherit-main.ts). Exit 1 when any refresh failed; each failure names
// its fix.
import { UsageError, noSuchProfile, openAgentStore, requireKnownAgent } from '../store/index.js';
import { type RefreshFailedError, ensureFreshCredential } from '../auth/refresh.js';
import { formatRemaining } from '../util/duration.js';
import { errorMessage } from '../util/redact.js';
import { syncExternalCliProfiles } from '../auth/external-cli.js';
import { printJson, println, eprintln } from './shared/output.js';

export interface RefreshOptions {
  profile?: string;
  all?: boolean;
  agent?: string;
  fromAgent?: string;
  json?: boolean;
}

interface RefreshResult {
  profileId: string;
  ok: boolean;
  expiresAt?: number;
  error?: string;
  kind?: string;
  fix?: string;
  notes?: string[];
}

export async function refreshCommand(opts: RefreshOptions): Promise<number> {
  if (opts.profile && opts.all) throw new UsageError('Use either --profile <id> or --all, not both.');
  if (!opts.profile && !opts.all) {
    throw new UsageError('Say what to refresh: --profile <id> for one OAuth profile, or --all for every OAuth profile of the agent.');
  }
  if (opts.fromAgent !== undefined && !opts.profile) throw new UsageError('--from-agent takes one profile: name it with --profile <id>.');
  const store = openAgentStore(await requireKnownAgent(opts.agent));
  const takeFrom = opts.fromAgent === undefined ? undefined : await requireKnownAgent(opts.fromAgent);
  // A newer Claude Code / Codex sign-in replaces a stale reused copy before we spend its token.
  const syncNotes = await syncExternalCliProfiles(store, store.env, Date.now(), { keychain: false });
  const { store: doc } = await store.load();
  let ids: string[];
  if (opts.profile) {
    const cred = doc.profiles[opts.profile];
    if (!cred) throw noSuchProfile(opts.profile, store.agentId, Object.keys(doc.profiles));
    if (cred.type !== 'oauth') {
      throw new UsageError(`"${opts.profile}" is a ${cred.type} credential, which has nothing to refresh; only OAuth profiles can be refreshed.`);
    }
    ids = [opts.profile];
  } else {
    ids = Object.entries(doc.profiles)
      .filter(([, c]) => c.type === 'oauth')
      .map(([id]) => id);
  }

  const results: RefreshResult[] = [];
  for (const profileId of ids) {
    const notes: string[] = [];
    try {
      const cred = await ensureFreshCredential(store, profileId, { force: true, env: store.env, onNote: (n) => notes.push(n), ...(takeFrom ? { takeFrom } : {}) });
      const expiresAt = cred.type === 'oauth' ? cred.expires : cred.type === 'token' ? cred.expires : undefined;
      results.push({ profileId, ok: true, ...(expiresAt ? { expiresAt } : {}), ...(notes.length ? { notes } : {}) });
    } catch (err) {
      const e = err as Partial<RefreshFailedError>;
      results.push({
        profileId,
        ok: false,
        error: errorMessage(err),
        ...(typeof e.kind === 'string' ? { kind: e.kind } : {}),
        ...(typeof e.fix === 'string' ? { fix: e.fix } : {}),
      });
    }
  }

  const failed = results.filter((r) => !r.ok).length;
  if (opts.json) {
    printJson({ agentId: store.agentId, storePath: store.storePath, results, ...(syncNotes.length ? { notes: syncNotes } : {}) });
    return failed ? 1 : 0;
  }
  for (const n of syncNotes) println(n);
  if (ids.length === 0) println(`No OAuth profiles in agent ${store.agentId}; nothing to refresh.`);
  const now = Date.now();
  for (const r of results) {
    if (r.ok) {
      println(`${r.profileId}: refreshed${r.expiresAt ? `, ${formatRemaining(r.expiresAt - now)}` : ''}`);
      for (const n of r.notes ?? []) println(`  ${n}`);
    } else {
      eprintln(`clawdbot: ${r.profileId}: ${r.error}`);
    }
  }
  return failed ? 1 : 0;
}
