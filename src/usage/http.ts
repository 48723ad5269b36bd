// One GET with a deadline for the usage endpoints, reduced to what the callers decide on: the
// server answered (status + body), it did not answer in time, or it could not be reached at all
// (no network, DNS, refused: "offline"). Never throws; nothing here prints.

export type HttpOutcome =
  | { kind: 'answer'; status: number; body: string }
  | { kind: 'timeout'; timeoutMs: number }
  | { kind: 'offline'; detail: string }
  | { kind: 'cancelled' };

export interface GetOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
}

/** Bodies are small JSON documents; a huge one is garbage and is not read past this. */
const MAX_BODY_CHARS = 256 * 1024;

export async function getWithTimeout(url: string, headers: Record<string, string>, opts: GetOptions): Promise<HttpOutcome> {
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  try {
    const res = await (opts.fetchImpl ?? fetch)(url, { method: 'GET', headers, signal, redirect: 'manual' });
    const body = await res.text();
    return { kind: 'answer', status: res.status, body: body.length > MAX_BODY_CHARS ? body.slice(0, MAX_BODY_CHARS) : body };
  } catch (err) {
    if (opts.signal?.aborted) return { kind: 'cancelled' };
    const e = err as { name?: string; cause?: { code?: string; message?: string }; message?: string };
    if (timeout.aborted || e?.name === 'TimeoutError') return { kind: 'timeout', timeoutMs: opts.timeoutMs };
    return { kind: 'offline', detail: String(e?.cause?.code ?? e?.cause?.message ?? e?.message ?? err) };
  }
}

/** `JSON.parse` that answers undefined instead of throwing, and only for an object. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function finiteNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function clampPercent(n: number): number {
  return Math.max(0, Math.min(100, n));
}
