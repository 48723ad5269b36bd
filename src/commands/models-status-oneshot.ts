// `models status --json | --plain | --check` (and `models status` off a terminal): render the
// status report once. No UI anywhere on this path; dist/status.js is built from it alone.
import { UsageError } from '../util/errors.js';
import { requireKnownAgent } from '../store/agent-store.js';
import { parseDuration } from '../util/duration.js';
import { type BuildReportOptions, type ProbeFn, buildStatusReport, checkReport } from '../auth/report.js';
import { renderStatusJson } from '../auth/status-json.js';
import { type Painter, renderCheckText, renderStatusText } from '../auth/status-text.js';
import type { StatusReport } from '../auth/report-types.js';
import { type WriteOut, colorEnabled, paint, printJson, printText } from './shared/output.js';

export interface ModelsStatusOptions {
  json?: boolean;
  plain?: boolean;
  check?: boolean;
  agent?: string;
  allAgents?: boolean;
  warnWithin?: string;
  probe?: boolean;
  /** Fetch each subscription profile's usage windows. */
  usage?: boolean;
  /** Warn (exit 2 with --check) when a profile in use has a window more than this percent used. */
  warnUsage?: string;
}

async function loadProbe(): Promise<ProbeFn> {
  const { probeCredential } = await import('../auth/probe.js');
  return async ({ provider, type, secret, env }) => {
    const r = await probeCredential({ provider, type, secret, env: env as NodeJS.ProcessEnv });
    return { status: r.status, latencyMs: r.latencyMs, ...(r.error ? { error: r.error } : {}) };
  };
}

export async function buildReportFor(opts: ModelsStatusOptions, warnMs: number, onStoreRead?: BuildReportOptions['onStoreRead']): Promise<StatusReport> {
  return buildStatusReport({
    // A mistyped --agent is an error, never a new agent (status only reads).
    ...(opts.allAgents ? { allAgents: true } : { agentIds: [await requireKnownAgent(opts.agent)] }),
    warnMs,
    ...(opts.probe ? { probe: await loadProbe() } : {}),
    ...(onStoreRead ? { onStoreRead } : {}),
  });
}

/** The flags' own errors, checked before anything is read; returns the warn window. */
export function checkStatusFlags(opts: ModelsStatusOptions): number {
  if (opts.json && opts.plain) throw new UsageError('Use either --json or --plain, not both.');
  return parseDuration(opts.warnWithin ?? '24h', '--warn-within');
}

/**
 * `write`: where the output goes (default process.stdout); `isTerminal`: whether that is a
 * terminal, for colours (default: process.stdout's answer).
 */
export async function runOneShotStatus(opts: ModelsStatusOptions, write?: WriteOut, isTerminal?: () => boolean): Promise<number> {
  const warnMs = checkStatusFlags(opts);
  // Usage code is loaded only when asked for: `--check` from cron stays as small as it was.
  const usage = opts.usage || opts.warnUsage !== undefined ? await import('../usage/report-usage.js') : undefined;
  const warnUsage = usage && opts.warnUsage !== undefined ? usage.parseWarnUsage(opts.warnUsage) : undefined;
  const report = await buildReportFor(opts, warnMs, usage?.rememberStoreRead);
  let check = checkReport(report);
  if (usage) {
    await usage.attachUsage(report);
    if (warnUsage !== undefined) check = usage.withUsageProblems(check, usage.usageProblems(report, warnUsage));
  }
  if (opts.json) {
    printJson(renderStatusJson(report, check), write);
  } else if (opts.check && !opts.plain) {
    // --check alone: one line per problem (what, and the command that fixes it), or one `ok` line,
    // then where each provider in use gets its credential from.
    printText(renderCheckText(report, check), write);
  } else {
    const color = colorEnabled(isTerminal ? { isTTY: isTerminal() } : process.stdout);
    const usageText = usage ? (u: Parameters<typeof usage.paintedUsageLine>[0], p: Painter) => usage.paintedUsageLine(u, report.generatedAt, p) : undefined;
    printText(renderStatusText(report, check, { paint: paint(color), ...(usageText ? { usageText } : {}) }), write);
  }
  return opts.check ? check.exitCode : 0;
}
