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
  for (const f of movable) out.push(`  ${f.path}  ${f.where}  ${f.masked}`);
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
  if (movable.length) out.push('Move a secret out of plaintext: `clawdbot models auth paste-token --provider <p> --ref env:NAME` (see docs/security.md).');
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
