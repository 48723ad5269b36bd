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

/** TERM=dumb: no cursor movement, no redrawing. Line-by-line output and plain prompts only. */
export function isDumbTerminal(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.TERM ?? '').trim().toLowerCase() === 'dumb';
}

/** Whether a full-screen live UI (the dashboard, the wizard) can be drawn here. */
export function canDrawLiveUi(env: NodeJS.ProcessEnv = process.env): boolean {
  return isInteractive(env) && !isDumbTerminal(env);
}
