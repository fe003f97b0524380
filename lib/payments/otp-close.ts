import 'server-only';
import { and, eq, lt } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { payments } from '@/db/schema';
import { AppError, notFound } from '@/lib/errors';
import { recordEvent } from './events';
import { transitionPayment, type Payment } from './payment-store';
import { enqueueStatusWebhook } from './webhook-outbox';

/** Our own codes for how an OTP attempt ended (shown to the shopper by shopper-view.ts). */
export const OTP_CODES = {
  expired: 'otp_expired',
  locked: 'otp_attempts_exceeded',
  cancelled: 'cancelled_by_shopper',
  resent: 'otp_resent',
  orderSettled: 'order_settled',
} as const;

/**
 * Ends an attempt that still waits for its code, our own verdict (expiry, shopper's Cancel,
 * resend). Only from awaiting_otp: a code being checked (processing) may still succeed, and
 * cancelling it then would lose the money.
 */
export async function closeAwaitingOtp(tx: Tx, payment: Payment, to: 'expired' | 'cancelled' | 'failed', code: string, message: string): Promise<Payment | null> {
  const moved = await transitionPayment(tx, payment.id, to, { failureCode: code, failureMessage: message, completedAt: new Date(), nextCheckAt: null }, ['awaiting_otp']);
  if (!moved) return null;
  await recordEvent(tx, { paymentId: payment.id, provider: payment.provider, kind: 'status_change', summary: `awaiting_otp → ${to} (${code})` });
  await enqueueStatusWebhook(tx, moved);
  return moved;
}

export async function lockPayment(tx: Tx, paymentId: string): Promise<Payment> {
  const [payment] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for('update');
  if (!payment) throw notFound('payment');
  return payment;
}

/** The shopper's Cancel on the OTP step. */
export async function cancelOtpPayment(db: Db, paymentId: string): Promise<Payment> {
  return db.transaction(async (tx) => {
    const payment = await lockPayment(tx, paymentId);
    if (payment.status === 'cancelled') return payment;
    const moved = payment.status === 'awaiting_otp' ? await closeAwaitingOtp(tx, payment, 'cancelled', OTP_CODES.cancelled, 'Cancelled by the shopper') : null;
    if (!moved) throw new AppError('conflict', `payment is ${payment.status} and can no longer be cancelled`, 'status', { status: payment.status });
    return moved;
  });
}

/** An awaiting_otp payment past its expiry is expired if still untouched; true when it was. */
export async function expireOtpIfDue(db: Db, payment: Payment, now = new Date()): Promise<boolean> {
  if (payment.status !== 'awaiting_otp' || !payment.expiresAt || payment.expiresAt > now) return false;
  return db.transaction(async (tx) => {
    const locked = await lockPayment(tx, payment.id);
    if (locked.status !== 'awaiting_otp' || !locked.expiresAt || locked.expiresAt > now) return false;
    return (await closeAwaitingOtp(tx, locked, 'expired', OTP_CODES.expired, 'The code expired before it was entered')) !== null;
  });
}

/** Background pass: codes nobody entered in time. */
export async function expireStaleOtps(db: Db, limit = 50): Promise<number> {
  const due = await db
    .select()
    .from(payments)
    .where(and(eq(payments.status, 'awaiting_otp'), lt(payments.expiresAt, new Date())))
    .limit(limit);
  let expired = 0;
  for (const payment of due) if (await expireOtpIfDue(db, payment)) expired++;
  return expired;
}
