// The one status report model. `models status` text, `--json`, `--check`, the live dashboard and
// doctor all render this; none of them computes a credential's state on its own.
import type { ProfileUsage } from '../usage/types.js';

export type HealthStatus = 'ok' | 'expiring' | 'expired' | 'missing' | 'static';

/** Where a credential came from. Only `store` profiles can be edited or reordered. */
export type CredentialSource = 'store' | 'claude-cli' | 'codex-cli' | 'env' | '.env' | 'shell env';

export interface UnusableState {
  kind: 'cooldown' | 'disabled';
  /** Failure reason for cooldowns, or `billing` etc. for disables. */
  reason?: string;
  until: number;
  remainingMs: number;
}

export interface ProfileReport {
  profileId: string;
  provider: string;
  /** api_key | token | oauth, or the raw type of a credential written by a newer program. */
  type: string;
  source: CredentialSource;
  /** Masked credential (never the secret): `sk-ant-api03-…abcd`. */
  masked: string;
  email?: string;
  /** Short human label, e.g. `token:sk-ant-oat01-…abcd` or `OAuth (me@example.com)`. */
  label: string;
  status: HealthStatus;
  expiresAt?: number;
  /** Negative once expired. */
  remainingMs?: number;
  /** OAuth with a refresh token: an expired access token is not an alarm. */
  canRefresh: boolean;
  /** A refresh failed permanently (invalid_grant, revoked): sign in again. */
  needsReauth: boolean;
  unusable?: UnusableState;
  /** 1-based position in the order requests will try, or null when it would be skipped. */
  orderPosition: number | null;
  /** Why a request would skip it: missing secret, expired, cooldown until T, mode mismatch... */
  skipReason?: string;
  lastUsed?: number;
  errorCount?: number;
  /** The command that fixes its problem, when it has one. */
  fix?: string;
  /** Result of `--probe`, when run. */
  probe?: { status: string; latencyMs?: number; error?: string };
  /** For env/.env/shell env credentials: the variable it came from. */
  envVar?: string;
  /** Subscription usage windows, when asked for (`--usage`, `--warn-usage`). */
  usage?: ProfileUsage;
}

export interface ProviderReport {
  provider: string;
  /** A provider of the default model or its fallbacks. */
  inUse: boolean;
  /** Profile ids in the order they will be tried (cooldown/disabled last). */
  order: string[];
  orderSource: 'store' | 'config' | 'round-robin';
  profiles: ProfileReport[];
  /** Worst state among the usable candidates; `missing` when a provider in use has none. */
  status: HealthStatus;
  effective: { kind: 'profiles' | 'env' | 'missing'; detail?: string };
  /** The profile the next request would use. */
  next?: string;
  /** When it is in use with no usable credential: the command that adds one. */
  fix?: string;
}

export type StateCount = HealthStatus | 'cooldown' | 'disabled';

export interface AgentReport {
  agentId: string;
  agentDir: string;
  storePath: string;
  /** Set when the store could not be read; providers then come from other sources only. */
  storeError?: string;
  providers: ProviderReport[];
  counts: Record<StateCount, number>;
  notes: string[];
  /** This agent's models (per-agent overrides in agents.list[] win over agents.defaults). */
  defaultModel?: string;
  fallbacks?: string[];
  providersInUse?: string[];
  /** Providers in use with no usable credential. */
  missingProvidersInUse?: string[];
}

export interface StatusReport {
  generatedAt: number;
  warnAfterMs: number;
  configPath: string;
  defaultModel: string;
  fallbacks: string[];
  providersInUse: string[];
  agents: AgentReport[];
  /** Set when clawdbot.json could not be read (defaults were used). */
  configError?: string;
  /** `env.shellEnv`: whether the login shell env was read and which credential variables it supplied. */
  shellEnv?: { enabled: boolean; appliedKeys: string[]; error?: string };
}

/** What `--check` concludes from a report. */
export interface CheckProblem {
  level: 'error' | 'warn';
  agentId: string;
  provider?: string;
  profileId?: string;
  message: string;
  fix?: string;
}

export interface CheckResult {
  /** 0 fine, 1 something in use is expired/missing/unusable, 2 something expires within the warn window. */
  exitCode: 0 | 1 | 2;
  problems: CheckProblem[];
}
