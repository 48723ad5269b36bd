// A loopback stand-in for both subscription usage endpoints (127.0.0.1, port 0):
//   GET /api/oauth/usage          Anthropic (ANTHROPIC_BASE_URL)
//   GET /backend-api/wham/usage   ChatGPT (CLAWDBOT_CHATGPT_BASE_URL)
// It answers per bearer token (the test maps a token to a reply), can hold answers until the test
// releases them (a slow endpoint), and records every request.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UsageReply {
  status: number;
  /** JSON-encoded unless `raw`. */
  body?: unknown;
  /** Sent as is (garbage, HTML). */
  raw?: string;
  /** Never answer (timeouts). */
  hang?: boolean;
}

export interface UsageRequest {
  path: string;
  token: string;
  headers: http.IncomingHttpHeaders;
}

export interface FakeUsageApi {
  url: string;
  requests: UsageRequest[];
  /** token -> reply; an unknown token gets 401. */
  replies: Map<string, UsageReply>;
  /** While held, answers wait until release(). */
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

export const ANTHROPIC_USAGE_PATH = '/api/oauth/usage';
export const CHATGPT_USAGE_PATH = '/backend-api/wham/usage';

/** An Anthropic answer: percent used of the 5-hour and 7-day windows, reset times. */
export function anthropicUsageBody(fiveHour: number, week: number, now = Date.now()) {
  return {
    five_hour: { utilization: fiveHour, resets_at: new Date(now + 2 * 3_600_000 + 10 * 60_000).toISOString() },
    seven_day: { utilization: week, resets_at: new Date(now + 3 * 86_400_000 + 4 * 3_600_000).toISOString() },
    seven_day_opus: null,
  };
}

/** A ChatGPT answer: primary 5 h window and secondary weekly window, reset times in epoch seconds. */
export function chatGptUsageBody(primary: number, secondary: number, now = Date.now(), plan = 'pro') {
  return {
    plan_type: plan,
    rate_limit: {
      primary_window: { used_percent: primary, limit_window_seconds: 18_000, reset_at: Math.floor((now + 90 * 60_000) / 1000) },
      secondary_window: { used_percent: secondary, limit_window_seconds: 604_800, reset_at: Math.floor((now + 5 * 86_400_000) / 1000) },
    },
    credits: { balance: '0' },
  };
}

export async function startFakeUsageApi(): Promise<FakeUsageApi> {
  const server = http.createServer();
  let held: Array<() => void> | null = null;
  const hung: http.ServerResponse[] = [];
  const fake: FakeUsageApi = {
    url: '',
    requests: [],
    replies: new Map(),
    hold() {
      held ??= [];
    },
    release() {
      const pending = held ?? [];
      held = null;
      for (const go of pending) go();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hung) r.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const auth = String(req.headers.authorization ?? '');
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    fake.requests.push({ path: url.pathname, token, headers: req.headers });
    const answer = () => {
      if (url.pathname !== ANTHROPIC_USAGE_PATH && url.pathname !== CHATGPT_USAGE_PATH) {
        res.writeHead(404).end();
        return;
      }
      const reply = fake.replies.get(token) ?? { status: 401, body: { error: { type: 'authentication_error', message: 'Invalid bearer token' } } };
      if (reply.hang) {
        hung.push(res);
        return;
      }
      res.writeHead(reply.status, { 'content-type': reply.raw !== undefined ? 'text/html' : 'application/json' });
      res.end(reply.raw ?? JSON.stringify(reply.body ?? {}));
    };
    if (held) held.push(answer);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
