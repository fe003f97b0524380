import 'server-only';
import type { Db } from '@/db';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { getProviderForAttempt } from '@/lib/providers/registry';
import { ProviderRejectedError, ProviderUnavailableError, type PaymentProvider, type ProviderId, type ProviderOutcome } from '@/lib/providers/types';
import { applyProviderOutcome } from './apply-outcome';
import { recordEvent } from './events';
import { balanceOf, findOrder, type Order } from './orders';
import { closeAwaitingOtp, lockPayment, OTP_CODES } from './otp-close';
import { otpAttemptHash, otpLimits } from './otp-limits';
import { afterWrongOtp, normalizeOtp, OTP_PATTERN, triesLeftOf, triesLeftText } from './otp-rules';
import { findPayment, patchPayment, transitionPayment, type Payment } from './payment-store';
import { recorderFor, toProviderPayment } from './provider-bridge';
import { queryProvider } from './refresh';

/**
 * The shopper's code for an OTP payment. Claims the attempt (awaiting_otp → processing, a
 * compare-and-set under the row lock), so a double submit reaches the provider once; then asks
 * the provider and applies its word through applyProviderOutcome. Returns the paid payment, or
 * throws an AppError naming the problem: otp_invalid (tries left in details), otp_expired,
 * otp_locked, conflict, unprocessable (declined), provider_rejected (code still good),
 * provider_unavailable with status processing (outcome unknown: do not pay again).
 */
export async function confirmPaymentOtp(db: Db, paymentId: string, rawOtp: string): Promise<Payment> {
  const otp = normalizeOtp(rawOtp);
  if (!OTP_PATTERN.test(otp)) throw new AppError('validation_error', 'otp must be the code from the SMS (digits only)', 'otp');
  const { payment, provider, order } = await claim(db, paymentId, otp);
  let outcome: ProviderOutcome;
  try {
    if (!provider.confirmOtp) throw new ProviderRejectedError('no_otp', `${provider.displayName} takes no OTP`);
    outcome = await provider.confirmOtp(toProviderPayment(payment, order), otp, recorderFor(db, payment));
  } catch (error) {
    if (error instanceof ProviderUnavailableError || error instanceof ProviderRejectedError) return settleUnknown(db, payment, provider, error);
    throw error;
  }
  if (outcome.wrongOtp) return recordWrongCode(db, payment, otp);
  if (outcome.status === 'processing') return holdUnknown(db, payment, `no verdict on the code (${outcome.code ?? 'no code'})`, outcome);
  return applyFinal(db, payment, outcome);
}

interface Claimed {
  payment: Payment;
  provider: PaymentProvider;
  order: Order;
}

async function claim(db: Db, paymentId: string, otp: string): Promise<Claimed> {
  const { maxAttempts } = otpLimits();
  const verdict = await db.transaction(async (tx) => {
    const payment = await lockPayment(tx, paymentId);
    refuseUnlessAwaiting(payment);
    if (payment.expiresAt && payment.expiresAt <= new Date()) {
      await closeAwaitingOtp(tx, payment, 'expired', OTP_CODES.expired, 'The code expired before it was entered');
      return { kind: 'expired' as const };
    }
    // The same wrong code again (a double submit, a retyped typo): answered without a provider call or a lost try.
    if (payment.otpHash && payment.otpHash === otpAttemptHash(payment.id, otp)) return { kind: 'repeat' as const, payment };
    const order = await findOrder(tx, payment.orderId);
    if (!order) throw new AppError('not_found', 'order not found');
    if (balanceOf(order) < payment.amountMinor) {
      await closeAwaitingOtp(tx, payment, 'cancelled', OTP_CODES.orderSettled, 'The order was paid by another payment');
      return { kind: 'settled' as const };
    }
    const provider = await getProviderForAttempt(tx, payment.provider as ProviderId);
    if (!provider) throw new AppError('unprocessable', `provider ${payment.provider} is not available`, 'provider');
    const moved = await transitionPayment(tx, payment.id, 'processing', { nextCheckAt: new Date(Date.now() + getEnv().RECONCILE_GRACE_SECONDS * 1000) }, ['awaiting_otp']);
    if (!moved) throw conflictFor('processing');
    await recordEvent(tx, { paymentId: payment.id, provider: payment.provider, kind: 'status_change', summary: `awaiting_otp → processing (code submitted, ${payment.otpAttempts} wrong so far)` });
    return { kind: 'claimed' as const, claimed: { payment: moved, provider, order } };
  });
  if (verdict.kind === 'expired') throw expiredError();
  if (verdict.kind === 'settled') throw new AppError('conflict', 'the order was paid by another payment; this one is cancelled and nothing was charged', 'order_id', { status: 'cancelled' });
  if (verdict.kind === 'repeat') throw wrongCodeError(triesLeftOf(verdict.payment.otpAttempts, maxAttempts));
  return verdict.claimed;
}

function refuseUnlessAwaiting(payment: Payment): void {
  if (payment.status === 'awaiting_otp') return;
  if (payment.failureCode === OTP_CODES.locked) throw lockedError();
  if (payment.status === 'expired' && payment.failureCode === OTP_CODES.expired) throw expiredError();
  throw conflictFor(payment.status);
}

