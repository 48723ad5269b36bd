// The setup shared by the refresh tests that race real processes: a temp state, a loopback token
// server that both providers' refreshes go to, and the worker processes a test starts (killed
// after each test). The fields are set before each test: read them inside it.
import path from 'node:path';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { type RefreshTokenServer, startRefreshTokenServer } from './refresh-token-server.js';
import { ROOT, type TempState, type WorkerHandle, makeTempState, requireBuild } from './store-cli.js';

/** Acts as the gateway refreshing one profile under its lock (see the file). */
export const GATEWAY_REFRESHER = path.join(ROOT, 'test', 'helpers', 'gateway-refresh-worker.mjs');

export interface RefreshFixture {
  t: TempState;
  server: RefreshTokenServer;
  /** The temp state's environment, with both providers' token endpoints on the server. */
  env: NodeJS.ProcessEnv;
  /** Workers a test starts; each is killed after the test. */
  workers: WorkerHandle[];
}

export function useRefreshFixture(tempPrefix: string): RefreshFixture {
  const f = { workers: [] as WorkerHandle[] } as RefreshFixture;
  beforeAll(() => requireBuild());
  beforeEach(async () => {
    f.t = await makeTempState(tempPrefix);
    f.server = await startRefreshTokenServer();
    f.env = { ...f.t.env, CLAWDBOT_OPENAI_OAUTH_BASE_URL: f.server.url, CLAWDBOT_ANTHROPIC_OAUTH_BASE_URL: f.server.url };
  });
  afterEach(async () => {
    for (const w of f.workers.splice(0)) w.child.kill('SIGKILL');
    await f.server.close();
    await f.t.cleanup();
  });
  return f;
}
