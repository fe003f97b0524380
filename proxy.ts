import { NextResponse, type NextRequest } from 'next/server';
import { refuseAnonymousAdmin } from '@/lib/server/admin-gate';
import { guardRequest } from '@/lib/server/request-guard';
import { newNonce, securityHeaders } from '@/lib/server/security-headers';

/**
 * Runs before Next.js routes or parses anything: refuses what Next would answer with a 500 (see
 * lib/server/request-guard.ts) and anonymous admin requests (lib/server/admin-gate.ts), and gives
 * every answer its security headers. The CSP travels on
 * the request too, which is how Next.js learns the nonce for its own inline scripts.
 */
export function proxy(req: NextRequest): Response {
  const headers = securityHeaders({
    nonce: newNonce(),
    development: process.env.NODE_ENV !== 'production',
    https: req.nextUrl.protocol === 'https:' || (process.env.APP_URL ?? '').startsWith('https://'),
  });
  const refused = guardRequest(req) ?? refuseAnonymousAdmin(req);
  if (refused) {
    for (const [name, value] of Object.entries(headers)) refused.headers.set(name, value);
    return refused;
  }
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set('content-security-policy', headers['content-security-policy']!);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) res.headers.set(name, value);
  return res;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
