import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db';
import { users } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { getEnv } from '@/lib/env';
import { takeSlot } from '@/lib/limits/sliding-window';
import { burnPasswordCheck, hashPassword, passwordSchema, verifyPassword } from './password';
import { ROLES, type AdminUser, type Role } from './roles';
import { clearAllSignInLocks, clearSignInAttempts, latestLockOf, reserveSignInAttempt } from './sign-in-guard';

export { LOCKOUT_MINUTES, MAX_FAILED_SIGN_INS } from './sign-in-guard';

/** The window of SIGN_IN_ATTEMPTS_PER_IP. */
const SIGN_IN_IP_WINDOW_SECONDS = 600;

export const newUserSchema = z.object({
  email: z.email('must be an email address').trim().toLowerCase(),
  name: z.string().trim().min(1, 'is required').max(120),
  password: passwordSchema,
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
});

export type NewUser = z.input<typeof newUserSchema>;

export type SignInResult =
  | { ok: true; user: AdminUser }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; lockedUntil: Date }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

export async function createUser(db: DbOrTx, input: NewUser): Promise<AdminUser> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('validation_error', `${String(issue?.path[0] ?? 'user')} ${issue?.message ?? 'is invalid'}`, String(issue?.path[0] ?? ''));
  }
  const { email, name, password, role } = parsed.data;
  const [row] = await db
    .insert(users)
    .values({ email, name, role, passwordHash: await hashPassword(password) })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (!row) throw new AppError('conflict', `a user with email ${email} already exists`, 'email');
  return toAdminUser(row);
}

/** Sets a new password and clears any lockout (the CLI's way back in for a locked admin). */
export async function setPassword(db: DbOrTx, email: string, password: string): Promise<boolean> {
  const checked = passwordSchema.safeParse(password);
  if (!checked.success) throw new AppError('validation_error', `password ${checked.error.issues[0]?.message}`, 'password');
  const rows = await db
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(users.email, email.trim().toLowerCase()))
    .returning({ id: users.id });
  for (const { id } of rows) await clearAllSignInLocks(db, id);
  return rows.length > 0;
}

export async function findUserById(db: DbOrTx, id: number): Promise<AdminUser | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ? toAdminUser(row) : null;
}

export async function listUsers(db: DbOrTx) {
  return db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, lockedUntil: latestLockOf(users.id), createdAt: users.createdAt })
    .from(users)
    .orderBy(asc(users.email));
}

/**
 * Checks a password. Attempts are counted per account and client IP before the password is
 * checked (sign-in-guard.ts), so a burst gets at most MAX_FAILED_SIGN_INS checks and the 10th
 * failure locks that IP out of the account for 30 minutes, even for the right password; other
 * IPs (the real admin) are not locked. Each IP also has a budget of attempts over all accounts.
 */
export async function authenticateUser(db: DbOrTx, emailInput: string, password: string, ip = 'unknown'): Promise<SignInResult> {
  const throttled = await signInThrottle(db, ip);
  if (throttled) return throttled;
  const email = emailInput.trim().toLowerCase();
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!user) {
    await burnPasswordCheck(password);
    return { ok: false, reason: 'invalid' };
  }
  const attempt = await reserveSignInAttempt(db, user.id, ip);
  if (!attempt.mayCheck) return { ok: false, reason: 'locked', lockedUntil: attempt.lockedUntil ?? new Date() };
  if (await verifyPassword(password, user.passwordHash)) {
    await clearSignInAttempts(db, user.id, ip);
    return { ok: true, user: toAdminUser(user) };
  }
  if (attempt.last && attempt.lockedUntil) return { ok: false, reason: 'locked', lockedUntil: attempt.lockedUntil };
  return { ok: false, reason: 'invalid' };
}

async function signInThrottle(db: DbOrTx, ip: string): Promise<SignInResult | null> {
  const slot = await takeSlot(db, { bucket: `sign-in-ip:${ip}`, limit: getEnv().SIGN_IN_ATTEMPTS_PER_IP, windowSeconds: SIGN_IN_IP_WINDOW_SECONDS });
  return slot.allowed ? null : { ok: false, reason: 'throttled', retryAfterSeconds: slot.retryAfterSeconds };
}

function toAdminUser(row: typeof users.$inferSelect): AdminUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role as Role };
}
