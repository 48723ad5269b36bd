// What doctor reports. One finding is one line a person can act on: what is wrong, and the
// command that fixes it. No UI here; the command renders findings as text or JSON.
import type { Env } from '../store/index.js';
import type { AgentStore } from '../store/index.js';
import type { AgentReport } from '../auth/report-types.js';

/**
 * error: something is broken now (a credential in use is unusable, a file cannot be read).
 * warning: it will break, or it is unsafe (expiring, readable by others, dangling reference).
 * info: worth knowing, not a problem (a cooldown that will pass, an import that was done).
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Stable kind, e.g. `permissions.file`, `store.corrupt`; tests and scripts key on it. */
  id: string;
  severity: Severity;
  /** One line: what is wrong (or what was done). Never contains a secret. */
  message: string;
  /** The command (or action) that fixes it. */
  fix?: string;
  /** True when this run fixed it; false when it tried and failed. */
  fixed?: boolean;
  /** The file or profile it is about. */
  subject?: string;
}

export interface DoctorResult {
  /** True when nothing is left that is an error or warning and not fixed. */
  ok: boolean;
  agentId: string;
  storePath: string;
  findings: Finding[];
}

/** Work that other modules own, injected so doctor runs with the real engine or with fakes. */
export interface DoctorDeps {
  /** Import Claude Code / Codex CLI logins into the store; returns one note per change. */
  syncExternalCli?: (store: AgentStore, env: Env, now: number) => Promise<string[]>;
  /** The one status model, for expiring / expired / cooldown findings. */
  buildAgentReport?: (store: AgentStore, env: Env, now: number) => Promise<AgentReport>;
  /** Refresh one OAuth profile now. */
  refreshProfile?: (store: AgentStore, profileId: string) => Promise<void>;
  /** Ask the person (TTY) whether to do something; absent = never ask. */
  confirm?: (question: string) => Promise<boolean>;
}

export interface DoctorOptions {
  agentId?: string;
  env?: Env;
  /** Fix what can be fixed (`--repair` / `--fix`). */
  repair?: boolean;
  /** Do repairs and refreshes without asking (`--yes`). */
  yes?: boolean;
  now?: number;
  deps?: DoctorDeps;
}

export function isProblem(f: Finding): boolean {
  return f.severity !== 'info' && f.fixed !== true;
}
