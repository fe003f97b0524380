import 'server-only';
import { z } from 'zod';
import type { Db } from '@/db';
import { findOrder, type Order } from '@/lib/payments/orders';
import { holdsOrderCapability } from '@/lib/payments/order-capability';
import { findPayment, type Payment } from '@/lib/payments/payment-store';

// Scoped lookups for the shopper: without the order's capability an order or payment is as
// unknown as a missing one (null, a 404), so its existence is never revealed.

export async function findShopperOrder(db: Db, idOrReference: string, key: unknown): Promise<Order | null> {
  const order = await findOrder(db, idOrReference);
  return order && holdsOrderCapability(order, key) ? order : null;
}

export async function findShopperPayment(db: Db, paymentId: string, key: unknown): Promise<{ payment: Payment; order: Order } | null> {
  const payment = await findPayment(db, paymentId);
  if (!payment) return null;
  const order = await findShopperOrder(db, payment.orderId, key);
  return order ? { payment, order } : null;
}

const shopperPaymentForm = z.object({ paymentId: z.string().regex(/^pay_[0-9a-z]{20}$/), key: z.string().max(100) });

/**
 * The payment a shopper's form posted (hidden `paymentId` and `key`), with its order. A form we
 * never rendered, an unknown payment and a missing or wrong key all read the same: null.
 */
export async function shopperPaymentFromForm(db: Db, formData: FormData): Promise<{ payment: Payment; order: Order; key: string } | null> {
  const parsed = shopperPaymentForm.safeParse({ paymentId: formData.get('paymentId'), key: formData.get('key') });
  if (!parsed.success) return null;
  const found = await findShopperPayment(db, parsed.data.paymentId, parsed.data.key);
  return found ? { ...found, key: parsed.data.key } : null;
}
