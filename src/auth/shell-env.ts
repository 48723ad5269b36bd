// `env.shellEnv`: credentials exported in the user's login shell profile (~/.profile, ~/.zprofile)
// are not in a daemon's environment. When the config enables it, we run the login shell once,
// with a timeout, ask it for its environment (NUL-separated, so values with newlines survive),
// and offer the variables the process lacks as the source `shell env`. Values are never printed:
// errors say only what failed.
import { lazyChildProcess } from '../util/lazy-builtins.js';
import type { ClawdbotConfig, Env } from '../store/index.js';

export const DEFAULT_SHELL_ENV_TIMEOUT_MS = 5000;
const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

export interface ShellEnvResult {
  enabled: boolean;
  /** The variables the login shell has (empty when disabled or failed). */
  vars: Record<string, string>;
  /** One line on why it could not be read (never contains a value). */
  error?: string;
  shell?: string;
}

export function shellEnvSettings(config: ClawdbotConfig): { enabled: boolean; timeoutMs: number } {
  const s = config.env?.shellEnv;
  const enabled = Boolean(s && typeof s === 'object' && s.enabled === true);
  const t = s && typeof s === 'object' ? Number(s.timeoutMs) : NaN;
  return { enabled, timeoutMs: Number.isFinite(t) && t > 0 ? Math.min(t, 60_000) : DEFAULT_SHELL_ENV_TIMEOUT_MS };
}

export function parseEnvOutput(out: string): Record<string, string> {
  const vars: Record<string, string> = {};
  // `env -0` separates entries with NUL; fall back to lines when a shell's env lacks -0.
  const entries = out.includes('\0') ? out.split('\0') : out.split('\n');
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq <= 0) continue;
    const name = entry.slice(0, eq).replace(/^\s+/, '');
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    vars[name] = entry.slice(eq + 1);
  }
  return vars;
}

const cache = new Map<string, Promise<ShellEnvResult>>();

/**
 * Read the login shell's environment once per process (per shell). Never throws: a missing shell,
 * a timeout or a non-zero exit become `error`.
 */
export function readLoginShellEnv(env: Env, timeoutMs = DEFAULT_SHELL_ENV_TIMEOUT_MS): Promise<ShellEnvResult> {
  const shell = env.SHELL?.trim() || '/bin/sh';
  const key = `${shell}\0${timeoutMs}`;
  let p = cache.get(key);
  if (!p) {
    p = runShell(shell, env, timeoutMs);
    cache.set(key, p);
  }
  return p;
}

function runShell(shell: string, env: Env, timeoutMs: number): Promise<ShellEnvResult> {
  return new Promise((resolve) => {
    const childEnv: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v;
    lazyChildProcess().execFile(
      shell,
      ['-l', '-c', 'env -0 2>/dev/null || env'],
      { env: childEnv, timeout: timeoutMs, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8', windowsHide: true, killSignal: 'SIGKILL' },
      (err, stdout) => {
        if (err) {
          const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null };
          const why =
            e.code === 'ENOENT'
              ? `shell ${shell} not found`
              : e.killed || e.signal
                ? `login shell ${shell} did not answer within ${Math.round(timeoutMs / 100) / 10}s`
                : `login shell ${shell} exited with an error`;
          resolve({ enabled: true, vars: {}, error: why, shell });
          return;
        }
        resolve({ enabled: true, vars: parseEnvOutput(stdout), shell });
      },
    );
  });
}

/** The shell env when the config enables it; `{enabled:false}` otherwise (no process is started). */
export async function loadShellEnv(config: ClawdbotConfig, env: Env): Promise<ShellEnvResult> {
  const { enabled, timeoutMs } = shellEnvSettings(config);
  if (!enabled) return { enabled: false, vars: {} };
  return readLoginShellEnv(env, timeoutMs);
}
