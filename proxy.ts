import { NextResponse, type NextRequest } from 'next/server';
import { refuseAnonymousAdmin } from '@/lib/server/admin-gate';
import { THROTTLED_PAGE, throttleShopperRequest } from '@/lib/limits/shopper-requests';
import { getDb } from '@/lib/server/database';
import { guardRequest } from '@/lib/server/request-guard';
import { newNonce, securityHeaders } from '@/lib/server/security-headers';

/**
 * Runs before Next.js routes or parses anything: refuses what Next would answer with a 500 (see
 * lib/server/request-guard.ts) and anonymous admin requests (lib/server/admin-gate.ts), and gives
 * every answer its security headers. The CSP travels on
 * the request too, which is how Next.js learns the nonce for its own inline scripts.
 */
export async function proxy(req: NextRequest): Promise<Response> {
  return secureAnswer(req, guardRequest(req) ?? refuseAnonymousAdmin(req) ?? (await throttlePage(req)));
}

/** The refusal with the security headers, or the request passed on to Next.js with them. */
export function secureAnswer(req: NextRequest, refused: Response | null): Response {
  const headers = securityHeaders({
    nonce: newNonce(),
    development: process.env.NODE_ENV !== 'production',
    https: req.nextUrl.protocol === 'https:' || (process.env.APP_URL ?? '').startsWith('https://'),
  });
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

/**
 * Shopper pages per IP (one upsert: proxy.ts runs on Node.js and shares the app's database pool).
 * Only page views: server actions posted to these paths have their own limits.
 */
async function throttlePage(req: NextRequest): Promise<Response | null> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  if (!THROTTLED_PAGE.test(req.nextUrl.pathname)) return null;
  return throttleShopperRequest(await getDb(), 'page', req);
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
