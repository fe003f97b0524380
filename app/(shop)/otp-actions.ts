'use server';

import { redirect } from 'next/navigation';
import { AppError } from '@/lib/errors';
import { limitShopAction, requestIp, shopperLimitMessage } from '@/lib/limits/shop-limits';
import { cancelOtpPayment } from '@/lib/payments/otp-close';
import { confirmPaymentOtp } from '@/lib/payments/otp-confirm';
import { resendOtp } from '@/lib/payments/otp-resend';
import { otpLimits } from '@/lib/payments/otp-limits';
import { normalizeOtp, OTP_PATTERN, triesLeftText } from '@/lib/payments/otp-rules';
import { getDb } from '@/lib/server/database';
import { shopperPaths } from '@/lib/shop/shopper-paths';
import { shopperPaymentFromForm } from '@/lib/shop/shopper-access';

// Public POST endpoints like every server action: each validates its own input and acts only for
// the holder of the order's capability (the hidden `key` field). They only call the OTP service,
// which enforces every limit; the page is a view of the result.

export interface OtpFormState {
  error?: string;
  triesLeft?: number;
}

const UNKNOWN_PAYMENT = 'This payment is unknown. Go back to your order and start again.';

export async function confirmOtpAction(_prev: OtpFormState, formData: FormData): Promise<OtpFormState> {
  const shopper = await shopperPaymentFromForm(await getDb(), formData);
  if (!shopper) return { error: UNKNOWN_PAYMENT };
  const { payment: { id: paymentId }, key } = shopper;
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
    redirect(shopperPaths.pay(paymentId, key));
  }
  redirect(shopperPaths.receipt(paymentId, key));
}

export interface ResendState {
  error?: string;
}

export async function resendOtpAction(_prev: ResendState, formData: FormData): Promise<ResendState> {
  const shopper = await shopperPaymentFromForm(await getDb(), formData);
  if (!shopper) return { error: UNKNOWN_PAYMENT };
  const { payment: { id: paymentId }, key } = shopper;
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
    redirect(shopperPaths.pay(paymentId, key));
  }
  redirect(shopperPaths.pay(nextId, key));
}

export async function cancelOtpAction(formData: FormData): Promise<void> {
  const shopper = await shopperPaymentFromForm(await getDb(), formData);
  if (!shopper) redirect('/');
  const { payment: { id: paymentId }, key, order } = shopper;
  try {
    await cancelOtpPayment(await getDb(), paymentId);
  } catch (error) {
    if (error instanceof AppError) redirect(shopperPaths.pay(paymentId, key));
    throw error;
  }
  redirect(shopperPaths.checkout(order.reference, key));
}
