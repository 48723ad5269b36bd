// Findings from the one status model (auth/report): expired and expiring credentials with the
// command that fixes each, providers in use with no credential, cooldowns and disables. Doctor
// never recomputes a credential's state itself.
import type { AgentReport, ProfileReport, ProviderReport } from '../auth/report-types.js';
import { formatDuration } from '../auth/duration.js';
import { signInCommand } from './references.js';
import type { Finding } from './types.js';

function fixFor(p: ProfileReport): string {
  return p.fix ?? signInCommand(p.profileId, p.provider, p.type);
}

function left(ms: number | undefined): string {
  if (ms === undefined) return '';
  return ms >= 0 ? `in ${formatDuration(ms)}` : `${formatDuration(-ms)} ago`;
}

/** Profiles whose OAuth access token should be refreshed now (expiring, or expired but refreshable). */
export function refreshCandidates(report: AgentReport): ProfileReport[] {
  const out: ProfileReport[] = [];
  for (const prov of report.providers) {
    for (const p of prov.profiles) {
      if (p.type !== 'oauth' || !p.canRefresh || p.needsReauth) continue;
      if (p.status === 'expiring' || p.status === 'expired') out.push(p);
    }
  }
  return out;
}

export function credentialFindings(report: AgentReport): Finding[] {
  const findings: Finding[] = [];
  if (report.storeError) return findings; // reported by the file checks
  for (const prov of report.providers) {
    findings.push(...providerFindings(prov));
  }
  return findings;
}

function providerFindings(prov: ProviderReport): Finding[] {
  const findings: Finding[] = [];
  if (prov.inUse && prov.status === 'missing' && prov.effective.kind === 'missing') {
    findings.push({
      id: 'provider.missing',
      severity: 'error',
      subject: prov.provider,
      message: `no usable credential for ${prov.provider}, which the configured models use`,
      fix: prov.profiles.find((p) => p.fix)?.fix ?? `clawdbot onboard (or ${signInCommand(`${prov.provider}:default`, prov.provider)})`,
    });
  }
  for (const p of prov.profiles) {
    const what = `${p.profileId} (${p.label})`;
    if (p.needsReauth) {
      findings.push({
        id: 'credential.needs-reauth',
        severity: 'error',
        subject: p.profileId,
        message: `${what}: the provider rejected its refresh token; sign in again`,
        fix: fixFor(p),
      });
    } else if (p.status === 'expired' && p.canRefresh) {
      findings.push({
        id: 'credential.expired-refreshable',
        severity: 'info',
        subject: p.profileId,
        message: `${what}: access token expired ${left(p.remainingMs)}; it is refreshed on next use`,
        fix: `clawdbot models auth refresh --profile ${p.profileId}`,
      });
    } else if (p.status === 'expired') {
      findings.push({
        id: 'credential.expired',
        severity: prov.inUse ? 'error' : 'warning',
        subject: p.profileId,
        message: `${what}: expired ${left(p.remainingMs)}${p.type === 'token' ? ' (a token cannot be refreshed)' : ''}`,
        fix: fixFor(p),
      });
    } else if (p.status === 'expiring') {
      findings.push({
        id: 'credential.expiring',
        severity: 'warning',
        subject: p.profileId,
        message: `${what}: expires ${left(p.remainingMs)}`,
        fix: p.type === 'oauth' && p.canRefresh ? `clawdbot models auth refresh --profile ${p.profileId}` : fixFor(p),
      });
    } else if (p.status === 'missing') {
      findings.push({
        id: 'credential.missing',
        severity: prov.inUse ? 'error' : 'warning',
        subject: p.profileId,
        message: `${what}: ${p.skipReason ?? 'has no usable secret'}`,
        fix: fixFor(p),
      });
    }
    if (p.unusable) {
      const u = p.unusable;
      findings.push({
        id: u.kind === 'disabled' ? 'credential.disabled' : 'credential.cooldown',
        severity: u.kind === 'disabled' ? 'warning' : 'info',
        subject: p.profileId,
        message: `${p.profileId}: ${u.kind === 'disabled' ? 'disabled' : 'in cooldown'}${u.reason ? ` (${u.reason})` : ''} for ${formatDuration(u.remainingMs)} more; requests try other profiles first`,
        fix: `clawdbot models auth cooldown clear ${p.profileId}`,
      });
    }
  }
  return findings;
}
