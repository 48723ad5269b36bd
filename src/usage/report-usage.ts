// Usage for `models status --usage` / `--warn-usage`: each stored profile of the report gets its
// `usage`, and `--warn-usage N` turns a window more than N% used on a profile in use into a
// warning (exit 2 with --check). Loaded only when one of those flags is given.
import { UsageError } from '../util/errors.js';
import { formatDuration } from '../util/duration.js';
import type { CheckProblem, CheckResult, StatusReport } from '../auth/report-types.js';
import type { UsageFetchOptions } from './profile.js';
import { fetchStoreUsage } from './store-usage.js';

export { paintedUsageLine } from './format.js';
// The report hands its store reads over, so usage does not read each store again.
export { rememberStoreRead } from './store-usage.js';

const ENV_SOURCES = new Set(['env', '.env', 'shell env']);

/** Fetch and attach `usage` to every stored profile of every agent in the report. */
export async function attachUsage(report: StatusReport, opts: UsageFetchOptions = {}): Promise<void> {
  for (const a of report.agents) {
    if (a.storeError) continue;
    const profiles = a.providers.flatMap((pr) => pr.profiles).filter((p) => !ENV_SOURCES.has(p.source));
    if (!profiles.length) continue;
    const usage = await fetchStoreUsage({ ...opts, storePath: a.storePath, profileIds: profiles.map((p) => p.profileId) });
    for (const p of profiles) {
      const u = usage.get(p.profileId);
      if (u) p.usage = u;
    }
  }
}

/** `--warn-usage 90`: a percentage from 1 to 100 (a trailing `%` is fine). */
export function parseWarnUsage(raw: string): number {
  const s = raw.trim().replace(/%$/, '');
  const n = Number(s);
  if (!/^\d+(\.\d+)?$/.test(s) || !(n > 0 && n <= 100)) {
    throw new UsageError(`Invalid --warn-usage "${raw}": use a percentage from 1 to 100, like 90.`);
  }
  return n;
}

/**
 * One warning per profile in use (a provider in use, and a place in the order requests try) with
 * a window more than `percent` used. Profiles whose usage could not be read do not warn.
 */
export function usageProblems(report: StatusReport, percent: number): CheckProblem[] {
  const problems: CheckProblem[] = [];
  for (const a of report.agents) {
    for (const pr of a.providers) {
      if (!pr.inUse) continue;
      for (const p of pr.profiles) {
        if (p.orderPosition === null || p.usage?.status !== 'ok') continue;
        const over = p.usage.windows.filter((w) => w.usedPercent > percent).sort((x, y) => y.usedPercent - x.usedPercent);
        if (!over.length) continue;
        const w = over[0]!;
        const reset = w.resetAt !== undefined && w.resetAt > report.generatedAt ? `, resets in ${formatDuration(w.resetAt - report.generatedAt)}` : '';
        problems.push({
          level: 'warn',
          agentId: a.agentId,
          provider: pr.provider,
          profileId: p.profileId,
          message: `${p.profileId}: ${w.label} window ${Math.round(w.usedPercent)}% used (over ${percent}%${reset})`,
        });
      }
    }
  }
  return problems;
}

/** The check with usage warnings added: an error stays exit 1, otherwise a warning makes it 2. */
export function withUsageProblems(check: CheckResult, problems: CheckProblem[]): CheckResult {
  if (!problems.length) return check;
  return { exitCode: check.exitCode === 1 ? 1 : 2, problems: [...check.problems, ...problems] };
}
