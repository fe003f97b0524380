// Admin sessions for route-handler tests: the same JWE cookie next-auth issues at sign-in,
// sealed with the app's secret (sign-in itself is covered by the Playwright suite).
import { encode } from 'next-auth/jwt';
import type { DbOrTx } from '@/db';
import { authSecret } from '@/lib/auth/config';
import { sessionCookieName } from '@/lib/auth/session';
import { createUser } from '@/lib/auth/users';
import type { AdminUser, Role } from '@/lib/auth/roles';

let counter = 0;

export async function makeUser(db: DbOrTx, role: Role): Promise<AdminUser> {
  counter++;
  return createUser(db, { email: `${role}-${process.pid}-${Date.now()}-${counter}@example.test`, name: `Test ${role}`, role, password: 'correct horse battery staple' });
}

export async function sessionCookie(uid: number, secret = authSecret()): Promise<string> {
  const token = await encode({ token: { uid, sub: String(uid) }, secret, maxAge: 3600 });
  return `${sessionCookieName()}=${token}`;
}
