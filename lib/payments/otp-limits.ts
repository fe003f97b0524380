import 'server-only';
import { createHmac, randomBytes } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db';
import { otpSends } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { otpSendAllowance, type SendAllowance } from './otp-rules';

export function otpLimits() {
  const env = getEnv();
  return { maxAttempts: env.OTP_MAX_ATTEMPTS, maxSends: env.OTP_MAX_SENDS, windowMs: env.OTP_SEND_WINDOW_SECONDS * 1000 };
}

/** How many more codes this phone may be sent now, and when the next one frees up. */
export async function otpSendStatus(db: DbOrTx, msisdn: string, now = new Date()): Promise<SendAllowance> {
  const { maxSends, windowMs } = otpLimits();
  const rows = await db
    .select({ sentAt: otpSends.sentAt })
    .from(otpSends)
    .where(and(eq(otpSends.msisdn, msisdn), gt(otpSends.sentAt, new Date(now.getTime() - windowMs))));
  return otpSendAllowance(rows.map((r) => r.sentAt), now, maxSends, windowMs);
}

/**
 * Refuses (429) when the phone had its codes for this window; otherwise holds a per-phone
 * advisory lock until the transaction ends, so the caller may change things (close the code it
 * replaces) and then `countOtpSend` without another initiation taking the last send meanwhile.
 */
export async function claimOtpSend(tx: Tx, msisdn: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`otp-send:${msisdn}`}))`);
  const allowance = await otpSendStatus(tx, msisdn);
  if (!allowance.allowed) {
    const minutes = Math.max(1, Math.ceil(allowance.retryAfterSeconds / 60));
    throw new AppError('rate_limited', `msisdn has been sent ${otpLimits().maxSends} codes in the last 15 minutes; try again in ${minutes} min`, 'msisdn', {
      retryAfter: allowance.retryAfterSeconds,
      sends_left: 0,
    });
  }
}

/** Records the send claimed by `claimOtpSend` in the same transaction. */
export async function countOtpSend(tx: Tx, msisdn: string, paymentId: string): Promise<void> {
  await tx.insert(otpSends).values({ msisdn, paymentId });
}

/** The provider refused before sending anything: that attempt does not use up a send. */
export async function releaseOtpSend(db: DbOrTx, paymentId: string): Promise<void> {
  await db.delete(otpSends).where(eq(otpSends.paymentId, paymentId));
}

// A keyed hash, so the stored value cannot be reversed by trying all 10^6 codes. Without
// AUTH_SECRET (development) a per-process key is used: a restart only forgets repeats.
const processKey = randomBytes(32);

/** Hash of a code the shopper tried (never the code): recognises a repeat of the same wrong code. */
export function otpAttemptHash(paymentId: string, otp: string): string {
  return createHmac('sha256', getEnv().AUTH_SECRET ?? processKey)
    .update(`${paymentId}:${otp}`)
    .digest('base64url');
}
