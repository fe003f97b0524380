import 'server-only';
// The checks every admin page, server action and route handler makes itself (server actions
// pass currentUser() to lib/admin/actions, which assert the role). A proxy in front
// would only be a convenience: server actions and route handlers are public POST endpoints.
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { AppError } from '@/lib/errors';
import { getDb } from '@/lib/server/database';
import type { AdminUser, Role } from './roles';
import { assertRole, parseCookieHeader, userFromCookies } from './session';

/** The user of the current page or action (next/headers), or null. */
export async function currentUser(): Promise<AdminUser | null> {
  const jar = await cookies();
  return userFromCookies(await getDb(), new Map(jar.getAll().map((c) => [c.name, c.value])));
}

/** Pages: anonymous → sign-in (coming back here after); too low a role → the overview with a notice. */
export async function requirePageRole(role: Role, returnTo: string): Promise<AdminUser> {
  const user = await currentUser();
  if (!user) redirect(`/admin/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (role === 'admin' && user.role !== 'admin') redirect('/admin?denied=admin');
  return user;
}

/** Route handlers: the user, or the 401/403 response to send instead. */
export async function authorizeRequest(req: Request, role: Role): Promise<AdminUser | Response> {
  try {
    return assertRole(await userFromCookies(await getDb(), parseCookieHeader(req.headers.get('cookie'))), role);
  } catch (error) {
    if (error instanceof AppError) {
      return Response.json({ success: false, message: error.message, error: { code: error.code } }, { status: error.status, headers: { 'cache-control': 'no-store' } });
    }
    throw error;
  }
}
