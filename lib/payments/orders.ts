import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db';
import { orders } from '@/db/schema';
import { newId, newOrderReference } from './ids';
import { exponentOf, type Currency } from './money';
import { newOrderCapability } from './order-capability';

export type Order = typeof orders.$inferSelect;
export type OrderPaymentStatus = 'pending' | 'deposit_paid' | 'paid' | 'refunded';

export interface NewOrder {
  description: string;
  currency: Currency;
  totalMinor: number;
  reference?: string;
  depositPercent?: number;
  customerName?: string | null;
  customerPhone?: string | null;
  customerEmail?: string | null;
  tourId?: number | null;
  startDate?: string | null;
  source?: 'shop' | 'api' | 'seed';
  apiKeyId?: number | null;
}

/** A new order, with its shopper capability: the only time the token exists outside the shopper's URL. */
export type CreatedOrder = Order & { capability: string };

export async function createOrder(db: DbOrTx, { reference, ...input }: NewOrder): Promise<CreatedOrder> {
  const capability = newOrderCapability();
  const [order] = await db
    .insert(orders)
    .values({ id: newId('ord'), reference: reference ?? newOrderReference(), capabilityHash: capability.hash, ...input })
    .returning();
  if (!order) throw new Error('order insert returned no row');
  return { ...order, capability: capability.token };
}

export async function findOrder(db: DbOrTx, idOrReference: string): Promise<Order | null> {
  const column = idOrReference.startsWith('ord_') ? orders.id : orders.reference;
  const [order] = await db.select().from(orders).where(eq(column, idOrReference)).limit(1);
  return order ?? null;
}

export function balanceOf(order: Pick<Order, 'totalMinor' | 'amountPaidMinor'>): number {
  return Math.max(order.totalMinor - order.amountPaidMinor, 0);
}

/** The least a shopper may pay now: the deposit share on a first payment, else anything. */
export function minimumPaymentOf(order: Pick<Order, 'totalMinor' | 'amountPaidMinor' | 'depositPercent'>): number {
  if (order.depositPercent <= 0) return balanceOf(order);
  if (order.amountPaidMinor > 0) return Math.min(1, balanceOf(order));
  return Math.ceil((order.totalMinor * order.depositPercent) / 100);
}

/** Mobile money in these currencies moves whole units only (M-Pesa shillings, ClickPesa TZS). */
const WHOLE_UNIT_CURRENCIES: readonly string[] = ['KES', 'TZS'];

/**
 * The deposit the checkout offers, or null when there is none to offer: only on a first payment
 * (after a deposit, the balance is what is owed), rounded up to whole units where the providers
 * take nothing else, and only when it is less than the balance.
 */
export function depositOfferOf(order: Pick<Order, 'totalMinor' | 'amountPaidMinor' | 'depositPercent' | 'currency'>): number | null {
  if (order.depositPercent <= 0 || order.amountPaidMinor > 0) return null;
  let deposit = minimumPaymentOf(order);
  if (WHOLE_UNIT_CURRENCIES.includes(order.currency)) {
    const unit = 10 ** exponentOf(order.currency as Currency);
    deposit = Math.ceil(deposit / unit) * unit;
  }
  return deposit < balanceOf(order) ? deposit : null;
}

export function paymentStatusFor(totalMinor: number, paidMinor: number): OrderPaymentStatus {
  if (paidMinor >= totalMinor) return 'paid';
  return paidMinor > 0 ? 'deposit_paid' : 'pending';
}

/** `BK-T005-20260210`: one reference shared by every booking of a tour on a date. */
export function groupReferenceFor(tourId: number, startDate: string): string {
  return `BK-T${String(tourId).padStart(3, '0')}-${startDate.replaceAll('-', '')}`;
}

/**
 * Adds a successful payment to its order. Runs inside the payment's transaction under a row lock
 * (SELECT ... FOR UPDATE), so two payments completing at once can never lose an update.
 * Returns the order after the change and whether it is now over-paid (money taken beyond total).
 */
export async function creditOrder(
  tx: Tx,
  orderId: string,
  amountMinor: number,
  transactionId: string | null,
): Promise<{ order: Order; overpaidMinor: number }> {
  const [locked] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  if (!locked) throw new Error(`order ${orderId} vanished`);
  const paid = locked.amountPaidMinor + amountMinor;
  const status = paymentStatusFor(locked.totalMinor, paid);
  const [order] = await tx
    .update(orders)
    .set({
      amountPaidMinor: paid,
      paymentStatus: status,
      paidTransactionId: transactionId ?? locked.paidTransactionId,
      paidAt: status === 'paid' ? (locked.paidAt ?? new Date()) : locked.paidAt,
      groupReference:
        locked.tourId && locked.startDate ? groupReferenceFor(locked.tourId, locked.startDate) : locked.groupReference,
      updatedAt: sql`now()`,
    })
    .where(eq(orders.id, orderId))
    .returning();
  if (!order) throw new Error(`order ${orderId} update returned no row`);
  return { order, overpaidMinor: Math.max(paid - locked.totalMinor, 0) };
}
