import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postPinned } from '@/lib/webhooks/pinned-post';

let port: number;
const seen: { host?: string; body: string }[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    seen.push({ host: req.headers.host, body });
    res.writeHead(204).end();
  });
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('webhook sends use the checked address, not a second DNS answer', () => {
  it('connects to the pinned address whatever the name resolves to, keeping the Host header', async () => {
    // .invalid never resolves (RFC 6761): reaching the server proves no lookup was made.
    const res = await postPinned(`http://hooks.rebind.invalid:${port}/x?y=1`, { address: '127.0.0.1', family: 4 }, { 'content-type': 'application/json' }, '{"a":1}', 2000);
    expect(res.status).toBe(204);
    expect(seen.at(-1)).toEqual({ host: `hooks.rebind.invalid:${port}`, body: '{"a":1}' });
  });

  it('times out as a TimeoutError', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const p = (silent.address() as AddressInfo).port;
    await expect(postPinned(`http://x.invalid:${p}/`, { address: '127.0.0.1', family: 4 }, {}, '', 200)).rejects.toMatchObject({ name: 'TimeoutError' });
    silent.closeAllConnections();
    await new Promise<void>((r) => silent.close(() => r()));
  });
});
