import 'server-only';
import type { Db } from '@/db';
import type { PaymentChangeHub } from './payment-changes';
import { paymentVersionOf } from './payment-changes';
import { findPayment, type Payment } from './payment-store';
import { shopperViewOf, type ShopperPaymentView } from './shopper-view';
import { isTerminal, type PaymentStatus } from './state-machine';

export interface ShopperPollInput {
  id: string;
  /** The version the browser shows; absent: answer at once. */
  wait?: string;
  maxWaitMs: number;
  signal?: AbortSignal;
}

/**
 * The shopper's status poll as a long poll: answers at once when the payment differs from the
 * version the browser shows (or is final), otherwise when it changes, at the latest after maxWaitMs.
 * The watch starts before the read, so a change committed in between is not missed.
 */
export async function pollShopperView(db: Db, hub: PaymentChangeHub | null, input: ShopperPollInput): Promise<ShopperPaymentView | null> {
  const watch = input.wait ? hub?.watch(input.id) : null;
  try {
    const payment = await findPayment(db, input.id);
    if (!payment) return null;
    const budget = watch && paymentVersionOf(payment) === input.wait ? waitBudgetMs(payment, input.maxWaitMs) : 0;
    if (!watch || budget <= 0) return await shopperViewOf(db, payment);
    await watch.changed(budget, input.signal);
    return await shopperViewOf(db, (await findPayment(db, input.id)) ?? payment);
  } finally {
    watch?.release();
  }
}

/** Nothing to wait for on a final payment; an OTP code that runs out is a change we make ourselves. */
function waitBudgetMs(payment: Payment, maxWaitMs: number): number {
  if (isTerminal(payment.status as PaymentStatus)) return 0;
  if (payment.status === 'awaiting_otp' && payment.expiresAt) return Math.min(maxWaitMs, payment.expiresAt.getTime() - Date.now());
  return maxWaitMs;
}
