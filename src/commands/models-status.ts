// `clawdbot models status [--json | --plain | --check] [--agent ID | --all-agents] [--warn-within 24h] [--probe]`
// One-shot outputs render the status report (src/auth/report.ts); on an interactive terminal with
// none of the script flags, the live dashboard is loaded lazily. Nothing on this path imports
// React or Ink.
import { UsageError } from '../store/errors.js';
import { parseDuration } from '../auth/duration.js';
import { type ProbeFn, buildStatusReport, checkReport } from '../auth/report.js';
import { renderStatusJson } from '../auth/status-json.js';
import { renderCheckText, renderStatusText } from '../auth/status-text.js';
import type { StatusReport } from '../auth/report-types.js';
import { colorEnabled, paint, printJson, printText } from './output.js';
import { isInteractive } from './tty.js';

export interface ModelsStatusOptions {
  json?: boolean;
  plain?: boolean;
  check?: boolean;
  agent?: string;
  allAgents?: boolean;
  warnWithin?: string;
  probe?: boolean;
}

async function loadProbe(): Promise<ProbeFn> {
  const { probeCredential } = await import('../auth/probe.js');
  return async ({ provider, type, secret, env }) => {
    const r = await probeCredential({ provider, type, secret, env: env as NodeJS.ProcessEnv });
    return { status: r.status, latencyMs: r.latencyMs, ...(r.error ? { error: r.error } : {}) };
  };
}

export async function buildReportFor(opts: ModelsStatusOptions, warnMs: number): Promise<StatusReport> {
  return buildStatusReport({
    ...(opts.allAgents ? { allAgents: true } : { agentIds: [opts.agent ?? 'main'] }),
    warnMs,
    ...(opts.probe ? { probe: await loadProbe() } : {}),
  });
}

export async function modelsStatusCommand(opts: ModelsStatusOptions): Promise<number> {
  const modes = [opts.json && '--json', opts.plain && '--plain', opts.check && '--check'].filter(Boolean);
  if (opts.json && opts.plain) throw new UsageError('Use either --json or --plain, not both.');
  const warnMs = parseDuration(opts.warnWithin ?? '24h', '--warn-within');

  if (modes.length === 0 && !opts.probe && isInteractive()) {
    // Engineer D's Ink dashboard; loaded only now that the session is known to be interactive.
    const { runDashboard } = await import('./models-status-dashboard.js');
    return runDashboard({ agentId: opts.agent ?? 'main', allAgents: Boolean(opts.allAgents), warnMs });
  }

  const report = await buildReportFor(opts, warnMs);
  const check = checkReport(report);
  if (opts.json) {
    printJson(renderStatusJson(report, check));
  } else if (opts.check && !opts.plain) {
    // --check alone: one line per problem (what, and the command that fixes it), or one `ok` line,
    // then where each provider in use gets its credential from.
    printText(renderCheckText(report, check));
  } else {
    const color = colorEnabled();
    printText(renderStatusText(report, check, { paint: paint(color) }));
  }
  return opts.check ? check.exitCode : 0;
}
