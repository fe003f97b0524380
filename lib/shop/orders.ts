import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { orders, payments } from '@/db/schema';

/**
 * The seeded demo orders still owing money. Only seeded ones: a real storefront must never list
 * other shoppers' orders.
 */
export async function listOpenOrders(db: Db, limit: number) {
  return db
    .select()
    .from(orders)
    .where(and(eq(orders.source, 'seed'), inArray(orders.paymentStatus, ['pending', 'deposit_paid'])))
    .orderBy(desc(orders.createdAt))
    .limit(limit);
}

export async function listOrderPayments(db: Db, orderId: string) {
  return db.select().from(payments).where(eq(payments.orderId, orderId)).orderBy(desc(payments.createdAt)).limit(20);
}
