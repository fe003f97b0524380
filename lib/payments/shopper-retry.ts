import 'server-only';
import type { Db } from '@/db';
import { notFound } from '@/lib/errors';
import { retryPayment } from './api-payments';
import { initiatePayment } from './initiate';
import { nextAttemptOf } from './next-attempt';
import type { Payment } from './payment-store';
import { refreshPaymentStatus } from './refresh';
import { isRetryable, type PaymentStatus } from './state-machine';

/**
 * The shopper's Retry button. A payment we have not heard back about may still have gone
 * through, so ask the provider first: a success goes to the receipt, a failure is retried, and
 * only a payment still open whose prompt has expired gets a fresh prompt alongside it (the
 * reconciler settles the old one).
 */
export async function retryStalledPayment(db: Db, paymentId: string): Promise<Payment> {
  const current = await refreshPaymentStatus(db, paymentId);
  if (current.status === 'success') return current;
  if (isRetryable(current.status as PaymentStatus)) return retryPayment(db, current.id);
  // The first prompt may still be on the phone: a second one now risks paying twice.
  if (current.expiresAt && current.expiresAt.getTime() > Date.now()) return current;
  if (!current.msisdn) throw notFound('phone number');
  return initiatePayment(db, nextAttemptOf({ ...current, msisdn: current.msisdn }, `stalled-retry:${current.id}`));
}
