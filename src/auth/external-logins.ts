// Which agents receive the vendor CLIs' logins (Claude Code, Codex CLI), from clawdbot.json:
//
//   "auth": { "externalLogins": {
//     "claude-cli": { "import": false },                 // never use Claude Code's login
//     "codex-cli":  { "agents": ["main", "work"] }       // these agents get the Codex CLI login
//   } }
//
// `import` defaults to true, `agents` to the default agent only (["main"]); "*" in `agents` means
// every agent. Nothing is inherited silently: a new agent gets a vendor login only when listed.
import type { ClawdbotConfig } from '../store/config.js';
import { DEFAULT_AGENT_ID } from '../store/paths.js';

export type ExternalCliId = 'claude-cli' | 'codex-cli';

export interface ExternalLoginPolicy {
  imports: boolean;
  /** When not imported: why, and how to turn it on, as one clause each (no trailing period). */
  why?: string;
  enable?: string;
}

function entryOf(config: ClawdbotConfig, cli: ExternalCliId): { import?: unknown; agents?: unknown } | undefined {
  const all = config.auth?.externalLogins;
  if (!all || typeof all !== 'object') return undefined;
  const e = (all as Record<string, unknown>)[cli];
  return e && typeof e === 'object' ? (e as { import?: unknown; agents?: unknown }) : undefined;
}

/** The agents listed for a CLI (lower-cased, as agent ids are), or the default agent alone. */
export function externalLoginAgents(config: ClawdbotConfig, cli: ExternalCliId): string[] {
  const agents = entryOf(config, cli)?.agents;
  if (!Array.isArray(agents)) return [DEFAULT_AGENT_ID];
  return agents.filter((a): a is string => typeof a === 'string').map((a) => a.trim().toLowerCase());
}

export function externalLoginPolicy(config: ClawdbotConfig, cli: ExternalCliId, agentId: string): ExternalLoginPolicy {
  const key = `auth.externalLogins["${cli}"]`;
  if (entryOf(config, cli)?.import === false) {
    return { imports: false, why: `${key}.import is false`, enable: `set ${key}.import to true in clawdbot.json` };
  }
  const agents = externalLoginAgents(config, cli);
  if (agents.includes('*') || agents.includes(agentId)) return { imports: true };
  const listed = Array.isArray(entryOf(config, cli)?.agents) ? `${key}.agents` : `${key}.agents (default ["${DEFAULT_AGENT_ID}"])`;
  return { imports: false, why: `agent ${agentId} is not in ${listed}`, enable: `add "${agentId}" to ${key}.agents in clawdbot.json` };
}
