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
});
