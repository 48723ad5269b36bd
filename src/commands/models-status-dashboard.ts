// The live `clawdbot models status` dashboard: wires the real dependencies (status report, locked
// store edits, clock, file watcher) into the dashboard state and lazily loads the Ink UI. Called by
// models-status.ts only once the session is known to be interactive; nothing here imports Ink
// statically.
import {
  type Env,
  NO_CHANGE,
  claudeCredentialsPath,
  clearOrder,
  codexAuthPath,
  listAgentIds,
  requireKnownAgent,
  openAgentStore,
  removeCredential,
  setOrder,
} from '../store/index.js';
import { buildStatusReport } from '../auth/report.js';
import { clearProfileCooldown } from '../auth/cooldown.js';
import { DEFAULT_WARN_MS } from '../auth/health.js';
import { redact } from '../util/redact.js';
import { watchFiles } from '../auth/watch.js';
import type { StatusReport } from '../auth/report-types.js';
import { type DashboardDeps, type DashboardStore, createDashboardStore } from '../state/dashboard/index.js';
import { type UsageStore, createUsageStore } from '../state/usage-store.js';
import { fetchStoreUsage, rememberStoreRead } from '../usage/store-usage.js';
import { colorEnabled } from './shared/output.js';

export interface RunDashboardOptions {
  agentId?: string;
  /** Accepted for `--all-agents`: the dashboard starts on the first agent; `a` switches. */
  allAgents?: boolean;
  warnMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** The real dependencies: everything the dashboard does to files goes through the store module. */
export function realDashboardDeps(opts: { env?: Env; warnMs?: number; onWarning?: (text: string) => void; loadReport?: (agentId: string) => Promise<StatusReport> } = {}): DashboardDeps {
  const env = opts.env ?? process.env;
  const warnMs = opts.warnMs ?? DEFAULT_WARN_MS;
  // Housekeeping warnings would scribble over the Ink frame on stderr; show them in the message line.
  const warn = (text: string) => opts.onWarning?.(redact(text));
  const open = (agentId: string) => openAgentStore(agentId, env, warn);
  return {
    loadReport:
      opts.loadReport ??
      ((agentId) => buildStatusReport({ agentIds: [agentId], env, now: Date.now(), warnMs, warn, onStoreRead: rememberStoreRead })),
    listAgents: () => listAgentIds(env as NodeJS.ProcessEnv),
    now: () => Date.now(),
    watch(agentId, onChange) {
      const s = open(agentId);
      const handle = watchFiles([s.storePath, s.configPath, s.envFilePath, claudeCredentialsPath(env), codexAuthPath(env)], () => onChange());
      return () => handle.close();
    },
    mutations: {
      async saveOrder(agentId, provider, ids) {
        const s = open(agentId);
        await s.update((doc) => {
          // Env credentials are not stored profiles and cannot be listed; a profile another process
          // removed meanwhile is dropped, not an error. Stored profiles the screen did not show
          // (added a moment ago) go last rather than silently never being tried.
          const keep = ids.filter((id) => doc.profiles[id]?.provider === provider);
          for (const [id, cred] of Object.entries(doc.profiles)) if (cred.provider === provider && !keep.includes(id)) keep.push(id);
          setOrder(doc, provider, keep);
          return true;
        });
      },
      async clearOrder(agentId, provider) {
        return Boolean(await open(agentId).update((doc) => (clearOrder(doc, provider) ? true : NO_CHANGE)));
      },
      async removeProfile(agentId, profileId) {
        return removeCredential(open(agentId), profileId);
      },
      async clearCooldown(agentId, profileId) {
        return Boolean(await open(agentId).update((doc) => (clearProfileCooldown(doc, profileId) ? true : NO_CHANGE)));
      },
      async refreshProfile(agentId, profileId) {
        // The same single-flight, store-locked refresh as `models auth refresh` and the gateway.
        const { ensureFreshCredential } = await import('../auth/refresh.js');
        const s = open(agentId);
        const cred = await ensureFreshCredential(s, profileId, { force: true, env: s.env });
        return cred.type === 'oauth' && cred.expires > 0 ? cred.expires : undefined;
      },
    },
  };
}

/** The dashboard's usage: each profile's usage endpoint, asked in the background. */
export function realUsageStore(env: Env = process.env): UsageStore {
  return createUsageStore({
    now: () => Date.now(),
    async fetchUsage(agentId, profileIds, signal) {
      const { storePath } = openAgentStore(agentId, env);
      return [...(await fetchStoreUsage({ storePath, profileIds, env, signal })).values()];
    },
  });
}

export async function runDashboard(opts: RunDashboardOptions = {}): Promise<number> {
  const env = opts.env ?? process.env;
  // A bad or unknown --agent is one clear line before anything is drawn.
  const agentId = await requireKnownAgent(opts.agentId, env);
  let store: DashboardStore | undefined;
  const deps = realDashboardDeps({
    env,
    warnMs: opts.warnMs ?? DEFAULT_WARN_MS,
    onWarning: (text) => store?.getState().setMessage('error', text),
  });
  store = createDashboardStore(deps, { agentId, warnAfterMs: opts.warnMs ?? DEFAULT_WARN_MS });
  const started = store.getState().start();
  const { mountDashboard } = await import('../../components/dashboard/mount.js');
  const code = mountDashboard(store, { color: colorEnabled(process.stdout, env), usage: realUsageStore(env) });
  await started;
  return code;
}
