import { NextResponse, type NextRequest } from 'next/server';
import { guardRequest } from '@/lib/server/request-guard';

/** Runs before Next.js routes or parses anything: see lib/server/request-guard.ts. */
export function proxy(req: NextRequest): Response {
  return guardRequest(req) ?? NextResponse.next();
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
