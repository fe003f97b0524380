import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db';
import { users } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { burnPasswordCheck, hashPassword, passwordSchema, verifyPassword } from './password';
import { ROLES, type AdminUser, type Role } from './roles';

/** Failed sign-ins in a row that lock the account, and for how long. */
export const MAX_FAILED_SIGN_INS = 10;
export const LOCKOUT_MINUTES = 30;

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
  | { ok: false; reason: 'locked'; lockedUntil: Date };

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
    .set({ passwordHash: await hashPassword(password), failedSignIns: 0, lockedUntil: null })
    .where(eq(users.email, email.trim().toLowerCase()))
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function findUserById(db: DbOrTx, id: number): Promise<AdminUser | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ? toAdminUser(row) : null;
}

export async function listUsers(db: DbOrTx) {
  return db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, lockedUntil: users.lockedUntil, createdAt: users.createdAt })
    .from(users)
    .orderBy(asc(users.email));
}

/**
 * Checks a password, counting failures: the 10th failure in a row locks the account for
 * 30 minutes, during which even the right password is refused. The counter moves in one
 * UPDATE so parallel guesses cannot slip past the limit.
 */
export async function authenticateUser(db: DbOrTx, emailInput: string, password: string): Promise<SignInResult> {
  const email = emailInput.trim().toLowerCase();
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!user) {
    await burnPasswordCheck(password);
    return { ok: false, reason: 'invalid' };
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
    return { ok: false, reason: 'locked', lockedUntil: user.lockedUntil };
  }
  if (await verifyPassword(password, user.passwordHash)) {
    if (user.failedSignIns > 0 || user.lockedUntil) {
      await db.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(eq(users.id, user.id));
    }
    return { ok: true, user: toAdminUser(user) };
  }
  const reachesLimit = sql`${users.failedSignIns} + 1 >= ${MAX_FAILED_SIGN_INS}`;
  const [after] = await db
    .update(users)
    .set({
      failedSignIns: sql`case when ${reachesLimit} then 0 else ${users.failedSignIns} + 1 end`,
      lockedUntil: sql`case when ${reachesLimit} then now() + ${`${LOCKOUT_MINUTES} minutes`}::interval else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, user.id))
    .returning({ lockedUntil: users.lockedUntil });
  if (after?.lockedUntil && after.lockedUntil.getTime() > Date.now()) {
    return { ok: false, reason: 'locked', lockedUntil: after.lockedUntil };
  }
  return { ok: false, reason: 'invalid' };
}

function toAdminUser(row: typeof users.$inferSelect): AdminUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role as Role };
}
