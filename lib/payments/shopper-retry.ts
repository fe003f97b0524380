import 'server-only';
import type { Db } from '@/db';
import { retryPayment } from './api-payments';
import type { Payment } from './payment-store';
import { refreshPaymentStatus } from './refresh';
import { isRetryable, type PaymentStatus } from './state-machine';

/**
 * The shopper's Retry button. A payment we have not heard back about may still have gone
 * through, so ask the provider first: a success goes to the receipt, a failure is retried, and
 * only a payment still open whose prompt has expired gets a fresh prompt alongside it (the
 * reconciler settles the old one).
 */
function mayStillBePaid(payment: Payment): boolean {
  return payment.failureCode === 'no_final_status' || payment.notes?.unverifiedFailure === true;
}

export async function retryStalledPayment(db: Db, paymentId: string): Promise<Payment> {
  // Failures included: one taken from an unsigned callback is confirmed (or overruled) first.
  const current = await refreshPaymentStatus(db, paymentId, { statuses: ['pending', 'processing', 'awaiting_otp', 'authorized', 'expired', 'failed', 'cancelled'] });
  if (current.status === 'success') return current;
  if (isRetryable(current.status as PaymentStatus) && !mayStillBePaid(current)) return retryPayment(db, current.id);
  // Still open at the provider (whatever our own prompt clock says), our own expiry, or a failure
  // nobody verified: a second prompt now risks paying twice. The sheet keeps waiting instead.
  return current;
}
