import { NextResponse, type NextRequest } from 'next/server';

// Issue 9 §3: an anonymous request for an admin page gets a real 307 to the sign-in page and an
// admin API a 401, before any page starts streaming. Only the presence of a session cookie is
// checked here: the signature, the user and the role are checked by the page or handler itself
// (lib/auth/guards.ts), which stays the authority since actions and handlers are public endpoints.

const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];
const SIGN_IN = '/admin/sign-in';

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

function hasSessionCookie(req: NextRequest): boolean {
  // next-auth splits a large session into `<name>.0`, `<name>.1`, …
  return req.cookies.getAll().some(({ name, value }) => value !== '' && SESSION_COOKIES.some((c) => name === c || name.startsWith(`${c}.`)));
}

/** The refusal for an anonymous admin request, or null to let it through. */
export function refuseAnonymousAdmin(req: NextRequest): Response | null {
  const path = req.nextUrl.pathname;
  const page = under(path, '/admin') && !under(path, SIGN_IN);
  const api = under(path, '/api/admin');
  if ((!page && !api) || hasSessionCookie(req)) return null;
  if (api) {
    return Response.json({ success: false, message: 'Sign in to continue', error: { code: 'unauthorized' } }, { status: 401, headers: { 'cache-control': 'no-store' } });
  }
  const signIn = new URL(SIGN_IN, req.nextUrl);
  signIn.searchParams.set('callbackUrl', path + req.nextUrl.search);
  return NextResponse.redirect(signIn, 307);
}
