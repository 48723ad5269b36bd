// The real engine behind doctor's injected dependencies: the status report (auth/report), the
// Claude Code / Codex CLI sync (auth/external-cli) and OAuth refresh (auth/refresh). Kept apart
// from run.ts so tests can run doctor with fakes.
import type { WarningSink } from '../store/index.js';
import { buildStatusReport } from '../auth/report.js';
import { syncExternalCliProfiles } from '../auth/external-cli.js';
import { ensureFreshCredential } from '../auth/refresh.js';
import type { DoctorDeps } from './types.js';

export async function wireDoctorDeps(warn: WarningSink = () => undefined): Promise<DoctorDeps> {
  return {
    syncExternalCli: (store, env, now) => syncExternalCliProfiles(store, env, now),
    async buildAgentReport(store, env, now) {
      const report = await buildStatusReport({ agentIds: [store.agentId], env, now, warn });
      const agent = report.agents[0];
      if (!agent) throw new Error(`no report for agent ${store.agentId}`);
      return agent;
    },
    async refreshProfile(store, profileId) {
      await ensureFreshCredential(store, profileId, { force: true, env: store.env });
    },
  };
}
