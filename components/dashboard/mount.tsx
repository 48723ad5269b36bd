// Renders the dashboard on the real terminal and resolves with the exit code when the user quits.
// Only src/commands/models-status-dashboard.ts imports this, dynamically, once it has decided the
// session is interactive.
import React from 'react';
import { render } from 'ink';
import type { DashboardStore } from '../../src/state/dashboard/index.js';
import type { UsageStore } from '../../src/state/usage-store.js';
import { Dashboard } from './Dashboard.js';

export interface MountOptions {
  color: boolean;
  usage?: UsageStore;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
}

export async function mountDashboard(store: DashboardStore, opts: MountOptions): Promise<number> {
  const app = render(<Dashboard store={store} color={opts.color} {...(opts.usage ? { usage: opts.usage } : {})} />, {
    exitOnCtrlC: false,
    patchConsole: false,
    // Only what changed is sent (a tick rewrites a few countdowns, not the whole table).
    // test/unit/ink-incremental-writer holds Ink's incremental writer to its standard one.
    incrementalRendering: true,
    ...(opts.stdout ? { stdout: opts.stdout } : {}),
    ...(opts.stdin ? { stdin: opts.stdin } : {}),
  });
  try {
    await app.waitUntilExit();
  } finally {
    store.getState().stop();
    opts.usage?.getState().stop();
  }
  return 0;
}
