// `models status --plain` (and status off a terminal): text grouped by agent and provider. Every
// profile line has its position in the try order, id, type, source, masked credential, state,
// time left, cooldown and, when it would be skipped, why; then the command that fixes it.
// Rendered from the report only. Colour is decided by the caller (TTY and no NO_COLOR).
import { formatDuration } from '../util/duration.js';

import type { AgentReport, CheckResult, ProfileReport, ProviderReport, StatusReport } from './report-types.js';

export type TextColor = 'red' | 'green' | 'yellow' | 'magenta' | 'cyan' | 'dim' | 'bold';
export type Painter = (color: TextColor, text: string) => string;
const plain: Painter = (_c, t) => t;

export interface TextOptions {
  paint?: Painter;
  /** Renders a profile's usage line (given with `--usage`; the usage code is loaded only then). */
  usageText?: (usage: NonNullable<ProfileReport['usage']>, paint: Painter) => string;
}

/** The state word shown for a profile: the JSON `status`, plus `(refreshable)` for an expired OAuth access token. */
export function stateWord(p: ProfileReport): string {
  if (p.needsReauth) return `${p.status} (sign in again)`;
  if (p.status === 'expired' && p.canRefresh) return 'expired (refreshable)';
  return p.status;
}

/** `expires in 3d 4h`, `expired 5m 10s ago`, `no expiry`. */
export function timeLeft(p: ProfileReport): string {
  if (p.remainingMs === undefined) return p.status === 'missing' ? '' : 'no expiry';
  return p.remainingMs >= 0 ? `expires in ${formatDuration(p.remainingMs)}` : `expired ${formatDuration(-p.remainingMs)} ago`;
}

export function unusableTag(p: ProfileReport): string {
  const u = p.unusable;
  if (!u) return '';
  const left = formatDuration(Math.max(0, u.remainingMs));
  return u.kind === 'disabled' ? `[disabled${u.reason ? `:${u.reason}` : ''} ${left}]` : `[cooldown${u.reason ? `:${u.reason}` : ''} ${left}]`;
}

function stateColor(p: ProfileReport): TextColor {
  if (p.unusable) return p.unusable.kind === 'disabled' ? 'red' : 'magenta';
  switch (p.status) {
    case 'ok':
      return 'green';
    case 'expiring':
      return 'yellow';
    case 'expired':
      return p.canRefresh && !p.needsReauth ? 'yellow' : 'red';
    case 'missing':
      return 'red';
    default:
      return 'dim';
  }
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function providerHeading(pr: ProviderReport, paint: Painter): string {
  const use = pr.inUse ? 'in use' : 'not in use';
  const eff =
    pr.effective.kind === 'missing'
      ? paint('red', 'no usable credential')
      : pr.next
        ? `next: ${pr.next}`
        : pr.effective.kind === 'env'
          ? `uses ${pr.effective.detail ?? 'env'}`
          : '';
  const order = pr.order.length ? `order from ${pr.orderSource}` : '';
  return `  ${paint('bold', pr.provider)} (${use}) ${[eff, order].filter(Boolean).join('; ')}`.trimEnd();
}

function profileLines(pr: ProviderReport, paint: Painter, usageText?: TextOptions['usageText']): string[] {
  const rows = pr.profiles.map((p) => ({
    p,
    cells: [
      p.orderPosition === null ? '-' : `${p.orderPosition}.`,
      p.profileId,
      p.type,
      p.secretRef ? `ref ${p.secretRef.source}` : p.source === 'store' ? 'store' : p.envVar ? `${p.source}:${p.envVar}` : p.source,
      p.masked,
    ],
  }));
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => r.cells[i]!.length)));
  const stateWidth = Math.max(...rows.map((r) => stateWord(r.p).length));
  const out: string[] = [];
  for (const { p, cells } of rows) {
    const state = stateWord(p);
    const extra = [timeLeft(p), unusableTag(p)].filter(Boolean).join(' ');
    const line =
      '    ' +
      cells.map((c, i) => pad(c, widths[i]!)).join('  ') +
      '  ' +
      // Pad outside the colour codes so columns line up on a terminal too.
      paint(stateColor(p), state) +
      ' '.repeat(stateWidth - state.length) +
      (extra ? `  ${extra}` : '') +
      (p.probe ? `  probe: ${p.probe.status}${p.probe.latencyMs !== undefined ? ` ${p.probe.latencyMs}ms` : ''}${p.probe.error ? ` (${p.probe.error})` : ''}` : '');
    out.push(line.trimEnd());
    if (p.usage && usageText) out.push(`        ${usageText(p.usage, paint)}`);
    if (p.skipReason) out.push(`        ${paint('dim', `skipped: ${p.skipReason}`)}`);
    if (p.fix) out.push(`        fix: ${p.fix}`);
  }
  return out;
}

