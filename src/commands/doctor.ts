// `clawdbot doctor [--repair|--fix] [--yes] [--agent ID] [--json]`: one line per finding with the
// command that fixes it. Exit 0 when nothing is left to fix, 1 otherwise. No UI: a terminal only
// gets y/N questions (before repairs without --yes, and to refresh expiring OAuth tokens).
import { runDoctor, type DoctorDeps, type DoctorResult, type Finding, isProblem } from '../doctor/index.js';
import { colorEnabled, paint, printJson, println } from './shared/output.js';
import { confirm } from './shared/confirm.js';
import { requireKnownAgent } from '../store/index.js';
import { isInteractive } from './shared/tty.js';
import { wireDoctorDeps } from '../doctor/wire.js';

export interface DoctorFlags {
  repair?: boolean;
  fix?: boolean;
  yes?: boolean;
  agent?: string;
  json?: boolean;
}

function renderFinding(f: Finding, c: ReturnType<typeof paint>): string[] {
  const mark =
    f.fixed === true
      ? c('green', 'fixed  ')
      : f.severity === 'error'
        ? c('red', 'error  ')
        : f.severity === 'warning'
          ? c('yellow', 'warning')
          : c('dim', 'info   ');
  // One line per finding, the fix on the same line (as `models status --check` prints it).
  return [`${mark} ${f.message}${f.fix && f.fixed !== true ? ` (fix: ${f.fix})` : ''}`];
}

/** `repairHint: false` when the next thing on screen is the question that offers the repair. */
export function renderDoctorText(result: DoctorResult, color = false, repairHint = true): string {
  const c = paint(color);
  const out = [`Doctor: agent ${result.agentId} (${result.storePath})`];
  for (const f of result.findings) out.push(...renderFinding(f, c));
  const problems = result.findings.filter(isProblem).length;
  const fixed = result.findings.filter((f) => f.fixed === true && f.severity !== 'info').length;
  if (!result.findings.length) out.push(c('green', 'Everything looks healthy.'));
  else if (!problems) out.push(c('green', `Healthy${fixed ? ` (${fixed} fixed)` : ''}.`));
  else {
    const fixable = result.findings.some((f) => isProblem(f) && f.fix?.includes('doctor --repair'));
    out.push(
      `${problems} problem${problems === 1 ? '' : 's'} left${fixed ? `, ${fixed} fixed` : ''}.` +
        (fixable && repairHint ? ' Run `clawdbot doctor --repair` to fix what can be fixed automatically.' : ''),
    );
  }
  return out.join('\n');
}

export function doctorJson(result: DoctorResult): unknown {
  return {
    ok: result.ok,
    agentId: result.agentId,
    storePath: result.storePath,
    findings: result.findings.map((f) => ({
      id: f.id,
      severity: f.severity,
      message: f.message,
      ...(f.fix !== undefined ? { fix: f.fix } : {}),
      ...(f.fixed !== undefined ? { fixed: f.fixed } : {}),
      ...(f.subject !== undefined ? { subject: f.subject } : {}),
    })),
  };
}

export async function doctorCommand(opts: DoctorFlags): Promise<number> {
  const interactive = !opts.json && isInteractive();
  const deps: DoctorDeps = { ...(await wireDoctorDeps()) };
  if (interactive && !opts.yes) deps.confirm = (q) => confirm(q);
  let repair = opts.repair === true || opts.fix === true;
  const base = { agentId: await requireKnownAgent(opts.agent), env: process.env, yes: opts.yes === true, deps };

  if (repair && interactive && !opts.yes) {
    // Show what is wrong first and ask once before changing anything.
    const preview = await runDoctor({ ...base, deps: { ...deps, refreshProfile: undefined } });
    const fixable = preview.findings.filter((f) => isProblem(f) && f.fix?.includes('doctor --repair'));
    if (!fixable.length) return finish(preview, opts);
    println(renderDoctorText(preview, colorEnabled(), false));
    repair = await confirm(`Repair ${fixable.length} problem${fixable.length === 1 ? '' : 's'} now?`);
    if (!repair) {
      println('Nothing was changed. Repair later with `clawdbot doctor --repair`, or without the question with `--repair --yes`.');
      return preview.ok ? 0 : 1;
    }
  }
  const result = await runDoctor({ ...base, repair });
  return finish(result, opts);
}

function finish(result: DoctorResult, opts: DoctorFlags): number {
  if (opts.json) printJson(doctorJson(result));
  else println(renderDoctorText(result, colorEnabled()));
  return result.ok ? 0 : 1;
}
