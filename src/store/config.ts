// clawdbot.json: JSON5 on read (users hand-edit it, with comments), plain JSON on write, as
// Clawdbot does. Updates are patches under the lock like the auth store; the previous version is
// kept as clawdbot.json.bak. Only the parts this program uses are typed; everything else is kept.
import { requirePackage } from '../util/lazy-builtins.js';
import { StoreCorruptError } from '../util/errors.js';
import { type WarningSink, defaultWarningSink, ensurePrivateDir, readFileIfExists, writePrivateFileAtomic } from './atomic-file.js';
import path from 'node:path';
import { withFileLock, type LockOptions } from './lock.js';
import { decodeJsonFile } from './json-text.js';
import type { SecretsConfig } from './secret-ref.js';

export type ConfigAuthMode = 'api_key' | 'oauth' | 'token';

export interface ConfigAuthProfile {
  provider: string;
  mode: ConfigAuthMode | string;
  email?: string;
  [extra: string]: unknown;
}

export interface ClawdbotConfig {
  auth?: {
    profiles?: Record<string, ConfigAuthProfile>;
    order?: Record<string, string[]>;
    cooldowns?: {
      billingBackoffHours?: number;
      billingBackoffHoursByProvider?: Record<string, number>;
      billingMaxHours?: number;
      failureWindowHours?: number;
    };
    [extra: string]: unknown;
  };
  agents?: {
    defaults?: {
      model?: { primary?: string; fallbacks?: string[]; [extra: string]: unknown };
      models?: Record<string, { params?: Record<string, unknown>; alias?: string; [extra: string]: unknown }>;
      [extra: string]: unknown;
    };
    list?: Array<{ id: string; agentDir?: string; model?: unknown; [extra: string]: unknown }>;
    [extra: string]: unknown;
  };
  env?: { shellEnv?: { enabled?: boolean; timeoutMs?: number }; [extra: string]: unknown };
  /** Secret providers for keyRef/tokenRef (OpenClaw's shape); see secret-ref.ts. */
  secrets?: SecretsConfig;
  [extra: string]: unknown;
}

export interface LoadedConfig {
  config: ClawdbotConfig;
  exists: boolean;
  path: string;
}

// json5 is required only for a config that is not plain JSON (comments, trailing commas...). The
// files this program and Clawdbot write are plain JSON, and `models status` reads the config on
// every cron run, so the JSON5 parser is not part of that start-up.
let json5: { parse(text: string): unknown } | undefined;

function parseJson5(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    json5 ??= requirePackage<{ parse(text: string): unknown }>('json5');
    return json5.parse(text);
  }
}

export function parseConfig(filePath: string, bytes: Buffer): ClawdbotConfig {
  const text = decodeJsonFile(filePath, bytes);
  let value: unknown;
  try {
    value = parseJson5(text);
  } catch (err) {
    const e = err as { message?: string; lineNumber?: number; columnNumber?: number };
    const reason = (e.message ?? String(err)).replace(/^JSON5: /, '').replace(/ at \d+:\d+$/, '');
    const where = e.lineNumber ? `line ${e.lineNumber}, column ${e.columnNumber ?? 1}` : undefined;
    throw new StoreCorruptError(filePath, `not valid JSON5: ${reason}`, where);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new StoreCorruptError(filePath, 'expected a JSON object', '(top level)');
  }
  const cfg = value as ClawdbotConfig;
  const profiles = cfg.auth?.profiles;
  if (profiles !== undefined && (typeof profiles !== 'object' || profiles === null || Array.isArray(profiles))) {
    throw new StoreCorruptError(filePath, 'wrong shape: expected an object', 'auth.profiles');
  }
  const order = cfg.auth?.order;
  if (order !== undefined) {
    if (typeof order !== 'object' || order === null || Array.isArray(order)) {
      throw new StoreCorruptError(filePath, 'wrong shape: expected an object', 'auth.order');
    }
    for (const [p, ids] of Object.entries(order)) {
      if (!Array.isArray(ids) || ids.some((x) => typeof x !== 'string')) {
        throw new StoreCorruptError(filePath, 'wrong shape: expected a list of profile ids', `auth.order[${JSON.stringify(p)}]`);
      }
    }
  }
  return cfg;
}

export async function readConfig(filePath: string): Promise<LoadedConfig> {
  const bytes = await readFileIfExists(filePath);
  if (bytes === undefined) return { config: {}, exists: false, path: filePath };
  return { config: parseConfig(filePath, bytes), exists: true, path: filePath };
}

/**
 * Config migrations, applied in memory on every read and persisted by the next config write
 * (and by doctor). Returns a description of each change made.
 */
export function migrateConfig(cfg: ClawdbotConfig): string[] {
  const notes: string[] = [];
  const claudeCli = cfg.auth?.profiles?.['anthropic:claude-cli'];
  if (claudeCli && claudeCli.mode === 'token') {
    claudeCli.mode = 'oauth';
    notes.push('auth.profiles["anthropic:claude-cli"].mode: "token" -> "oauth" (accepts both setup-tokens and OAuth)');
  }
  return notes;
}

export async function updateConfig<T>(
  filePath: string,
  mutate: (cfg: ClawdbotConfig) => T,
  options: LockOptions & { warn?: WarningSink } = {},
): Promise<T> {
  const warn = options.warn ?? defaultWarningSink;
  // The lock file lives next to the config: its directory must exist first (a config path set
  // with CLAWDBOT_CONFIG_PATH may point into a directory that does not exist yet).
  await ensurePrivateDir(path.dirname(filePath), warn);
  return withFileLock(
    filePath,
    async (lock) => {
      const bytes = await readFileIfExists(filePath);
      const cfg = bytes === undefined ? {} : parseConfig(filePath, bytes);
      migrateConfig(cfg);
      const result = mutate(cfg);
      await lock.assertHeld();
      if (bytes !== undefined) await writePrivateFileAtomic(`${filePath}.bak`, bytes.toString('utf8'), warn);
      await writePrivateFileAtomic(filePath, JSON.stringify(cfg, null, 2) + '\n', warn);
      return result;
    },
    options,
  );
}
