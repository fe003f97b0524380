import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callProvider } from '@/lib/providers/http';
import { ProviderUnavailableError, type ProviderExchange } from '@/lib/providers/types';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/balance') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ unusedValue: 28646770, note: 'echo sk_live_0123456789abcdef and 4677', items: ['sk_live_0123456789abcdef'] }));
    } else if (req.url === '/echo') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, contentType: req.headers['content-type'] ?? null, body: Buffer.concat(chunks).toString('latin1') }));
      });
    } else if (req.url === '/stall') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial":'); // headers sent, then the body never finishes
    } else {
      res.writeHead(204).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

function recorder() {
  const log: ProviderExchange[] = [];
  return { log, ctx: { record: async (e: ProviderExchange) => void log.push(e) } };
}

describe('callProvider', () => {
  it('blanks long secrets inside strings without breaking numbers, and ignores short ones (a PIN)', async () => {
    const { log, ctx } = recorder();
    const res = await callProvider({ method: 'POST', url: `${base}/balance`, body: { transactionPin: '4677', note: 'x' }, timeoutMs: 2000, label: 'test', secrets: ['4677', 'sk_live_0123456789abcdef'] }, ctx);
    expect(res.body).toMatchObject({ unusedValue: 28646770 });
    const response = log.find((e) => e.kind === 'response')?.payload as Record<string, unknown>;
    expect(response.unusedValue).toBe(28646770);
    expect(response.note).toBe('echo [redacted] and 4677');
    expect(response.items).toEqual(['[redacted]']);
    const request = log.find((e) => e.kind === 'request')?.payload as Record<string, unknown>;
    expect(request.transactionPin).toBe('[redacted]');
  });

  it('a body that stalls after the headers is a timeout with an unknown outcome, not a crash', async () => {
    const { log, ctx } = recorder();
    const error = await callProvider({ method: 'GET', url: `${base}/stall`, timeoutMs: 200, label: 'stall' }, ctx).catch((e) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as ProviderUnavailableError).outcomeUnknown).toBe(true);
    expect(log.some((e) => e.kind === 'error' && e.summary.includes('timed out'))).toBe(true);
  });

  it('a refused connection is known not to have reached the provider', async () => {
    const { ctx } = recorder();
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const error = await callProvider({ method: 'GET', url: `http://127.0.0.1:${port}/nothing`, timeoutMs: 500, label: 'closed' }, ctx).catch((e) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as ProviderUnavailableError).outcomeUnknown).toBe(false);
  });

  it('sends PATCH with a JSON body', async () => {
    const res = await callProvider({ method: 'PATCH', url: `${base}/echo`, body: { amount: '12.500' }, timeoutMs: 2000, label: 'patch' }, null);
    expect(res.body).toEqual({ method: 'PATCH', contentType: 'application/json', body: '{"amount":"12.500"}' });
  });

  it('sends multipart/form-data with text fields and a binary file, and logs the file by name and size only', async () => {
    const { log, ctx } = recorder();
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0xff, 0x00, 0xe2]);
    const res = await callProvider({
      method: 'PATCH',
      url: `${base}/echo`,
      multipart: { session_id: 'abc', attachment: { filename: 'invoice.pdf', contentType: 'application/pdf', data: pdf } },
      timeoutMs: 2000,
      label: 'upload',
    }, ctx);
    const echo = res.body as { method: string; contentType: string; body: string };
    expect(echo.method).toBe('PATCH');
    const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(echo.contentType)?.[1];
    expect(boundary).toBeTruthy();
    expect(echo.body).toContain('name="session_id"\r\n\r\nabc\r\n');
    expect(echo.body).toContain('name="attachment"; filename="invoice.pdf"\r\nContent-Type: application/pdf\r\n\r\n');
    // The bytes arrive unchanged (latin1 maps each byte to one character).
    expect(echo.body).toContain(Buffer.from(pdf).toString('latin1'));
    const request = log.find((e) => e.kind === 'request')?.payload;
    expect(request).toEqual({ session_id: 'abc', attachment: { filename: 'invoice.pdf', contentType: 'application/pdf', bytes: 12 } });
  });
});
