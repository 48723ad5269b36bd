// Reusing a login another CLI already holds (Claude Code, Codex CLI): say what was found, or why not.
import { formatRemaining } from '../../../src/util/duration.js';
import type { ExternalCliRead } from '../../../src/state/wizard/index.js';

export interface ReuseSummary {
  available: boolean;
  /** One line: "Claude Code login found, expires in 5h 00m" or why it cannot be used. */
  line: string;
  /** The same after "Reuse Claude Code login" in the method list: "found, expires in 5h 00m". */
  hint: string;
}

export function describeReuse(tool: string, read: ExternalCliRead | undefined, now: number): ReuseSummary {
  const said = (available: boolean, hint: string, line = `${tool} login ${hint}`): ReuseSummary => ({ available, line, hint });
  if (!read) return said(false, 'looking…', `Looking for a ${tool} login…`);
  if (!read.found) return said(false, `not available: ${read.reason}`, `No usable ${tool} login: ${read.reason}`);
  const exp = read.expiresAt ?? (typeof (read.credential as { expires?: unknown }).expires === 'number' ? (read.credential as { expires: number }).expires : undefined);
  if (exp === undefined) return said(true, `found (no expiry recorded), in ${read.path}`);
  const remaining = exp - now;
  const canRefresh = read.credential.type === 'oauth' && Boolean(read.credential.refresh);
  if (remaining < 0 && !canRefresh) return said(false, `found but it ${formatRemaining(remaining)}; sign in to ${tool} again first.`);
  return said(true, `found, ${formatRemaining(remaining)}${remaining < 0 ? ' (will refresh)' : ''}`);
}