async function recordWrongCode(db: Db, payment: Payment, otp: string): Promise<never> {
  const { maxAttempts } = otpLimits();
  const after = afterWrongOtp(payment.otpAttempts, maxAttempts);
  const patch = { otpAttempts: after.wrong, otpHash: otpAttemptHash(payment.id, otp) };
  if (after.locked) {
    await applyProviderOutcome(db, payment.id, { status: 'failed', code: OTP_CODES.locked, message: `${maxAttempts} wrong codes` }, 'otp');
    await patchPayment(db, payment.id, patch);
    throw lockedError();
  }
  const back = await transitionPayment(db, payment.id, 'awaiting_otp', { ...patch, nextCheckAt: null }, ['processing']);
  await recordEvent(db, { paymentId: payment.id, provider: payment.provider, kind: 'status_change', summary: `processing → awaiting_otp (wrong code ${after.wrong} of ${maxAttempts})` });
  if (!back) throw conflictFor((await findPayment(db, payment.id))?.status ?? 'unknown');
  throw wrongCodeError(after.triesLeft);
}

/**
 * The confirmation got no usable answer. A refusal (our credentials, a request it would not
 * read) was answered before anything was processed, so the code is still good. A timeout or a
 * malfunction is different: the code may have been used and the money may have moved, so the
 * status query decides, and without its final word the payment stays in processing, flagged
 * and due for the reconciler. Sending it back to the code step would let the shopper cancel,
 * resend, let it expire or submit the code again (Omari answers a repeat with "026") while
 * the money moves.
 */
async function settleUnknown(db: Db, payment: Payment, provider: PaymentProvider, error: Error): Promise<Payment> {
  await recordEvent(db, { paymentId: payment.id, provider: payment.provider, kind: 'error', summary: `OTP confirmation failed: ${error.message}` });
  if (error instanceof ProviderRejectedError) {
    await transitionPayment(db, payment.id, 'awaiting_otp', { nextCheckAt: null }, ['processing']);
    await recordEvent(db, { paymentId: payment.id, provider: payment.provider, kind: 'status_change', summary: `processing → awaiting_otp (refused before processing: ${error.code})` });
    throw new AppError('provider_rejected', `${provider.displayName} refused the request: ${error.message}`, undefined, { status: 'awaiting_otp' });
  }
  const checked = await queryProvider(db, payment);
  if (checked && checked.status !== 'processing') return applyFinal(db, payment, checked);
  return holdUnknown(db, payment, `no answer to the code (${error.message})`, checked ?? undefined);
}

/**
 * No verdict on the code (a timeout, Qmoney's closed session): the money may have moved. The
 * payment stays in processing, flagged unknown_outcome and due for the reconciler (Omari's query
 * settles it; Qmoney has none, so a person looks and the reconciler expires it, still flagged).
 */
async function holdUnknown(db: Db, payment: Payment, why: string, outcome?: ProviderOutcome): Promise<never> {
  await patchPayment(db, payment.id, {
    attention: 'unknown_outcome',
    providerStatus: outcome?.providerStatus ?? payment.providerStatus,
    nextCheckAt: new Date(Date.now() + getEnv().RECONCILE_GRACE_SECONDS * 1000),
  });
  await recordEvent(db, { paymentId: payment.id, provider: payment.provider, kind: 'note', summary: `${why}: outcome unknown, kept in processing and flagged unknown_outcome`, payload: outcome });
  throw new AppError('provider_unavailable', OUTCOME_UNKNOWN_MESSAGE, undefined, { status: 'processing', outcome: 'unknown' });
}

/** Said to the merchant's API and the shopper alike when a code got no verdict. */
export const OUTCOME_UNKNOWN_MESSAGE = 'we could not confirm the payment yet; do not pay again, we are checking it and the payment will complete if the money moved';

async function applyFinal(db: Db, payment: Payment, outcome: ProviderOutcome): Promise<Payment> {
  const result = await applyProviderOutcome(db, payment.id, outcome, 'otp');
  const now = result.applied ? result.payment : ((await findPayment(db, payment.id)) ?? result.payment);
  if (now.status === 'success') return now;
  if (now.status === 'expired') throw expiredError();
  throw new AppError('unprocessable', `payment ${now.status}: ${outcome.message ?? outcome.code ?? 'declined by the provider'}`, undefined, { status: now.status, failure_code: now.failureCode });
}

function wrongCodeError(triesLeft: number): AppError {
  return new AppError('otp_invalid', `otp is wrong: ${triesLeftText(triesLeft)}`, 'otp', { tries_left: triesLeft, status: 'awaiting_otp' });
}

function expiredError(): AppError {
  return new AppError('otp_expired', 'otp has expired: ask for a new code', 'otp', { status: 'expired' });
}

function lockedError(): AppError {
  return new AppError('otp_locked', 'otp was wrong too many times: the payment has failed, start again', 'otp', { tries_left: 0, status: 'failed' });
}

function conflictFor(status: string): AppError {
  const message = status === 'processing' ? 'the code for this payment is already being checked' : `payment is ${status} and takes no code`;
  return new AppError('conflict', message, 'status', { status });
}
