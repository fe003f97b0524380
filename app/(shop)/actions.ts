'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { limitShopAction, requestIp, retryAfterOf, shopperLimitMessage } from '@/lib/limits/shop-limits';
import { initiatePayment, refreshPaymentStatus } from '@/lib/payments';
import { depositOfferOf } from '@/lib/payments/orders';
import { retryStalledPayment } from '@/lib/payments/shopper-retry';
import { PROVIDER_IDS } from '@/lib/providers/types';
import { getDb } from '@/lib/server/database';
import { bookTour } from '@/lib/shop/catalog';
import { shopperPaths } from '@/lib/shop/shopper-paths';
import { findShopperOrder, shopperPaymentFromForm } from '@/lib/shop/shopper-access';

// Server actions are public POST endpoints: each one validates its own input, and acts only for
// the holder of the order's capability (the hidden `key` field): without it the order is unknown.

export interface CheckoutFormState {
  fieldErrors: Partial<Record<'msisdn' | 'amount' | 'provider', string>>;
  message?: string;
  msisdn?: string;
}

const checkoutForm = z.object({
  // Order ids and references are [A-Za-z0-9_-]: anything else (NUL included) never reaches the database.
  reference: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  provider: z.enum(PROVIDER_IDS),
  msisdn: z.string().trim().min(1, 'Enter your phone number').max(20, 'That number is too long'),
  amountChoice: z.enum(['balance', 'deposit']).default('balance'),
  clientToken: z.string().uuid(),
});

export async function startCheckout(_prev: CheckoutFormState, formData: FormData): Promise<CheckoutFormState> {
  const parsed = checkoutForm.safeParse(Object.fromEntries(formData));
  const msisdn = String(formData.get('msisdn') ?? '');
  if (!parsed.success) {
    const fieldErrors: CheckoutFormState['fieldErrors'] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === 'msisdn' || field === 'provider') fieldErrors[field] = issue.message;
    }
    return { fieldErrors, message: Object.keys(fieldErrors).length ? undefined : 'Please reload the page and try again.', msisdn };
  }
  const db = await getDb();
  const key = String(formData.get('key') ?? '');
  const order = await findShopperOrder(db, parsed.data.reference, key);
  if (!order) return { fieldErrors: {}, message: 'This order no longer exists.', msisdn };
  let paymentId: string;
  try {
    await limitShopAction(db, 'prompt', await requestIp());
    const payment = await initiatePayment(db, {
      orderId: order.id,
      provider: parsed.data.provider,
      amountMinor: parsed.data.amountChoice === 'deposit' ? (depositOfferOf(order) ?? undefined) : undefined,
      msisdn: parsed.data.msisdn,
      clientToken: parsed.data.clientToken,
    });
    paymentId = payment.id;
  } catch (error) {
    if (error instanceof AppError && error.code === 'rate_limited') return { fieldErrors: {}, message: shopperLimitMessage(error), msisdn };
    if (error instanceof AppError && error.field === 'msisdn') return { fieldErrors: { msisdn: shopperPhoneMessage(error.message) }, msisdn };
    if (error instanceof AppError && error.field === 'amount') return { fieldErrors: { amount: error.message.replace(/^amount /, '') }, msisdn };
    if (error instanceof AppError) return { fieldErrors: {}, message: error.message, msisdn };
    throw error;
  }
  redirect(shopperPaths.pay(paymentId, key));
}

export async function bookTourAction(formData: FormData): Promise<void> {
  const slug = z.string().regex(/^[a-z0-9-]{1,100}$/).safeParse(formData.get('slug'));
  // A form we never rendered: back to the shop, never a 500.
  if (!slug.success) redirect('/');
  const db = await getDb();
  const limited = await limitShopAction(db, 'order', await requestIp()).then(() => null, waitIfLimited);
  if (limited) redirect(`/?wait=${limited}`);
  const order = await bookTour(db, slug.data, null).catch(unlessAppError);
  redirect(order ? shopperPaths.checkout(order.reference, order.capability) : '/');
}

/** The payment a Retry or Check-again form posted, with its capability; anything else goes back to the shop. */
async function shopperPaymentOf(formData: FormData): Promise<{ paymentId: string; key: string }> {
  const shopper = await shopperPaymentFromForm(await getDb(), formData);
  if (!shopper) redirect('/');
  return { paymentId: shopper.payment.id, key: shopper.key };
}

/** "I have paid, check again": asks the provider now instead of waiting for the next poll. */
export async function checkAgainAction(formData: FormData): Promise<void> {
  const { paymentId, key } = await shopperPaymentOf(formData);
  // Public button: at most one provider query per payment every 5 s, and never for a code still
  // being typed (asking then could end a live OTP payment).
  const payment = await refreshPaymentStatus(await getDb(), paymentId, { statuses: ['processing', 'expired'], minIntervalMs: 5_000 }).catch(unlessAppError);
  if (!payment) redirect('/');
  redirect(payment.status === 'success' ? shopperPaths.receipt(payment.id, key) : shopperPaths.pay(payment.id, key, '&checked=1'));
}

/** Retry: a new prompt to the same phone (after checking whether the last one went through). */
export async function retryAction(formData: FormData): Promise<void> {
  const { paymentId, key } = await shopperPaymentOf(formData);
  const db = await getDb();
  let next: Awaited<ReturnType<typeof retryStalledPayment>> | null;
  try {
    await limitShopAction(db, 'prompt', await requestIp());
    next = await retryStalledPayment(db, paymentId);
  } catch (error) {
    // A limit (this network's, or the phone's): the payment page names when to try again.
    const wait = waitIfLimited(error);
    if (wait) redirect(shopperPaths.pay(paymentId, key, `&wait=${wait}`));
    next = unlessAppError(error);
  }
  // Refused (still live, throttled): the payment page says where it stands.
  if (!next) redirect(shopperPaths.pay(paymentId, key));
  redirect(next.status === 'success' ? shopperPaths.receipt(next.id, key) : shopperPaths.pay(next.id, key));
}

/** Seconds to wait when a rate limit refused; any other AppError is left to the caller. */
function waitIfLimited(error: unknown): number | null {
  if (error instanceof AppError && error.code === 'rate_limited') return retryAfterOf(error);
  if (error instanceof AppError) return null;
  throw error;
}

/** Our own refusals (unknown payment, tour, a limit) are answered with a page, never a 500. */
function unlessAppError(error: unknown): null {
  if (error instanceof AppError) return null;
  throw error;
}

function shopperPhoneMessage(message: string): string {
  return message.replace(/^msisdn /, 'Enter ').replace(/^Enter must be /, 'Enter ');
}
