// `clawdbot secrets audit [--json] [--check] [--agent ID]`: plaintext secrets, references that do
// not resolve, loose permissions. --check exits 1 while a secret that could be a reference is still
// in plaintext or a reference does not resolve, for CI and cron.
import { normalizeAgentId } from '../store/index.js';
import { auditFails, auditSecrets, type AuditReport } from '../secrets/audit.js';
import { printJson, println } from './shared/output.js';

export interface SecretsAuditOptions {
  json?: boolean;
  check?: boolean;
  agent?: string;
}

function textLines(r: AuditReport): string[] {
  const out: string[] = [];
  const movable = r.plaintext.filter((f) => f.canBeRef);
  const oauth = r.plaintext.filter((f) => !f.canBeRef);
  out.push(movable.length ? `Plaintext secrets (${movable.length}):` : 'No plaintext secrets that could be references.');
  for (const f of movable) {
    out.push(`  ${f.path}  ${f.where}  ${f.masked}`);
    if (f.fix) out.push(`    fix: ${f.fix}`);
  }
  if (oauth.length) {
    out.push(`OAuth tokens (${oauth.length}, stay plaintext: a rotating refresh token must be writable):`);
    for (const f of oauth) out.push(`  ${f.path}  ${f.where}  ${f.masked}`);
  }
  out.push(r.unresolved.length ? `References that do not resolve (${r.unresolved.length} of ${r.refs}):` : `References: ${r.refs}, all resolve.`);
  for (const u of r.unresolved) {
    out.push(`  ${u.profileId} (agent ${u.agentId})  ${u.ref}: ${u.problem}`);
    out.push(`    fix: ${u.fix}`);
  }
  if (r.permissions.length) out.push(`Loose permissions (${r.permissions.length}):`);
  for (const p of r.permissions) out.push(`  ${p.path}  ${p.mode}: ${p.problem}; fix: ${p.fix}`);
  for (const e of r.errors) out.push(`Not read: ${e}`);
  // A profile's line carries its own command; a secret in .env or the config is moved by hand.
  if (movable.some((f) => f.fix)) {
    out.push('Each fix stores a reference in place of the secret. A Clawdbot 2026.1.x gateway reads only plaintext and will not see such a profile; this CLI and OpenClaw resolve references (docs/security.md).');
  }
  if (movable.some((f) => !f.fix)) out.push('Move a secret in .env or clawdbot.json into the environment or a secrets provider by hand (docs/security.md).');
  return out;
}

export async function secretsAuditCommand(opts: SecretsAuditOptions): Promise<number> {
  const agentIds = opts.agent ? [normalizeAgentId(opts.agent)] : undefined;
  const report = await auditSecrets({ ...(agentIds ? { agentIds } : {}) });
  const failing = auditFails(report);
  if (opts.json) printJson({ ...report, ok: !failing });
  else for (const line of textLines(report)) println(line);
  return opts.check && failing ? 1 : 0;
}
