// One GET with a deadline for the usage endpoints, reduced to what the callers decide on: the
// server answered (status + body), it did not answer in time, or it could not be reached at all
// (no network, DNS, refused: "offline"). Never throws; nothing here prints.
//
// Written on node:http/https rather than fetch: the live dashboard asks these endpoints for the
// profiles on screen soon after its first frame, and Node's fetch (undici, with its WebAssembly
// HTTP parser) costs ~25 MiB of RSS and ~65 ms of CPU for its first dozen requests where
// node:http costs ~8 MiB and ~25 ms (measured on Node 26, 12 requests to a loopback server).
import type { IncomingMessage } from 'node:http';

export type HttpOutcome =
  | { kind: 'answer'; status: number; body: string }
  | { kind: 'timeout'; timeoutMs: number }
  | { kind: 'offline'; detail: string }
  | { kind: 'cancelled' };

export interface GetOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Bodies are small JSON documents; a huge one is garbage and is not read past this. */
const MAX_BODY_CHARS = 256 * 1024;
/** What Node's fetch sends when a request names none, and what these endpoints have been answering. */
const DEFAULT_USER_AGENT = 'node';

export async function getWithTimeout(url: string, headers: Record<string, string>, opts: GetOptions): Promise<HttpOutcome> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { kind: 'offline', detail: 'not a URL' };
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return { kind: 'offline', detail: `unsupported protocol ${target.protocol}` };
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  if (opts.signal?.aborted) return { kind: 'cancelled' };
  // Loaded on first use: one-shot commands that never ask usage do not pay for it.
  const client = process.getBuiltinModule(target.protocol === 'https:' ? 'node:https' : 'node:http') as typeof import('node:http');
  const requestHeaders = Object.keys(headers).some((h) => h.toLowerCase() === 'user-agent') ? headers : { ...headers, 'user-agent': DEFAULT_USER_AGENT };

  return new Promise<HttpOutcome>((resolve) => {
    let settled = false;
    const settle = (outcome: HttpOutcome): void => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const fail = (err: unknown): void => {
      if (opts.signal?.aborted) return settle({ kind: 'cancelled' });
      if (timeout.aborted) return settle({ kind: 'timeout', timeoutMs: opts.timeoutMs });
      const e = err as { code?: string; message?: string };
      settle({ kind: 'offline', detail: String(e?.code ?? e?.message ?? err) });
    };
    // No redirect is followed (node:http never does): a usage answer is the endpoint's own.
    const req = client.request(target, { method: 'GET', headers: requestHeaders, signal }, (res: IncomingMessage) => {
      res.setEncoding('utf8');
      let body = '';
      res.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > MAX_BODY_CHARS) {
          settle({ kind: 'answer', status: res.statusCode ?? 0, body: body.slice(0, MAX_BODY_CHARS) });
          res.destroy();
        }
      });
      res.on('end', () => settle({ kind: 'answer', status: res.statusCode ?? 0, body }));
      res.on('error', fail);
      // Closed before the whole answer arrived (the server hung up, or the deadline destroyed it).
      res.on('close', () => {
        if (!res.complete) fail(new Error('the connection closed before the answer ended'));
      });
    });
    req.on('error', fail);
    req.end();
  });
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
