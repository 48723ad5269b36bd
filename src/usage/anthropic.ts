// Anthropic's subscription usage (Claude Pro/Max OAuth and setup-tokens):
// GET {ANTHROPIC_BASE_URL}/api/oauth/usage -> { five_hour, seven_day, seven_day_opus?, seven_day_sonnet? },
// each `{ utilization: percent used, resets_at: ISO time }` or null.
import { ANTHROPIC_DEFAULT_BASE_URL, ANTHROPIC_OAUTH_BETA } from '../auth/probe.js';
import type { Env } from '../store/index.js';
import { clampPercent, finiteNumber } from './http.js';
import type { UsageWindow } from './types.js';

export const ANTHROPIC_USAGE_DISPLAY_NAME = 'Claude';

/** The usage URL; a base URL that ends in `/v1` (as some users set it for the API) is trimmed. */
export function anthropicUsageUrl(env: Env): string {
  const base = (env.ANTHROPIC_BASE_URL?.trim() || ANTHROPIC_DEFAULT_BASE_URL).replace(/\/+$/, '').replace(/\/v1$/, '');
  return `${base}/api/oauth/usage`;
}

export function anthropicUsageHeaders(token: string): Record<string, string> {
  return {
    authorization: `Bearer ${token}`,
    'anthropic-version': '2023-06-01',
    'anthropic-beta': ANTHROPIC_OAUTH_BETA,
    accept: 'application/json',
  };
}

const WINDOWS: Array<[field: string, label: string]> = [
  ['five_hour', '5h'],
  ['seven_day', 'Week'],
  ['seven_day_opus', 'Opus'],
  ['seven_day_sonnet', 'Sonnet'],
];

/** The windows of a 200 answer; undefined when the answer is not the expected shape at all. */
export function parseAnthropicUsage(json: Record<string, unknown>): UsageWindow[] | undefined {
  if (!WINDOWS.some(([field]) => field in json)) return undefined;
  const out: UsageWindow[] = [];
  for (const [field, label] of WINDOWS) {
    const w = json[field];
    if (!w || typeof w !== 'object') continue;
    const used = finiteNumber((w as { utilization?: unknown }).utilization);
    if (used === undefined) continue;
    const window: UsageWindow = { label, usedPercent: clampPercent(used) };
    const reset = (w as { resets_at?: unknown }).resets_at;
    const at = typeof reset === 'string' ? Date.parse(reset) : undefined;
    if (at !== undefined && Number.isFinite(at)) window.resetAt = at;
    out.push(window);
  }
  return out;
}

/** A 403 that means "this token lacks the scope the usage endpoint needs" (setup-tokens). */
export function isMissingScope(status: number, body: string): boolean {
  return status === 403 && /scope/i.test(body);
}
