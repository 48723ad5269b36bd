// Starting the onboarding wizard from a command (`onboard`, `models auth add`): the real
// dependencies it is built from, Ink's colours decided before the UI chunk loads, and the one-line
// refusal on a terminal that cannot redraw. The caller has already decided the session is
// interactive; the UI itself is still imported by the caller, dynamically.
import { hostname } from 'node:os';
import { openAgentStore, readConfig } from '../../store/index.js';
import { errorMessage } from '../../util/redact.js';
import { isRemoteEnvironment } from '../../oauth/browser.js';
import { colorEnabled } from './output.js';
import type { ProviderChoice } from '../../../flows/onboard.js';
import type { WizardDeps } from '../../state/wizard/index.js';

/** The wizard redraws its screen, which TERM=dumb cannot do. */
export const DUMB_TERMINAL_MESSAGE =
  'This terminal (TERM=dumb) cannot show the wizard: run it where TERM names a real terminal (e.g. TERM=xterm-256color), ' +
  'or use `clawdbot onboard --non-interactive` / `clawdbot models auth paste-token --provider <p>`.';

/**
 * Ink's colours come from chalk, which ignores NO_COLOR and is decided when the UI chunk loads:
 * under NO_COLOR (or TERM=dumb) tell it no colours before that import.
 */
export function plainColorsForUi(env: NodeJS.ProcessEnv = process.env): void {
  if (!colorEnabled(process.stdout, env)) env.FORCE_COLOR = '0';
}

/** The real dependencies; every heavy module is imported only when it is used. */
export function defaultWizardDeps(o: { agentId: string; onlyProvider?: ProviderChoice; otherProvider?: string; env?: NodeJS.ProcessEnv }): WizardDeps {
  const env = o.env ?? process.env;
  const remote = isRemoteEnvironment(env) || env.CLAWDBOT_NO_BROWSER === '1';
  return {
    agentId: o.agentId,
    env,
    openStore: (id) => openAgentStore(id, env),
    now: () => Date.now(),
    remote,
    ...(o.onlyProvider ? { onlyProvider: o.onlyProvider } : {}),
    ...(o.otherProvider ? { otherProvider: o.otherProvider } : {}),
    browser: {
      canOpenBrowser: (e) => !remote && e.CLAWDBOT_NO_BROWSER !== '1' && !isRemoteEnvironment(e),
      openBrowser: async (url) => (await import('../../oauth/browser.js')).openBrowser(url),
      sshTunnelHint: (port) => `ssh -L ${port}:127.0.0.1:${port} ${hostname() || '<host>'}`,
    },
    oauth: {
      startCodexLogin: async (x) => (await import('../../oauth/openai-codex/index.js')).startCodexLogin({ env: x?.env ?? env }),
      startCodexDeviceLogin: async (x) => (await import('../../oauth/openai-codex/index.js')).startCodexDeviceLogin({ env: x?.env ?? env, ...(x?.signal ? { signal: x.signal } : {}) }),
    },
    probe: async (req) => (await import('../../auth/probe.js')).probeCredential(req),
    secretRefs: {
      resolve: async (spec, type) => {
        const { preflightRef } = await import('./secret-ref-input.js');
        try {
          return { ok: true, ...(await preflightRef(spec, type, openAgentStore(o.agentId, env).configPath, env)) };
        } catch (err) {
          return { ok: false, error: errorMessage(err) };
        }
      },
    },
    // Reuse is offered only where auth.externalLogins lets this agent have the login (the reason is
    // shown on the method list otherwise).
    externalCli: {
      readClaudeCliCredential: async (e) => (await import('../../auth/external-cli.js')).readExternalLoginForAgent('claude-cli', openAgentStore(o.agentId, env), e),
      readCodexCliCredential: async (e) => (await import('../../auth/external-cli.js')).readExternalLoginForAgent('codex-cli', openAgentStore(o.agentId, env), e),
    },
    models: {
      readDefaultModel: async (configPath, agentId) => {
        const { config } = await readConfig(configPath);
        const { resolveModelsInUse } = await import('../../auth/models-in-use.js');
        return resolveModelsInUse(config, agentId).primary;
      },
      setDefaultModel: async (configPath, model, x) => (await import('../../auth/models-in-use.js')).setDefaultModel(configPath, model, x),
    },
  };
}
