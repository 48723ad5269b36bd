// Fakes for the onboarding wizard's injected dependencies, around a REAL store in a temp dir (keys
// and the frame poller are in ink-ui.ts). Build a wizard in one line: createWizardStore(fakeDeps(t)).
import { vi } from 'vitest';
import { openAgentStore } from '../../src/store/index.js';
import type { WizardDeps } from '../../src/state/wizard/index.js';
import { defaultWizardDeps } from '../../src/commands/shared/wizard.js';
import type { CodexDeviceSession, CodexLoginSession, CodexSignInResult, ExternalCliRead, ProbeOutcome } from '../../flows/types.js';
import type { TempState } from './store-cli.js';

export interface FakeSignIn {
  session: CodexLoginSession;
  pasted: string[];
  complete(r: CodexSignInResult): void;
  fail(err: Error): void;
  cancelled: boolean;
}

export function fakeSignIn(url = 'http://127.0.0.1:1/oauth/authorize?state=abc&code_challenge=xyz'): FakeSignIn {
  let resolve!: (r: CodexSignInResult) => void;
  let reject!: (e: Error) => void;
  const result = new Promise<CodexSignInResult>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  result.catch(() => undefined);
  const f: FakeSignIn = {
    pasted: [],
    cancelled: false,
    complete: (r) => resolve(r),
    fail: (e) => reject(e),
    session: {
      authorizeUrl: url,
      callbackPort: 1455,
      redirectUri: 'http://localhost:1455/auth/callback',
      deadline: 0,
      result,
      submitPaste: async (input: string) => {
        f.pasted.push(input);
        if (!input.includes('code=')) throw new Error('That is not a redirect URL: paste the whole URL from the address bar.');
      },
      cancel: () => {
        f.cancelled = true;
      },
    },
  };
  return f;
}

export function fakeDevice(): { session: CodexDeviceSession; complete(r: CodexSignInResult): void } {
  let resolve!: (r: CodexSignInResult) => void;
  const result = new Promise<CodexSignInResult>((res) => (resolve = res));
  return {
    complete: (r) => resolve(r),
    session: { verificationUrl: 'http://127.0.0.1:1/codex/device', userCode: 'ABCD-1234', expiresAt: 0, intervalMs: 1000, result, cancel: () => undefined },
  };
}

export interface FakeDepsOptions {
  agentId?: string;
  now?: number;
  probe?: (secret: string) => ProbeOutcome | Promise<ProbeOutcome>;
  claude?: ExternalCliRead;
  codex?: ExternalCliRead;
  signIn?: FakeSignIn;
  device?: ReturnType<typeof fakeDevice>;
  remote?: boolean;
  onlyProvider?: WizardDeps['onlyProvider'];
}

export function fakeDeps(t: TempState, o: FakeDepsOptions = {}): WizardDeps & { probeCalls: string[]; opened: string[] } {
  const now = o.now ?? 1_700_000_000_000;
  const probeCalls: string[] = [];
  const opened: string[] = [];
  const deps: WizardDeps & { probeCalls: string[]; opened: string[] } = {
    probeCalls,
    opened,
    agentId: o.agentId ?? 'main',
    env: t.env,
    openStore: (id) => openAgentStore(id, t.env),
    now: () => now,
    remote: o.remote ?? false,
    ...(o.onlyProvider ? { onlyProvider: o.onlyProvider } : {}),
    browser: {
      canOpenBrowser: () => !(o.remote ?? false),
      openBrowser: async (url) => {
        opened.push(url);
        return true;
      },
      sshTunnelHint: (p) => `ssh -L ${p}:127.0.0.1:${p} <host>`,
    },
    oauth: {
      startCodexLogin: async () => {
        if (!o.signIn) throw new Error('no sign-in configured');
        return o.signIn.session;
      },
      startCodexDeviceLogin: async () => {
        if (!o.device) throw new Error('no device flow configured');
        return o.device.session;
      },
    },
    probe: async (req) => {
      probeCalls.push(req.secret);
      return o.probe ? o.probe(req.secret) : { status: 'ok', latencyMs: 5 };
    },
    externalCli: {
      readClaudeCliCredential: () => o.claude ?? { found: false, reason: 'no ~/.claude/.credentials.json' },
      readCodexCliCredential: () => o.codex ?? { found: false, reason: 'no ~/.codex/auth.json' },
    },
    // The shipped resolver and writer of the default model, on the temp dir's clawdbot.json.
    models: defaultWizardDeps({ agentId: o.agentId ?? 'main', env: t.env }).models,
    setInterval: vi.fn(() => 0),
    clearInterval: vi.fn(),
  };
  return deps;
}
