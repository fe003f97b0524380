import { describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { secureAnswer } from '@/proxy';
import { guardRequest } from '@/lib/server/request-guard';

// What proxy() answers, without its database-backed page throttle (tests/integration/shopper-throttle.test.ts).
const answer = (url: string, init?: ConstructorParameters<typeof NextRequest>[1]) => {
  const req = new NextRequest(url, init);
  return secureAnswer(req, guardRequest(req));
};

describe('security headers on every answer (proxy.ts)', () => {
  it('forbids framing and sniffing, and sets a strict CSP with a fresh nonce per request', () => {
    const a = answer('http://127.0.0.1:3000/pay/pay_abc');
    const b = answer('http://127.0.0.1:3000/admin');
    for (const res of [a, b]) {
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('permissions-policy')).toContain('camera=()');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
      expect(csp).not.toContain("'unsafe-inline' ;");
      expect(csp.split('; ').find((d) => d.startsWith('script-src'))).not.toContain('unsafe-inline');
    }
    const nonceOf = (r: Response) => /nonce-([^']+)/.exec(r.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonceOf(a)).not.toBe(nonceOf(b));
  });

  it('sends HSTS only over https', () => {
    expect(answer('http://127.0.0.1:3000/').headers.get('strict-transport-security')).toBeNull();
    expect(answer('https://shop.example/').headers.get('strict-transport-security')).toContain('max-age=31536000');
  });

  it('keeps the headers on answers the guard refuses', () => {
    const res = answer('http://127.0.0.1:3000/pay/%zz');
    expect(res.status).toBe(400);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});
