// The real engine behind doctor's injected dependencies: the status report (engineer A2), the
// Claude Code / Codex CLI sync and OAuth refresh (engineer A1). Kept apart from run.ts so tests
// can run doctor with fakes. The A1 modules are found by a template import (esbuild bundles what
// matches), so doctor still works, without those steps, in a build where they are absent.
import type { AgentStore, Env, WarningSink } from '../store/index.js';
import type { DoctorDeps } from './types.js';

const part = (s: string) => s;

type SyncFn = (store: AgentStore, env: Env, now: number) => Promise<unknown>;
type RefreshFn = (store: AgentStore, profileId: string, opts: { force?: boolean }) => Promise<unknown>;

async function optional<T>(load: () => Promise<unknown>, name: string): Promise<T | undefined> {
  try {
    const mod = (await load()) as Record<string, unknown>;
    return typeof mod[name] === 'function' ? (mod[name] as T) : undefined;
  } catch {
    return undefined;
  }
}

/** Turn whatever the sync returns into one line per change. */
function syncNotes(result: unknown): string[] {
  if (Array.isArray(result)) return result.map((r) => (typeof r === 'string' ? r : describe(r))).filter(Boolean);
  if (result && typeof result === 'object') {
    const r = result as { notes?: unknown; changed?: unknown; updated?: unknown };
    for (const v of [r.notes, r.changed, r.updated]) if (Array.isArray(v)) return syncNotes(v);
  }
  return [];
}

function describe(r: unknown): string {
  if (!r || typeof r !== 'object') return '';
  const o = r as { profileId?: unknown; message?: unknown; action?: unknown };
  if (typeof o.message === 'string') return o.message;
  if (typeof o.profileId === 'string') return `synced ${o.profileId}${typeof o.action === 'string' ? ` (${o.action})` : ''}`;
  return '';
}

export async function wireDoctorDeps(warn?: WarningSink): Promise<DoctorDeps> {
  const { buildStatusReport } = await import('../auth/report.js');
  const sync = await optional<SyncFn>(() => import(`../auth/external-${part('cli')}.ts`), 'syncExternalCliProfiles');
  const refresh = await optional<RefreshFn>(() => import(`../auth/${part('refresh')}.ts`), 'ensureFreshCredential');
  const deps: DoctorDeps = {
    async buildAgentReport(store, env, now) {
      const report = await buildStatusReport({ agentIds: [store.agentId], env, now, ...(warn ? { warn } : { warn: () => undefined }) });
      const agent = report.agents[0];
      if (!agent) throw new Error(`no report for agent ${store.agentId}`);
      return agent;
    },
  };
  if (sync) deps.syncExternalCli = async (store, env, now) => syncNotes(await sync(store, env, now));
  if (refresh) deps.refreshProfile = async (store, id) => void (await refresh(store, id, { force: true }));
  return deps;
}
