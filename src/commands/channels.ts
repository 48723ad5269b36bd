// `clawdbot channels list [--json] [--no-usage] [--agent ID]`: the list Clawdbot's docs point to for
// profile ids (`channels list --json` shows `auth[]`), in Clawdbot's shape:
// `{ chat: {<channel>: [accountIds]}, auth: [{id, provider, type, isExternal}], usage? }`.
// Reads the store and the config; the usage endpoints are asked unless --no-usage.
import { openAgentStore, readConfig, type ClawdbotConfig } from '../store/index.js';
import { profileSource } from '../auth/report.js';
import { displaySafe } from '../util/sanitize.js';
import { colorEnabled, paint, printJson, println } from './shared/output.js';

export interface ChannelsListOptions {
  json?: boolean;
  /** False with --no-usage. */
  usage?: boolean;
  agent?: string;
}

/**
 * Chat channel accounts from `channels.<name>`: the keys of `accounts` when it has any, else the
 * channel's own settings are its one `default` account.
 */
export function channelAccounts(config: ClawdbotConfig): Record<string, string[]> {
  const chat: Record<string, string[]> = {};
  const channels = config.channels;
  if (!channels || typeof channels !== 'object' || Array.isArray(channels)) return chat;
  for (const [name, value] of Object.entries(channels as Record<string, unknown>)) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    const accounts = (value as { accounts?: unknown }).accounts;
    const ids = accounts && typeof accounts === 'object' && !Array.isArray(accounts) ? Object.keys(accounts) : [];
    chat[name] = ids.length ? ids.sort() : ['default'];
  }
  return chat;
}

export async function channelsListCommand(opts: ChannelsListOptions): Promise<number> {
  const store = openAgentStore(opts.agent);
  const { store: doc } = await store.load();
  const { config } = await readConfig(store.configPath);
  const auth = Object.entries(doc.profiles)
    .map(([id, cred]) => ({ id, provider: String(cred.provider), type: String(cred.type), isExternal: profileSource(id, cred) !== 'store' }))
    .sort((a, b) => a.provider.localeCompare(b.provider) || a.id.localeCompare(b.id));
  const chat = channelAccounts(config);

  let usage: Awaited<ReturnType<typeof import('../usage/channels-usage.js').fetchUsageSummary>> | undefined;
  if (opts.usage !== false && auth.length) {
    const { fetchUsageSummary } = await import('../usage/channels-usage.js');
    usage = await fetchUsageSummary(store.storePath, auth.map((a) => a.id));
  }

  if (opts.json) {
    printJson({ agentId: store.agentId, chat, auth, ...(usage ? { usage: usage.json } : {}) });
    return 0;
  }
  const p = paint(colorEnabled());
  println(`Auth profiles (agent ${store.agentId}):`);
  if (!auth.length) println(`- none yet: add one with \`clawdbot onboard\` or \`clawdbot models auth paste-token --provider P\``);
  for (const a of auth) {
    const external = a.isExternal ? p('dim', a.provider === 'anthropic' ? '  (Claude Code login)' : '  (Codex CLI login)') : '';
    println(`- ${displaySafe(a.id)}  ${displaySafe(a.provider)}  ${displaySafe(a.type)}${external}`);
    const line = usage?.lines.get(a.id);
    if (line) println(`    ${line}`);
  }
  const names = Object.keys(chat);
  println(`Chat channels:${names.length ? '' : ' none configured'}`);
  for (const name of names) println(`- ${displaySafe(name)}: ${chat[name]!.map(displaySafe).join(', ')}`);
  return 0;
}
