// Where every file lives. Pure functions of the environment so tests and the dashboard can point
// the whole program at a temp dir with CLAWDBOT_STATE_DIR.
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../util/errors.js';

export const DEFAULT_AGENT_ID = 'main';

/** What a printed command needs to act on `agentId`: ` --agent ID`, or nothing for the default agent. */
export function agentFlag(agentId: string): string {
  return agentId === DEFAULT_AGENT_ID ? '' : ` --agent ${agentId}`;
}
export const AUTH_STORE_FILENAME = 'auth-profiles.json';
export const CONFIG_FILENAME = 'clawdbot.json';

export type Env = Record<string, string | undefined>;

export function expandHome(p: string, env: Env): string {
  if (p === '~') return homeDir(env);
  if (p.startsWith('~/')) return path.join(homeDir(env), p.slice(2));
  return p;
}

export function homeDir(env: Env = process.env): string {
  return env.HOME && env.HOME.length > 0 ? env.HOME : os.homedir();
}

export function resolveStateDir(env: Env = process.env): string {
  const override = env.CLAWDBOT_STATE_DIR?.trim();
  if (override) return path.resolve(expandHome(override, env));
  return path.join(homeDir(env), '.clawdbot');
}

export function resolveConfigPath(env: Env = process.env): string {
  const override = env.CLAWDBOT_CONFIG_PATH?.trim();
  if (override) return path.resolve(expandHome(override, env));
  return path.join(resolveStateDir(env), CONFIG_FILENAME);
}

const AGENT_ID_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Agent ids are directory names: lower-case letters, digits, `-` and `_`, at most 64 characters. */
export function normalizeAgentId(raw: string | undefined): string {
  const id = (raw ?? DEFAULT_AGENT_ID).trim().toLowerCase();
  if (!AGENT_ID_RE.test(id)) {
    throw new UsageError(
      `Invalid agent id "${raw}": use 1-64 lower-case letters, digits, "-" or "_", starting with a letter or digit.`,
    );
  }
  return id;
}

/**
 * The agent dir: `$CLAWDBOT_AGENT_DIR` applies to the default agent only (that is how Clawdbot
 * uses it: one process, one agent), else `<state>/agents/<id>/agent`.
 */
export function resolveAgentDir(agentId: string = DEFAULT_AGENT_ID, env: Env = process.env): string {
  const id = normalizeAgentId(agentId);
  const override = env.CLAWDBOT_AGENT_DIR?.trim();
  if (override && id === DEFAULT_AGENT_ID) return path.resolve(expandHome(override, env));
  return path.join(resolveStateDir(env), 'agents', id, 'agent');
}

export function authStorePath(agentDir: string): string {
  return path.join(agentDir, AUTH_STORE_FILENAME);
}

export function envFilePath(env: Env = process.env): string {
  return path.join(resolveStateDir(env), '.env');
}

export function legacyOAuthPath(env: Env = process.env): string {
  const override = env.CLAWDBOT_OAUTH_DIR?.trim();
  const dir = override ? path.resolve(expandHome(override, env)) : path.join(resolveStateDir(env), 'credentials');
  return path.join(dir, 'oauth.json');
}

export function legacyAgentAuthPath(agentDir: string): string {
  return path.join(agentDir, 'auth.json');
}

export function agentsRoot(env: Env = process.env): string {
  return path.join(resolveStateDir(env), 'agents');
}

/** Shared lock directory for per-credential refresh locks (they span agents). */
export function locksDir(env: Env = process.env): string {
  return path.join(resolveStateDir(env), 'locks');
}

export function claudeCredentialsPath(env: Env = process.env): string {
  const dir = env.CLAUDE_CONFIG_DIR?.trim();
  return path.join(dir ? path.resolve(expandHome(dir, env)) : path.join(homeDir(env), '.claude'), '.credentials.json');
}

export function codexAuthPath(env: Env = process.env): string {
  const dir = env.CODEX_HOME?.trim();
  return path.join(dir ? path.resolve(expandHome(dir, env)) : path.join(homeDir(env), '.codex'), 'auth.json');
}
