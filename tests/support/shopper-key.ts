// Payments made through the API have an order whose capability nobody was given: tests that look
// at them through the shopper's poll issue one, as a shop order would have had from the start.
import type { Db } from '@/db';
import { findPayment } from '@/lib/payments';
import { reissueOrderCapability } from '@/lib/payments/order-capability';

export async function shopperPollPath(db: Db, paymentId: string): Promise<string> {
  const payment = await findPayment(db, paymentId);
  if (!payment) throw new Error(`no payment ${paymentId}`);
  return `/api/checkout/payments/${paymentId}?key=${await reissueOrderCapability(db, payment.orderId)}`;
}
