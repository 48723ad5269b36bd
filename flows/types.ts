// Shapes shared by the onboarding flows. Flows are pure: everything that touches the network, the
// disk, a browser or the clock reaches them through these injected interfaces, so the Ink wizard,
// `onboard --non-interactive` and the tests all drive the same machine.
import type { KnownCredential } from '../src/store/index.js';

import type { ProbeArgs, ProbeResult } from '../src/auth/probe.js';
import type { CodexDeviceSession, CodexLoginSession, CodexSignInResult } from '../src/oauth/openai-codex/index.js';

export type { ProbeStatus } from '../src/auth/probe.js';
export type { CodexDeviceSession, CodexLoginSession, CodexSignInResult };

export type ProbeRequest = Omit<ProbeArgs, 'fetchImpl'>;
export type ProbeOutcome = ProbeResult;
export type ProbeFn = (req: ProbeRequest) => Promise<ProbeOutcome>;

export interface OAuthModule {
  startCodexLogin(opts?: { env?: NodeJS.ProcessEnv }): Promise<CodexLoginSession>;
  startCodexDeviceLogin(opts?: { env?: NodeJS.ProcessEnv; signal?: AbortSignal }): Promise<CodexDeviceSession>;
}

export type ExternalCliRead =
  | { found: true; credential: KnownCredential; path: string; expiresAt?: number }
  | { found: false; reason: string };

export interface ExternalCliReaders {
  readClaudeCliCredential(env: NodeJS.ProcessEnv): Promise<ExternalCliRead> | ExternalCliRead;
  readCodexCliCredential(env: NodeJS.ProcessEnv): Promise<ExternalCliRead> | ExternalCliRead;
}

export interface BrowserOpener {
  canOpenBrowser(env: NodeJS.ProcessEnv): boolean;
  openBrowser(url: string): Promise<boolean>;
  sshTunnelHint(port: number): string;
}

/** Outcome of checking a typed or pasted secret. */
export type SecretCheck = { ok: true; value: string; warning?: string } | { ok: false; error: string };
