// Opening the sign-in page, only where a browser can open (never over SSH or on a display-less
// Linux host); the URL is always printed as well by the caller.
import { hostname } from 'node:os';

/** Over SSH, in a remote container, or on Linux without a display (and not WSL), no browser can open here. */
export function isRemoteEnvironment(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
  if (env.SSH_CONNECTION || env.SSH_TTY || env.SSH_CLIENT) return true;
  if (env.CODESPACES || env.REMOTE_CONTAINERS) return true;
  return platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY && !env.WSL_DISTRO_NAME;
}

export function canOpenBrowser(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
  if (env.CLAWDBOT_NO_BROWSER === '1') return false;
  return !isRemoteEnvironment(env, platform);
}

/** Best effort; resolves false when nothing could be opened. Never throws. */
export async function openBrowser(url: string, timeoutMs = 5000): Promise<boolean> {
  try {
    const { default: open } = await import('open');
    const child = await Promise.race([
      open(url, { wait: false }),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeoutMs).unref()),
    ]);
    if (!child) return false;
    child.on('error', () => {});
    child.unref?.();
    return true;
  } catch {
    return false;
  }
}

/**
 * The tunnel that makes the loopback callback reachable from the user's own browser, naming this
 * host as it calls itself (the name the user ssh'ed to may be an alias of it).
 */
export function sshTunnelHint(port: number, host: string = hostname()): string {
  return `ssh -L ${port}:127.0.0.1:${port} ${host.trim() || '<host>'}`;
}
