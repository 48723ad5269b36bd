// Canary secrets and the leak scanner. Every secret a test seeds is unique and
// recognisable; a scan looks for any 8-character piece of one (beyond its documented public
// prefix, which masked output is allowed to show) in any text or file.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { knownPrefix } from '../../src/util/mask.js';

export const PIECE = 8;

export interface Canary {
  /** What kind of secret this stands for, e.g. `anthropic api key`. */
  label: string;
  value: string;
}

/** A unique canary with a realistic public prefix: `sk-ant-api03-` + `CANARY` + 32 random chars. */
export function makeCanary(label: string, prefix = ''): Canary {
  const body = 'CANARY' + crypto.randomBytes(24).toString('base64url').slice(0, 32);
  return { label, value: prefix + body };
}

/** Every 8-character window of the secret that holds at least one character beyond its public prefix. */
export function secretPieces(secret: string): string[] {
  const publicLen = knownPrefix(secret).length;
  const out: string[] = [];
  for (let i = 0; i + PIECE <= secret.length; i++) if (i + PIECE > publicLen) out.push(secret.slice(i, i + PIECE));
  return out;
}

export interface Leak {
  where: string;
  label: string;
  piece: string;
  context: string;
}

/** Every canary piece found in `text` (one hit per canary per place is enough to report). */
export function findLeaks(text: string, canaries: Canary[], where: string): Leak[] {
  const leaks: Leak[] = [];
  for (const c of canaries) {
    for (const piece of secretPieces(c.value)) {
      const at = text.indexOf(piece);
      if (at >= 0) {
        leaks.push({ where, label: c.label, piece, context: JSON.stringify(text.slice(Math.max(0, at - 30), at + PIECE + 30)) });
        break;
      }
    }
  }
  return leaks;
}

/** Every regular file under `dir` (recursively), except those `exclude` says are credential stores. */
export function listFiles(dir: string, exclude: (file: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && !exclude(full)) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * A file of Node's compile cache for our bundles (src/util/compile-cache.ts, under the test's
 * HOME): V8's compiled code of dist/*.js, written from the source files alone, never from data.
 * Megabytes of it under one HOME made the canary scan slow, and it is not something a command
 * "created" in the user's sense.
 */
export function isCompileCache(file: string): boolean {
  return file.includes(`${path.sep}.cache${path.sep}clawdbot${path.sep}compile-cache${path.sep}`);
}

/** Scan the files under `dir` (other than the excluded credential stores and the compile cache) for canary pieces. */
export function scanFiles(dir: string, canaries: Canary[], exclude: (file: string) => boolean): Leak[] {
  const leaks: Leak[] = [];
  for (const f of listFiles(dir, (file) => exclude(file) || isCompileCache(file))) leaks.push(...findLeaks(fs.readFileSync(f, 'latin1'), canaries, `file ${f}`));
  return leaks;
}

export function formatLeaks(leaks: Leak[]): string {
  return leaks.map((l) => `${l.where}: ${l.label} piece ${JSON.stringify(l.piece)} in ${l.context}`).join('\n');
}

// A valid, Clawdbot-shaped auth-profiles.json: the seed for corruption fuzzing. Every credential
// type, an unknown future type, order, lastGood, usageStats and unknown fields.
export function validStoreDoc(): Record<string, unknown> {
  const now = 1_790_000_000_000;
  return {
    version: 1,
    profiles: {
      'anthropic:default': { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-FUZZfuzzFUZZfuzz0123456789abcdef' },
      'anthropic:manual': { type: 'token', provider: 'anthropic', token: 'sk-ant-oat01-FUZZtokenTOKENtoken0123456789', expires: now + 86_400_000 },
      'openai-codex:default': {
        type: 'oauth',
        provider: 'openai-codex',
        access: 'eyJhbGciOiJub25lIn0.eyJleHAiOjE3OTAwMDAwMDB9.',
        refresh: 'rt_FUZZrefreshREFRESH0123456789',
        expires: now + 3_600_000,
        accountId: 'acct_123',
        email: 'me@example.com',
      },
      'openrouter:work': { type: 'api_key', provider: 'openrouter', key: 'sk-or-v1-0123456789abcdef0123456789abcdef', note: 'ünïcødé ✓' },
      'future:thing': { type: 'passkey', provider: 'future', blob: { nested: [1, 2, 3] } },
    },
    order: { anthropic: ['anthropic:manual', 'anthropic:default'] },
    lastGood: { anthropic: 'anthropic:manual' },
    usageStats: {
      'anthropic:default': { lastUsed: now - 1000, errorCount: 2, failureCounts: { rate_limit: 2 }, cooldownUntil: now + 60_000 },
      'openrouter:work': { disabledUntil: now + 3_600_000, disabledReason: 'billing' },
    },
    futureTopLevel: { keep: true },
  };
}

export function validStoreBytes(): Buffer {
  return Buffer.from(JSON.stringify(validStoreDoc(), null, 2) + '\n', 'utf8');
}
