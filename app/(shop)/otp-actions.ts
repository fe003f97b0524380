'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { limitShopAction, requestIp, shopperLimitMessage } from '@/lib/limits/shop-limits';
import { findOrder, findPayment } from '@/lib/payments';
import { cancelOtpPayment } from '@/lib/payments/otp-close';
import { confirmPaymentOtp } from '@/lib/payments/otp-confirm';
import { resendOtp } from '@/lib/payments/otp-resend';
import { otpLimits } from '@/lib/payments/otp-limits';
import { normalizeOtp, OTP_PATTERN, triesLeftText } from '@/lib/payments/otp-rules';
import { getDb } from '@/lib/server/database';

// Public POST endpoints like every server action: each validates its own input. They only call
// the OTP service, which enforces every limit; the page is a view of the result.

export interface OtpFormState {
  error?: string;
  triesLeft?: number;
}

const paymentIdField = z.object({ paymentId: z.string().regex(/^pay_[0-9a-z]{20}$/) });

/** A form we never rendered (no or a malformed payment id) is answered, never thrown at. */
function paymentIdOf(formData: FormData): string | null {
  const parsed = paymentIdField.safeParse({ paymentId: formData.get('paymentId') });
  return parsed.success ? parsed.data.paymentId : null;
}
const UNKNOWN_PAYMENT = 'This payment is unknown. Go back to your order and start again.';

export async function confirmOtpAction(_prev: OtpFormState, formData: FormData): Promise<OtpFormState> {
  const paymentId = paymentIdOf(formData);
  if (!paymentId) return { error: UNKNOWN_PAYMENT };
  const otp = String(formData.get('otp') ?? '');
  // The service's own rule (4–8 digits): the shop's field suggests 6 but never refuses a code the provider sent.
  if (!OTP_PATTERN.test(normalizeOtp(otp))) return { error: 'Enter the code from the SMS (digits only).' };
  try {
    await confirmPaymentOtp(await getDb(), paymentId, otp);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'otp_invalid') {
      const triesLeft = Number(error.details?.tries_left ?? 0);
      return { error: `That code is wrong. ${triesLeftText(triesLeft)}.`, triesLeft };
    }
    // Refused before anything was processed: the code is still good.
    if (error.code === 'provider_rejected') {
      return { error: 'The payment service refused the request. Your code was not used; try again in a moment.' };
    }
    // Expired, locked, declined, already settled, or no verdict yet (processing: "do not pay
    // again, we are checking"): the page shows what happened.
    redirect(`/pay/${paymentId}`);
  }
  redirect(`/receipt/${paymentId}`);
}

export interface ResendState {
  error?: string;
}

export async function resendOtpAction(_prev: ResendState, formData: FormData): Promise<ResendState> {
  const paymentId = paymentIdOf(formData);
  if (!paymentId) return { error: UNKNOWN_PAYMENT };
  let nextId: string;
  try {
    const db = await getDb();
    await limitShopAction(db, 'prompt', await requestIp());
    nextId = (await resendOtp(db, paymentId)).id;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'rate_limited' && error.field !== 'msisdn') return { error: shopperLimitMessage(error) };
    if (error.code === 'rate_limited') {
      const minutes = Math.max(1, Math.ceil(Number(error.details?.retryAfter ?? 60) / 60));
      return { error: `You have had the most codes allowed for now (${otpLimits().maxSends} in 15 minutes). Ask again in ${minutes} min.` };
    }
    redirect(`/pay/${paymentId}`);
  }
  redirect(`/pay/${nextId}`);
}

export async function cancelOtpAction(formData: FormData): Promise<void> {
  const paymentId = paymentIdOf(formData);
  if (!paymentId) redirect('/');
  const db = await getDb();
  const payment = await findPayment(db, paymentId);
  if (!payment) redirect('/');
  try {
    await cancelOtpPayment(db, paymentId);
  } catch (error) {
    if (error instanceof AppError) redirect(`/pay/${paymentId}`);
    throw error;
  }
  const order = await findOrder(db, payment.orderId);
  redirect(order ? `/checkout/${order.reference}` : '/');
}
