import { describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { proxy } from '@/proxy';

// Issue 9 §3: anonymous admin requests get a real 3xx or 401 from the proxy, not a 200 that
// streams a redirect. The role check itself stays in the pages (lib/auth/guards.ts).
const answer = (url: string, cookie?: string) => proxy(new NextRequest(url, cookie ? { headers: { cookie } } : undefined));

describe('the proxy refuses anonymous admin requests', async () => {
  it.each(['/admin', '/admin/transactions?status=failed', '/admin/settings/mpesa'])('GET %s without a session → 307 to the sign-in page, coming back after', async (path) => {
    const res = await answer(`http://127.0.0.1:3000${path}`);
    expect(res.status).toBe(307);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.pathname).toBe('/admin/sign-in');
    expect(location.searchParams.get('callbackUrl')).toBe(path);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('GET /api/admin/payments/export without a session → 401 JSON', async () => {
    const res = await answer('http://127.0.0.1:3000/api/admin/payments/export?currency=KES');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ success: false, error: { code: 'unauthorized' } });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('lets the sign-in page and the shop through', async () => {
    for (const path of ['/admin/sign-in', '/admin/sign-in?callbackUrl=%2Fadmin', '/', '/administrator-guide', '/api/checkout/payments/pay_00000000000000000000']) {
      expect((await answer(`http://127.0.0.1:3000${path}`)).headers.get('x-middleware-next')).toBe('1');
    }
  });

  it.each(['next-auth.session-token=abc', '__Secure-next-auth.session-token=abc', 'next-auth.session-token.0=abc; next-auth.session-token.1=def'])(
    'passes a request with a session cookie (%s) on to the page, which checks it',
    async (cookie) => {
      expect((await answer('http://127.0.0.1:3000/admin', cookie)).headers.get('x-middleware-next')).toBe('1');
      expect((await answer('http://127.0.0.1:3000/api/admin/payments/export', cookie)).status).toBe(200);
    },
  );

  it('an unrelated or empty cookie is still anonymous', async () => {
    expect((await answer('http://127.0.0.1:3000/admin', 'next-auth.csrf-token=x; next-auth.session-token=')).status).toBe(307);
  });
});
