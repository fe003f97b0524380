// Order pages and the shopper poll per client IP (issue 9 §2): one upsert per request in
// rate_limit_windows, 429 with Retry-After past the limit, other IPs untouched.
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxy } from '@/proxy';
import { startIntegrationApp, type IntegrationApp } from '../support/integration-app';

let t: IntegrationApp;

beforeAll(async () => {
  t = await startIntegrationApp({ env: { SHOPPER_REQUESTS_PER_IP_PER_MINUTE: '5' } });
  // Stay clear of a minute boundary, where the fixed window resets mid-test.
  const second = new Date().getUTCSeconds();
  if (second > 50) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
});
afterAll(async () => t?.close());

const poll = (ip: string) => fetch(`${t.app.url}/api/checkout/payments/pay_00000000000000000000`, { headers: { 'x-forwarded-for': ip } });

describe('the shopper poll per IP', () => {
  it('answers 429 with Retry-After after the limit, and other IPs go on', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await poll('198.51.100.40')).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404]);
    const refused = await poll('198.51.100.40');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toMatchObject({ error: 'rate_limited', message: expect.stringContaining('Try again in') });
    expect((await poll('198.51.100.41')).status).toBe(404);
  });
});

describe('order and payment pages per IP (proxy.ts)', () => {
  const page = (path: string, ip: string, method = 'GET') => proxy(new NextRequest(`${t.app.url}${path}`, { method, headers: { 'x-real-ip': ip } }));

  it('answers 429 with Retry-After and the security headers after the limit', async () => {
    const paths = ['/orders/ORD-ABC123', '/pay/pay_00000000000000000000', '/checkout/ORD-ABC123', '/receipt/pay_00000000000000000000', '/orders/ORD-ABC123'];
    for (const path of paths) expect((await page(path, '198.51.100.50')).status).toBe(200);
    const refused = await page('/pay/pay_00000000000000000000', '198.51.100.50');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('x-frame-options')).toBe('DENY');
    expect(await refused.text()).toMatch(/^Too many requests from your network \(5 a minute\)\. Try again in \d+ s\.$/);
    expect((await page('/orders/ORD-ABC123', '198.51.100.51')).status).toBe(200);
  });

  it('leaves the storefront, the admin and server-action posts to the actions’ own limits', async () => {
    for (let i = 0; i < 7; i++) {
      expect((await page('/', '198.51.100.60')).status).toBe(200);
      // Not throttled: the admin gate answers (307 to sign-in), never a 429.
      expect((await page('/admin', '198.51.100.60')).status).toBe(307);
      expect((await page('/pay/pay_00000000000000000000', '198.51.100.60', 'POST')).status).toBe(200);
    }
  });
});
