import 'server-only';
import type { Db } from '@/db';
import { AppError, invalid, notFound } from '@/lib/errors';
import { initiatePayment } from './initiate';
import { nextAttemptOf } from './next-attempt';
import { OTP_CODES } from './otp-close';
import { findPayment, type Payment } from './payment-store';

/**
 * "Resend code": OTP providers cannot resend, so this is a new initiation for the same order,
 * phone and amount, replacing the waiting attempt (cancelled in the same transaction, so only one
 * code is live). Refused with 429 once the phone had its sends for the window, before anything
 * changes: the send is claimed first, then the old code closed.
 */
export async function resendOtp(db: Db, paymentId: string): Promise<Payment> {
  const previous = await findPayment(db, paymentId);
  if (!previous) throw notFound('payment');
  if (!previous.msisdn) throw invalid('msisdn', 'is missing on the original payment');
  const alreadyResent = previous.status === 'cancelled' && previous.failureCode === OTP_CODES.resent;
  // Expired by us (otp_expired) or by the provider (Omari "091", Qmoney's expired code); never one
  // whose code got no verdict (flagged unknown_outcome, or expired by the reconciler after
  // silence): its money may have moved, so a new code could charge the shopper twice.
  const outcomeUnknown = previous.attention === 'unknown_outcome' || previous.failureCode === 'no_final_status';
  const resendable = previous.status === 'awaiting_otp' || (previous.status === 'expired' && !outcomeUnknown);
  if (!alreadyResent && !resendable) {
    throw new AppError('conflict', `payment is ${previous.status}; a new code can only replace one that is waiting or expired`, 'status', { status: previous.status });
  }
  const replaces = !alreadyResent && previous.status === 'awaiting_otp' ? previous.id : null;
  return initiatePayment(db, { ...nextAttemptOf({ ...previous, msisdn: previous.msisdn }, `resend-of:${previous.id}`), replaces });
}
