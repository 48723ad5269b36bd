// Opening the sign-in page, only where a browser can open (never over SSH or on a display-less
// Linux host); the URL is always printed as well by the caller.
import { isRemoteSession } from '../commands/tty.js';

export function canOpenBrowser(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
  if (env.CLAWDBOT_NO_BROWSER === '1') return false;
  return !isRemoteSession(env, platform);
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

/** The tunnel that makes the loopback callback reachable from the user's own browser. */
export function sshTunnelHint(port: number): string {
  return `ssh -L ${port}:127.0.0.1:${port} <host>`;
}
