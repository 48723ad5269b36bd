// Reuse the Claude Code login (~/.claude/.credentials.json) as anthropic:claude-cli.
import type { ExternalCliRead } from './types.js';
import { describeReuse, type ReuseSummary } from './reuse.js';

export const CLAUDE_CLI_PROFILE_NAME = 'claude-cli';

export function describeClaudeCli(read: ExternalCliRead | undefined, now: number): ReuseSummary {
  return describeReuse('Claude Code', read, now);
}
