import { describe, expect, it } from 'vitest';
import { guardRequest, MAX_ACTION_BODY_BYTES } from '@/lib/server/request-guard';

const at = (path: string, init: RequestInit = {}) => new Request(`http://127.0.0.1${path}`, init);

describe('requests Next.js would answer with a 500 are refused before it parses them', () => {
  it.each(['/api/v1/payments/%zz', '/api/webhooks/mpesa/%zz', '/pay/%zz', '/pay/%E0%A4%A'])('GET %s → 400', (path) => {
    expect(guardRequest(at(path))?.status).toBe(400);
  });

  it('a well-encoded path passes', () => {
    expect(guardRequest(at('/pay/pay_0123%20x'))).toBeNull();
  });

  it('a server-action POST over the limit → 413; under it passes', () => {
    const post = (n: number) => at('/pay/pay_00000000000000000000', { method: 'POST', headers: { 'content-length': String(n), 'next-action': 'abc' } });
    expect(guardRequest(post(MAX_ACTION_BODY_BYTES + 1))?.status).toBe(413);
    expect(guardRequest(post(2 * 1024 * 1024))?.status).toBe(413);
    expect(guardRequest(post(500))).toBeNull();
  });

  it('a chunked server-action POST (no length) → 411; API routes cap their own bodies', () => {
    expect(guardRequest(at('/checkout/ABC', { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }))?.status).toBe(411);
    expect(guardRequest(at('/api/v1/payments', { method: 'POST', headers: { 'content-length': '9999999' } }))).toBeNull();
  });
});
