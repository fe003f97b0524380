import 'server-only';
import { decode } from 'next-auth/jwt';
import type { DbOrTx } from '@/db';
import { AppError } from '@/lib/errors';
import { authSecret, secureCookies } from './config';
import { hasRole, type AdminUser, type Role } from './roles';
import { findUserById } from './users';

/** The signed-in user behind a set of cookies, or null. Reads the role fresh from the database. */
export async function userFromCookies(db: DbOrTx, cookies: ReadonlyMap<string, string> | Map<string, string>): Promise<AdminUser | null> {
  const token = sessionToken(cookies);
  if (!token) return null;
  let payload;
  try {
    payload = await decode({ token, secret: authSecret() });
  } catch {
    return null; // tampered, expired or signed with a rotated secret: simply not signed in
  }
  const uid = payload?.uid;
  if (typeof uid !== 'number' || !Number.isSafeInteger(uid)) return null;
  return findUserById(db, uid);
}

export function sessionCookieName(): string {
  return secureCookies() ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
}

/** next-auth splits a large token over name.0, name.1, ...; ours is small but read both forms. */
function sessionToken(cookies: ReadonlyMap<string, string>): string | null {
  const name = sessionCookieName();
  const whole = cookies.get(name);
  if (whole) return whole;
  const chunks: string[] = [];
  for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`) ?? '');
  return chunks.length ? chunks.join('') : null;
}

export function parseCookieHeader(header: string | null): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      map.set(key, decodeURIComponent(raw));
    } catch {
      map.set(key, raw);
    }
  }
  return map;
}

/** Throws unauthorized (not signed in) or forbidden (signed in, role too low). */
export function assertRole(user: AdminUser | null, role: Role): AdminUser {
  if (!user) throw new AppError('unauthorized', 'Sign in to continue');
  if (!hasRole(user.role, role)) throw new AppError('forbidden', `This needs the ${role} role; you are signed in as ${user.role}`);
  return user;
}
