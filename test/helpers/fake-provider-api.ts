// A loopback stand-in for api.anthropic.com / api.openai.com's cheap `GET /v1/models`, answering
// per credential: the test maps a secret to a status and body. Records every request.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProviderReply {
  status: number;
  body?: unknown;
  /** Never answer (to test timeouts). */
  hang?: boolean;
}

export interface FakeProviderApi {
  url: string;
  requests: Array<{ method: string; path: string; headers: http.IncomingHttpHeaders }>;
  /** secret -> reply; unknown secrets get 401. */
  replies: Map<string, ProviderReply>;
  close(): Promise<void>;
}

function secretOf(h: http.IncomingHttpHeaders): string {
  const key = h['x-api-key'];
  if (typeof key === 'string') return key;
  const auth = h.authorization ?? '';
  return auth.startsWith('Bearer ') ? auth.slice(7) : '';
}

export async function startFakeProviderApi(): Promise<FakeProviderApi> {
  const server = http.createServer();
  const fake: FakeProviderApi = {
    url: '',
    requests: [],
    replies: new Map(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    fake.requests.push({ method: req.method ?? 'GET', path: url.pathname, headers: req.headers });
    if (!url.pathname.endsWith('/models')) {
      res.writeHead(404).end();
      return;
    }
    const reply = fake.replies.get(secretOf(req.headers)) ?? {
      status: 401,
      body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } },
    };
    if (reply.hang) return; // never answer
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body ?? { data: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
