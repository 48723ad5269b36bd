// The usage endpoints' one GET (src/usage/http.ts) against a real server on 127.0.0.1: every way an
// answer can end (whole, redirected, stalled before or after its headers, cancelled, refused, too
// long) comes back as the outcome the callers decide on, never as a throw.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getWithTimeout } from '../../src/usage/http.js';

let server: http.Server;
let base = '';
const seen: http.IncomingHttpHeaders[] = [];
const open = new Set<http.ServerResponse>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req.headers);
    open.add(res);
    res.on('close', () => open.delete(res));
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/ok') res.writeHead(200, { 'content-type': 'application/json' }).end('{"five_hour":{"utilization":12}}');
    else if (path === '/redirect') res.writeHead(302, { location: `${base}/ok` }).end();
    else if (path === '/huge') res.writeHead(200).end('x'.repeat(300 * 1024));
    else if (path === '/stall-headers') return; // never answers
    else if (path === '/stall-body') res.writeHead(200).write('{"five_hour":'); // headers, half a body, then nothing
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of open) res.destroy();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('getWithTimeout', () => {
  it('returns the status and body, with the given headers and a user-agent', async () => {
    const before = seen.length;
    expect(await getWithTimeout(`${base}/ok`, { authorization: 'Bearer t', accept: 'application/json' }, { timeoutMs: 2000 })).toEqual({
      kind: 'answer',
      status: 200,
      body: '{"five_hour":{"utilization":12}}',
    });
    expect(seen[before]).toMatchObject({ authorization: 'Bearer t', accept: 'application/json', 'user-agent': 'node' });
    await getWithTimeout(`${base}/ok`, { 'User-Agent': 'mine' }, { timeoutMs: 2000 });
    expect(seen[before + 1]!['user-agent']).toBe('mine');
  });

  it('does not follow a redirect: the answer is the one the endpoint gave', async () => {
    const r = await getWithTimeout(`${base}/redirect`, {}, { timeoutMs: 2000 });
    expect(r).toMatchObject({ kind: 'answer', status: 302 });
  });

  it('reads no more than 256 KiB of a body', async () => {
    const r = await getWithTimeout(`${base}/huge`, {}, { timeoutMs: 2000 });
    expect(r.kind).toBe('answer');
    expect((r as { body: string }).body.length).toBe(256 * 1024);
  });

  it('a server that never answers, or stops halfway through its body, is a timeout', async () => {
    expect(await getWithTimeout(`${base}/stall-headers`, {}, { timeoutMs: 300 })).toEqual({ kind: 'timeout', timeoutMs: 300 });
    expect(await getWithTimeout(`${base}/stall-body`, {}, { timeoutMs: 300 })).toEqual({ kind: 'timeout', timeoutMs: 300 });
  });

  it('a cancelled request is cancelled, before or while it waits', async () => {
    const early = new AbortController();
    early.abort();
    expect(await getWithTimeout(`${base}/ok`, {}, { timeoutMs: 2000, signal: early.signal })).toEqual({ kind: 'cancelled' });
    const late = new AbortController();
    const pending = getWithTimeout(`${base}/stall-body`, {}, { timeoutMs: 5000, signal: late.signal });
    setTimeout(() => late.abort(), 100);
    expect(await pending).toEqual({ kind: 'cancelled' });
  });

  it('an unreachable server, or an address that is not http(s), is offline', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect(await getWithTimeout(`http://127.0.0.1:${port}/ok`, {}, { timeoutMs: 2000 })).toEqual({ kind: 'offline', detail: 'ECONNREFUSED' });
    expect(await getWithTimeout('ftp://127.0.0.1/x', {}, { timeoutMs: 2000 })).toMatchObject({ kind: 'offline' });
    expect(await getWithTimeout('not a url', {}, { timeoutMs: 2000 })).toMatchObject({ kind: 'offline' });
  });
});