function countsLine(a: AgentReport): string {
  const parts = Object.entries(a.counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`);
  const total = a.providers.reduce((n, pr) => n + pr.profiles.length, 0);
  return `${total} credential${total === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

export function renderAgentText(report: StatusReport, a: AgentReport, opts: TextOptions = {}): string[] {
  const paint = opts.paint ?? plain;
  const lines: string[] = [];
  lines.push(`${paint('bold', `Agent ${a.agentId}`)}`);
  lines.push(`  Agent dir   ${a.agentDir}`);
  lines.push(`  Auth store  ${a.storePath}`);
  const model = a.defaultModel ?? report.defaultModel;
  const fallbacks = a.fallbacks ?? report.fallbacks;
  lines.push(`  Default     ${model}${fallbacks.length ? `  (fallbacks: ${fallbacks.join(', ')})` : ''}`);
  if (a.storeError) lines.push(`  ${paint('red', `Store unreadable: ${a.storeError}`)}`);
  lines.push(`  ${countsLine(a)}`);
  for (const pr of a.providers) {
    lines.push('');
    lines.push(providerHeading(pr, paint));
    if (pr.profiles.length === 0) lines.push(`    ${paint('red', 'no credential')}`);
    lines.push(...profileLines(pr, paint, opts.usageText));
  }
  if (a.notes.length) {
    lines.push('');
    lines.push('  Notes:');
    for (const n of a.notes) lines.push(`  - ${n}`);
  }
  return lines;
}

export function renderStatusText(report: StatusReport, check: CheckResult, opts: TextOptions = {}): string {
  const paint = opts.paint ?? plain;
  const lines: string[] = [];
  lines.push(`Config      ${report.configPath}${report.configError ? `  (${paint('red', `unreadable: ${report.configError}`)})` : ''}`);
  if (report.shellEnv?.enabled) {
    const se = report.shellEnv;
    lines.push(`Shell env   ${se.error ? paint('yellow', se.error) : se.appliedKeys.length ? `used ${se.appliedKeys.join(', ')}` : 'read; no credential variables used'}`);
  }
  for (const a of report.agents) {
    lines.push('');
    lines.push(...renderAgentText(report, a, opts));
  }
  lines.push('');
  if (check.problems.length === 0) lines.push(paint('green', 'All credentials in use are usable.'));
  else {
    lines.push(check.exitCode === 1 ? paint('red', 'Problems:') : paint('yellow', 'Warnings:'));
    const sorted = [...check.problems].sort((x, y) => (x.level === y.level ? 0 : x.level === 'error' ? -1 : 1));
    for (const pr of sorted) {
      const who = report.agents.length > 1 ? `[${pr.agentId}] ` : '';
      lines.push(`- ${who}${paint(pr.level === 'error' ? 'red' : 'yellow', pr.message)}${pr.fix ? `  fix: ${pr.fix}` : ''}`);
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * `--check` output: one line per problem (errors first, each with its fix), or `ok: ...`; then,
 * per agent, where each provider in use gets its credential from.
 */
export function renderCheckText(report: StatusReport, check: CheckResult): string {
  const lines: string[] = [];
  const many = report.agents.length > 1;
  const sorted = [...check.problems].sort((x, y) => (x.level === y.level ? 0 : x.level === 'error' ? -1 : 1));
  for (const p of sorted) {
    lines.push(`${p.level === 'error' ? 'error' : 'warning'}: ${many ? `[${p.agentId}] ` : ''}${p.message}${p.fix ? ` (fix: ${p.fix})` : ''}`);
  }
  if (check.exitCode === 0) lines.push('ok: every credential in use is usable');
  for (const a of report.agents) {
    for (const pr of a.providers) {
      if (!pr.inUse) continue;
      const next = pr.profiles.find((p) => p.profileId === pr.next);
      const who = many ? `[${a.agentId}] ` : '';
      if (!next) {
        lines.push(`  ${who}${pr.provider}: no usable credential`);
        continue;
      }
      const from = next.envVar ? `${next.envVar} from ${next.source}` : `${next.profileId} (${next.type}, ${next.source})`;
      const when = next.remainingMs !== undefined ? `, ${next.remainingMs >= 0 ? `expires in ${formatDuration(next.remainingMs)}` : next.canRefresh ? 'refreshes on use' : 'expired'}` : '';
      lines.push(`  ${who}${pr.provider}: ${from}${when}`);
    }
  }
  return lines.join('\n') + '\n';
}
