// Findings from the one status model (auth/report): expired and expiring credentials with the
// command that fixes each, providers in use with no credential, cooldowns and disables. Doctor
// never recomputes a credential's state itself.
import type { AgentReport, ProfileReport, ProviderReport } from '../auth/report-types.js';
import { formatDuration } from '../util/duration.js';
import { addCredentialCommand, isExcludedReason } from '../auth/report.js';
import { takeMainSignInFix } from '../auth/inherit-main.js';
import { agentFlag } from '../store/index.js';
import { signInCommand } from './references.js';
import type { Finding } from './types.js';

function fixFor(p: ProfileReport, agentId: string): string {
  return p.fix ?? signInCommand(p.profileId, p.provider, p.type, agentId);
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
    findings.push(...providerFindings(prov, report.agentId));
  }
  return findings;
}

const ENV_SOURCES = new Set(['env', '.env', 'shell env']);

function providerFindings(prov: ProviderReport, agentId: string): Finding[] {
  const findings: Finding[] = [];
  const sev = (inUseSeverity: 'error' | 'warning') => (prov.inUse ? inUseSeverity : 'warning');
  if (prov.inUse && prov.effective.kind === 'missing') {
    const candidates = prov.profiles.filter((p) => !isExcludedReason(p.skipReason));
    const blocked = candidates.filter((p) => p.unusable);
    const allBlocked = candidates.length > 0 && blocked.length === candidates.length;
    findings.push({
      id: 'provider.missing',
      severity: 'error',
      subject: prov.provider,
      message: allBlocked
        ? `${prov.provider} is in use but every profile is in cooldown or disabled`
        : `${prov.provider} is in use but has no usable credential`,
      fix: allBlocked
        ? `clawdbot models auth cooldown clear${agentFlag(agentId)}`
        : addCredentialCommand(prov.provider, agentId),
    });
  }
  for (const p of prov.profiles) {
    if (ENV_SOURCES.has(p.source) || isExcludedReason(p.skipReason)) continue;
    const what = `${p.profileId} (${p.label})`;
    const refreshCmd = `clawdbot models auth refresh --profile ${p.profileId}${agentFlag(agentId)}`;
    if (p.needsReauth) {
      findings.push({
        id: 'credential.needs-reauth',
        severity: sev('error'),
        subject: p.profileId,
        // A sub-agent's copy whose main agent holds a newer sign-in: the report's fix is the
        // refresh that takes it (auth/inherit-main.ts), not a new sign-in.
        message: `${what}: the provider rejected its refresh token; ${p.fix === takeMainSignInFix(p.profileId, agentId) ? 'the main agent holds a newer sign-in of it' : 'sign in again'}`,
        fix: fixFor(p, agentId),
      });
    } else if (p.status === 'expired' && p.canRefresh) {
      findings.push({
        id: 'credential.expired-refreshable',
        severity: 'info',
        subject: p.profileId,
        message: `${what}: access token expired ${left(p.remainingMs)}; it is refreshed on next use`,
        fix: refreshCmd,
      });
    } else if (p.status === 'expired') {
      findings.push({
        id: 'credential.expired',
        severity: sev('error'),
        subject: p.profileId,
        message: `${what}: expired ${left(p.remainingMs)}${p.type === 'token' ? ' (a token cannot be refreshed)' : ''}`,
        fix: fixFor(p, agentId),
      });
    } else if (p.status === 'expiring' && p.canRefresh) {
      findings.push({
        id: 'credential.expiring-refreshable',
        severity: 'info',
        subject: p.profileId,
        message: `${what}: access token expires ${left(p.remainingMs)}; it is refreshed automatically`,
        fix: refreshCmd,
      });
    } else if (p.status === 'expiring') {
      // Only a problem for a provider the configured models use; otherwise worth knowing.
      findings.push({
        id: 'credential.expiring',
        severity: prov.inUse ? 'warning' : 'info',
        subject: p.profileId,
        message: `${what}: expires ${left(p.remainingMs)} and cannot be refreshed${prov.inUse ? '' : ` (${prov.provider} is not used by the configured models)`}`,
        fix: fixFor(p, agentId),
      });
    } else if (p.status === 'missing') {
      findings.push({
        id: 'credential.missing',
        severity: sev('error'),
        subject: p.profileId,
        message: `${what}: ${p.skipReason ?? 'has no usable secret'}`,
        fix: fixFor(p, agentId),
      });
    }
    if (p.skipReason?.startsWith('unknown credential type')) {
      findings.push({
        id: 'credential.unsupported',
        severity: 'info',
        subject: p.profileId,
        message: `${p.profileId}: ${p.skipReason}; kept as it is and never used by this version`,
        fix: 'upgrade clawdbot',
      });
    }
    if (p.unusable) {
      const u = p.unusable;
      findings.push({
        id: u.kind === 'disabled' ? 'credential.disabled' : 'credential.cooldown',
        severity: u.kind === 'disabled' ? 'warning' : 'info',
        subject: p.profileId,
        message: `${p.profileId}: ${u.kind === 'disabled' ? 'disabled' : 'in cooldown'}${u.reason ? ` (${u.reason})` : ''} for ${formatDuration(u.remainingMs)} more; requests try other profiles first`,
        fix: `clawdbot models auth cooldown clear ${p.profileId}${agentFlag(agentId)}`,
      });
    }
  }
  return findings;
}
