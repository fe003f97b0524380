import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { payments } from '@/db/schema';
import { sourcesOf, type PaymentStatus } from './state-machine';

export type Payment = typeof payments.$inferSelect;
type PaymentPatch = Partial<Omit<typeof payments.$inferInsert, 'id' | 'status' | 'orderId'>>;

export async function findPayment(db: DbOrTx, id: string): Promise<Payment | null> {
  const [payment] = await db.select().from(payments).where(eq(payments.id, id)).limit(1);
  return payment ?? null;
}

export async function findPaymentByProviderReference(db: DbOrTx, provider: string, reference: string): Promise<Payment | null> {
  const [payment] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.provider, provider), eq(payments.providerReference, reference)))
    .limit(1);
  return payment ?? null;
}

/**
 * Compare-and-set: moves the payment to `to` only if it is still in a status from which the
 * state machine allows that move. Returns the updated row, or null when someone else got there
 * first (a concurrent callback, poll or reconciler run) — the caller then does nothing.
 */
export async function transitionPayment(
  db: DbOrTx,
  id: string,
  to: PaymentStatus,
  patch: PaymentPatch = {},
  from: readonly PaymentStatus[] = sourcesOf(to),
): Promise<Payment | null> {
  const [row] = await db
    .update(payments)
    .set({ ...patch, status: to, updatedAt: sql`now()` })
    .where(and(eq(payments.id, id), inArray(payments.status, [...from])))
    .returning();
  return row ?? null;
}

/** Updates bookkeeping columns without touching the status. */
export async function patchPayment(db: DbOrTx, id: string, patch: PaymentPatch): Promise<void> {
  await db
    .update(payments)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(payments.id, id));
}
