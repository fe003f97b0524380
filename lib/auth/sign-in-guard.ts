import 'server-only';
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { signInGuards, users } from '@/db/schema';

/** Attempts per account and client IP that lock that IP out of that account, and for how long. */
export const MAX_FAILED_SIGN_INS = 10;
export const LOCKOUT_MINUTES = 30;

export interface ReservedAttempt {
  /** False when this IP is locked out of the account: refuse without checking the password. */
  mayCheck: boolean;
  /** This attempt was the last one allowed: a wrong password now locks the pair. */
  last: boolean;
  lockedUntil: Date | null;
}

/**
 * Counts one attempt for (account, IP) before its password is checked, in one upsert: the row
 * lock orders concurrent attempts, so a burst gets exactly MAX_FAILED_SIGN_INS password checks
 * and the lock is in place before the next attempt is counted. Attempts during a lock are still
 * counted (and refused); an expired lock starts a fresh count.
 */
export async function reserveSignInAttempt(db: DbOrTx, userId: number, ip: string): Promise<ReservedAttempt> {
  const lockExpired = sql`${signInGuards.lockedUntil} is not null and ${signInGuards.lockedUntil} <= now()`;
  const attempts = sql`case when ${lockExpired} then 1 else ${signInGuards.attempts} + 1 end`;
  const [row] = await db
    .insert(signInGuards)
    .values({ userId, ip, attempts: 1 })
    .onConflictDoUpdate({
      target: [signInGuards.userId, signInGuards.ip],
      set: {
        attempts,
        lockedUntil: sql`case
          when ${signInGuards.lockedUntil} > now() then ${signInGuards.lockedUntil}
          when ${attempts} >= ${MAX_FAILED_SIGN_INS} then now() + ${`${LOCKOUT_MINUTES} minutes`}::interval
          else null end`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ attempts: signInGuards.attempts, lockedUntil: signInGuards.lockedUntil });
  if (!row) throw new Error('sign-in guard upsert returned no row');
  return { mayCheck: row.attempts <= MAX_FAILED_SIGN_INS, last: row.attempts === MAX_FAILED_SIGN_INS, lockedUntil: row.lockedUntil };
}

/** The right password from this IP: its count starts again (and an in-flight lock lifts). */
export async function clearSignInAttempts(db: DbOrTx, userId: number, ip: string): Promise<void> {
  await db.update(signInGuards).set({ attempts: 0, lockedUntil: null, updatedAt: sql`now()` }).where(and(eq(signInGuards.userId, userId), eq(signInGuards.ip, ip)));
}

/** Every lock of an account (the CLI's password reset). */
export async function clearAllSignInLocks(db: DbOrTx, userId: number): Promise<void> {
  await db.delete(signInGuards).where(eq(signInGuards.userId, userId));
}

/** The latest lock still in force on an account, from any IP (the CLI's user list shows it). */
export function latestLockOf(userId: typeof users.id) {
  return sql<Date | null>`(select max(${signInGuards.lockedUntil}) from ${signInGuards} where ${signInGuards.userId} = ${userId} and ${signInGuards.lockedUntil} > now())`.mapWith(signInGuards.lockedUntil);
}

export interface Lockout {
  email: string;
  ip: string;
  lockedUntil: Date;
}

/** Locks set in the last 24 hours, newest first: the admin overview shows them. */
export async function listRecentLockouts(db: DbOrTx, limit = 10): Promise<Lockout[]> {
  const rows = await db
    .select({ email: users.email, ip: signInGuards.ip, lockedUntil: signInGuards.lockedUntil })
    .from(signInGuards)
    .innerJoin(users, eq(users.id, signInGuards.userId))
    .where(gt(signInGuards.lockedUntil, sql`now() - interval '1 day' + ${`${LOCKOUT_MINUTES} minutes`}::interval`))
    .orderBy(desc(signInGuards.lockedUntil))
    .limit(limit);
  return rows.flatMap((r) => (r.lockedUntil ? [{ ...r, lockedUntil: r.lockedUntil }] : []));
}
