// ChatGPT's usage for a ChatGPT sign-in (openai-codex OAuth):
// GET {CLAWDBOT_CHATGPT_BASE_URL}/backend-api/wham/usage -> { plan_type, rate_limit: { primary_window,
// secondary_window: { used_percent, limit_window_seconds, reset_at (epoch s) } } }.
import type { Env } from '../store/index.js';
import { clampPercent, finiteNumber } from './http.js';
import type { UsageWindow } from './types.js';

export const CHATGPT_DEFAULT_BASE_URL = 'https://chatgpt.com';
export const CHATGPT_USAGE_DISPLAY_NAME = 'ChatGPT';

export function chatGptUsageUrl(env: Env): string {
  const base = (env.CLAWDBOT_CHATGPT_BASE_URL?.trim() || CHATGPT_DEFAULT_BASE_URL).replace(/\/+$/, '');
  return `${base}/backend-api/wham/usage`;
}

export function chatGptUsageHeaders(token: string, accountId: string | undefined): Record<string, string> {
  const h: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
  if (accountId) h['chatgpt-account-id'] = accountId;
  return h;
}

/** `5h`, `Day`, `Week` from a window's length in seconds. */
function windowLabel(seconds: number | undefined, fallback: string): string {
  if (seconds === undefined || seconds <= 0) return fallback;
  const hours = Math.round(seconds / 3600);
  if (hours >= 168) return 'Week';
  if (hours >= 24) return hours % 24 === 0 && hours > 24 ? `${hours / 24}d` : 'Day';
  if (hours >= 1) return `${hours}h`;
  return `${Math.max(1, Math.round(seconds / 60))}m`;
}

function parseWindow(raw: unknown, fallback: string, now: number): UsageWindow | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const w = raw as Record<string, unknown>;
  const used = finiteNumber(w.used_percent);
  if (used === undefined) return undefined;
  const window: UsageWindow = { label: windowLabel(finiteNumber(w.limit_window_seconds), fallback), usedPercent: clampPercent(used) };
  const resetAt = finiteNumber(w.reset_at);
  const resetAfter = finiteNumber(w.reset_after_seconds);
  if (resetAt !== undefined && resetAt > 0) window.resetAt = resetAt * 1000;
  else if (resetAfter !== undefined && resetAfter >= 0) window.resetAt = now + resetAfter * 1000;
  return window;
}

/** Windows and plan of a 200 answer; undefined when the answer is not the expected shape at all. */
export function parseChatGptUsage(json: Record<string, unknown>, now: number): { windows: UsageWindow[]; plan?: string } | undefined {
  if (!('rate_limit' in json) && !('plan_type' in json)) return undefined;
  const rl = json.rate_limit && typeof json.rate_limit === 'object' ? (json.rate_limit as Record<string, unknown>) : {};
  const windows: UsageWindow[] = [];
  const primary = parseWindow(rl.primary_window, '5h', now);
  const secondary = parseWindow(rl.secondary_window, 'Week', now);
  if (primary) windows.push(primary);
  if (secondary) windows.push(secondary);
  const plan = typeof json.plan_type === 'string' && json.plan_type.trim() ? json.plan_type.trim() : undefined;
  return plan ? { windows, plan } : { windows };
}
