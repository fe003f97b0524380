// Test helpers for the sandbox: a callback receiver and a minimal Daraja client.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export const SHORTCODE = '174379';
export const PASSKEY = 'bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919';
export const BASIC = `Basic ${Buffer.from('sandbox-consumer-key:sandbox-consumer-secret').toString('base64')}`;

export interface Received {
  path: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw provider JSON under test
}

/** A local stand-in for the app's callback endpoint. */
export async function startReceiver(status = 200) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(text) });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end('{"ResultCode":0,"ResultDesc":"Accepted"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/mpesa/token123`,
    received,
    for: (checkoutRequestId: string) => received.filter((r) => r.body?.Body?.stkCallback?.CheckoutRequestID === checkoutRequestId),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export async function waitFor<T>(probe: () => T | undefined | false, timeoutMs = 3000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('waitFor timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function timestamp(): string {
  return new Date().toISOString().replace(/\D/g, '').slice(0, 14);
}

export function password(ts: string, shortcode = SHORTCODE, passkey = PASSKEY): string {
  return Buffer.from(shortcode + passkey + ts).toString('base64');
}

/** A throwaway value so each test's AccountReference is distinct in the ledger. */
export const ref = (seed: string) => createHash('sha1').update(seed).digest('hex').slice(0, 12);

export async function call(url: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
    redirect: 'manual',
  });
  const text = await res.text();
  let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw provider JSON under test
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}
