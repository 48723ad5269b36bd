// `clawdbot models status [--json | --plain | --check] [--agent ID | --all-agents] [--warn-within 24h] [--probe]
//  [--usage] [--warn-usage PERCENT]`
// On an interactive terminal (not TERM=dumb) with none of the script flags, the live dashboard (loaded lazily);
// otherwise the one-shot outputs (models-status-oneshot.ts). Nothing on the one-shot path imports
// React or Ink.
import { checkStatusFlags, runOneShotStatus, type ModelsStatusOptions } from './models-status-oneshot.js';
import { canDrawLiveUi } from './shared/tty.js';

export type { ModelsStatusOptions } from './models-status-oneshot.js';

export async function modelsStatusCommand(opts: ModelsStatusOptions): Promise<number> {
  const modes = [opts.json, opts.plain, opts.check].filter(Boolean);
  if (modes.length === 0 && !opts.probe && !opts.usage && opts.warnUsage === undefined && canDrawLiveUi()) {
    const warnMs = checkStatusFlags(opts);
    // The Ink dashboard; loaded only now that the session is known to be interactive.
    const { runDashboard } = await import('./models-status-dashboard.js');
    return runDashboard({ agentId: opts.agent ?? 'main', allAgents: Boolean(opts.allAgents), warnMs });
  }
  return runOneShotStatus(opts);
}
