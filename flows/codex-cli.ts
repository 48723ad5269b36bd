// Reuse the Codex CLI login ($CODEX_HOME/auth.json) as openai-codex:codex-cli.
import type { ExternalCliRead } from './types.js';
import { describeReuse, type ReuseSummary } from './reuse.js';

export const CODEX_CLI_PROFILE_NAME = 'codex-cli';

export function describeCodexCli(read: ExternalCliRead | undefined, now: number): ReuseSummary {
  return describeReuse('Codex CLI', read, now);
}
