// A cheap live call with one credential, to tell "works" from "rejected", "rate limited", "out of
// credit", "timed out" and "unreachable". Used by `models status --probe` and offered by the wizard
// before saving; it never blocks saving and never throws.
import { redact, registerSecret } from '../util/redact.js';
import { adviceForAnthropicError } from '../oauth/anthropic.js';
import { openAiAccountId } from '../oauth/jwt.js';

export type ProbeStatus = 'ok' | 'auth' | 'rate_limit' | 'billing' | 'timeout' | 'network' | 'format' | 'unknown';

export interface ProbeResult {
  status: ProbeStatus;
  error?: string;
  latencyMs: number;
  /** HTTP status when the server answered. */
  httpStatus?: number;
}

export interface ProbeArgs {
  provider: string;
  /** api_key | token | oauth */
  type: string;
  secret: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
}

export const DEFAULT_PROBE_TIMEOUT_MS = 8000;
export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';
export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const ANTHROPIC_OAUTH_BETA = 'oauth-2025-04-20';

function trimSlash(s: string): string {
  return s.replace(/\/+$/, '');
}

/** `${base}/models`, with a `/v1` added to a bare Anthropic host. */
function modelsUrl(provider: string, env: NodeJS.ProcessEnv): string | undefined {
  if (provider === 'anthropic') {
    const base = trimSlash(env.ANTHROPIC_BASE_URL?.trim() || ANTHROPIC_DEFAULT_BASE_URL);
    return /\/v1$/.test(base) ? `${base}/models?limit=1` : `${base}/v1/models?limit=1`;
  }
  if (provider === 'openai' || provider === 'openai-codex') {
    const base = trimSlash(env.OPENAI_BASE_URL?.trim() || OPENAI_DEFAULT_BASE_URL);
    return `${base}/models`;
  }
  return undefined;
}

function headersFor(provider: string, type: string, secret: string): Record<string, string> {
  if (provider === 'anthropic') {
    const h: Record<string, string> = { 'anthropic-version': '2023-06-01', accept: 'application/json' };
    if (type === 'api_key' && !secret.includes('sk-ant-oat')) h['x-api-key'] = secret;
    else {
      h.authorization = `Bearer ${secret}`;
      h['anthropic-beta'] = ANTHROPIC_OAUTH_BETA;
    }
    return h;
  }
  const h: Record<string, string> = { authorization: `Bearer ${secret}`, accept: 'application/json' };
  if (provider === 'openai-codex') {
    const account = openAiAccountId(secret);
    if (account) h['chatgpt-account-id'] = account;
  }
  return h;
}

function messageOf(body: string): string | undefined {
  try {
    const j = JSON.parse(body) as { error?: unknown; message?: unknown };
    const e = j.error;
    if (typeof e === 'string') return e;
    if (e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string') return (e as { message: string }).message;
    if (typeof j.message === 'string') return j.message;
  } catch {
    /* not JSON */
  }
  const t = body.trim();
  return t ? t.slice(0, 200) : undefined;
}

export function classifyHttpStatus(status: number, message = ''): ProbeStatus {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 401 || status === 403) return /credit|billing|quota/i.test(message) ? 'billing' : 'auth';
  if (status === 402) return 'billing';
  if (status === 429) return /insufficient_quota|billing|credit balance|exceeded your current quota/i.test(message) ? 'billing' : 'rate_limit';
  if (status === 400 && /credit balance|billing/i.test(message)) return 'billing';
  if (status === 400 && /only authorized for use with Claude Code/i.test(message)) return 'auth';
  if (status === 408 || status === 504) return 'timeout';
  return 'unknown';
}

export async function probeCredential(args: ProbeArgs): Promise<ProbeResult> {
  const start = Date.now();
  const elapsed = () => Date.now() - start;
  const env = args.env ?? process.env;
  const secret = (args.secret ?? '').trim();
  registerSecret(secret);
  if (!secret || /\s/.test(secret)) return { status: 'format', error: 'The credential is empty or contains spaces.', latencyMs: 0 };
  const url = modelsUrl(args.provider, env);
  if (!url) return { status: 'unknown', error: `No live check is known for provider "${args.provider}".`, latencyMs: 0 };
  const timeoutMs = args.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = args.signal ? AbortSignal.any([args.signal, timeout]) : timeout;
  try {
    const res = await (args.fetchImpl ?? fetch)(url, { method: 'GET', headers: headersFor(args.provider, args.type, secret), signal });
    const body = res.ok ? '' : await res.text().catch(() => '');
    const msg = messageOf(body);
    // Classify on the whole body: the machine code (insufficient_quota) is often not in the message.
    const status = classifyHttpStatus(res.status, `${msg ?? ''} ${body}`);
    if (status === 'ok') return { status, latencyMs: elapsed(), httpStatus: res.status };
    const advice = args.provider === 'anthropic' && msg ? adviceForAnthropicError(msg) : undefined;
    const error = redact(`HTTP ${res.status}${msg ? `: ${msg}` : ''}${advice ? ` — ${advice}` : ''}`);
    return { status, error, latencyMs: elapsed(), httpStatus: res.status };
  } catch (err) {
    const e = err as { name?: string; cause?: { code?: string; message?: string }; message?: string };
    if (args.signal?.aborted) return { status: 'unknown', error: 'The check was cancelled.', latencyMs: elapsed() };
    if (timeout.aborted || e?.name === 'TimeoutError') {
      return { status: 'timeout', error: `No answer from ${new URL(url).origin} within ${Math.round(timeoutMs / 100) / 10}s.`, latencyMs: elapsed() };
    }
    const detail = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
    return { status: 'network', error: redact(`Could not reach ${new URL(url).origin} (${detail}).`), latencyMs: elapsed() };
  }
}
