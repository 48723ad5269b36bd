// Whether a surface may be interactive. Decided before any UI module is imported: Ink in a pipe
// crashes with "Raw mode is not supported", and in CI it renders only the last frame.

export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  // Ink (is-in-ci) treats CI as set even when empty; CI=false and CI=0 opt out.
  if (!('CI' in env)) return false;
  const v = (env.CI ?? '').toLowerCase();
  return v !== 'false' && v !== '0';
}

export function isInteractive(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY) && !isCI(env);
}

/** Over SSH, or on Linux without a display, a browser cannot be opened here. */
export function isRemoteSession(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
  if (env.SSH_CONNECTION || env.SSH_TTY || env.SSH_CLIENT) return true;
  if (env.CODESPACES || env.REMOTE_CONTAINERS) return true;
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY && !env.WSL_DISTRO_NAME) return true;
  return false;
}

/** TERM=dumb: no cursor movement, no redrawing. Line-by-line output and plain prompts only. */
export function isDumbTerminal(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.TERM ?? '').trim().toLowerCase() === 'dumb';
}

/** Whether a full-screen live UI (the dashboard, the wizard) can be drawn here. */
export function canDrawLiveUi(env: NodeJS.ProcessEnv = process.env): boolean {
  return isInteractive(env) && !isDumbTerminal(env);
}
