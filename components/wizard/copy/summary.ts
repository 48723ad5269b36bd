// The summary step's lines and the live check's result in words; nothing here is ever a secret.
import { maskSecret } from '../../../src/util/mask.js';
import { formatRemaining } from '../../../src/util/duration.js';
import { profileIdOf, referenceShown, siblingProfiles, type KnownCredential, type OnboardData } from '../../../src/state/wizard/index.js';

export function describeProbe(p: OnboardData['probe']): { ok: boolean; line: string } {
  if (!p) return { ok: false, line: 'not checked' };
  const ms = typeof p.latencyMs === 'number' && p.latencyMs > 0 ? ` (${p.latencyMs} ms)` : '';
  switch (p.status) {
    case 'ok':
      return { ok: true, line: `ok: the provider accepted it${ms}` };
    case 'skipped':
      return { ok: true, line: `not checked${p.error ? `: ${p.error}` : ''}` };
    case 'auth':
      return { ok: false, line: `rejected: the provider says this credential is not valid${p.error ? ` (${p.error})` : ''}` };
    case 'billing':
      return { ok: false, line: `accepted, but the account has a billing problem${p.error ? ` (${p.error})` : ''}` };
    case 'rate_limit':
      return { ok: false, line: `rate limited right now; the credential itself may be fine${p.error ? ` (${p.error})` : ''}` };
    case 'timeout':
      return { ok: false, line: 'no answer in time: the provider could not be reached (saving still works)' };
    case 'network':
      // The probe's error names what could not be reached and why ("Could not reach https://… (ECONNREFUSED).").
      if (p.error?.startsWith('Could not reach ')) return { ok: false, line: `could${p.error.slice('Could'.length).replace(/\.$/, '')}; saving still works` };
      return { ok: false, line: `could not reach the provider${p.error ? ` (${p.error})` : ''}; saving still works` };
    case 'format':
      return { ok: false, line: `the provider says the credential is malformed${p.error ? ` (${p.error})` : ''}` };
    default:
      return { ok: false, line: `unexpected answer${p.error ? `: ${p.error}` : ''}` };
  }
}

export function credentialLabel(c: KnownCredential, now: number): string {
  const ref = referenceShown(c);
  if (ref) return `${c.type === 'api_key' ? 'API key' : 'token'} stored as a reference to ${ref}`;
  const base = c.type === 'api_key' ? `API key ${maskSecret(c.key)}` : c.type === 'token' ? `token ${maskSecret(c.token)}` : `OAuth ${maskSecret(c.access)}`;
  const exp = c.type === 'api_key' ? undefined : c.expires;
  const email = c.email ? ` (${c.email})` : '';
  return `${base}${email}${typeof exp === 'number' ? `, ${formatRemaining(exp - now)}` : ''}`;
}

export function summaryLines(d: OnboardData, now: number): Array<[string, string]> {
  const lines: Array<[string, string]> = [['Agent', d.agentId]];
  const id = profileIdOf(d);
  if (id && d.credential) {
    lines.push(['Profile', `${id}${d.existing[id] ? ' (replaces the existing one)' : ''}`]);
    lines.push(['Credential', credentialLabel(d.credential, now)]);
    if (siblingProfiles(d).length) lines.push(['Order', d.placement === 'first' ? 'tried first' : d.placement === 'last' ? 'tried last' : 'unchanged']);
    if (d.warning) lines.push(['Note', d.warning]);
    lines.push(['Live check', describeProbe(d.probe).line]);
  }
  if (d.copy.length) lines.push(['Copy from main', d.copy.join(', ')]);
  return lines;
}
