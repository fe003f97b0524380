import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db';
import { payments } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { formatMoney, type Currency } from './money';
import type { Order } from './orders';
import type { Payment } from './payment-store';

/**
 * Attempts that may still take the shopper's money, whatever our own clocks say: live or
 * interrupted starts, prompts the provider has not closed (our 60 s expiry is not its word),
 * codes still enterable, our own "no final status" expiries (still queried for 3 days) and
 * failures taken from an unsigned callback (still queried for 15 minutes).
 */
const MAY_STILL_TAKE_MONEY = sql`(
     ${payments.status} in ('pending', 'processing', 'authorized')
  or (${payments.status} = 'awaiting_otp' and ${payments.expiresAt} > now())
  or (${payments.status} = 'expired' and ${payments.failureCode} = 'no_final_status' and ${payments.createdAt} > now() - interval '3 days')
  or (${payments.status} in ('failed', 'cancelled') and ${payments.notes}->>'unverifiedFailure' = 'true' and ${payments.completedAt} > now() - interval '15 minutes'))`;

/** Earlier attempts of the order worth asking the provider about before starting another. */
export async function attemptsThatMayStillPay(db: DbOrTx, orderId: string): Promise<Payment[]> {
  return db.select().from(payments).where(and(eq(payments.orderId, orderId), MAY_STILL_TAKE_MONEY));
}

/**
 * Refuses a new attempt while earlier ones that may still take money already cover what the
 * order owes: a second tab, a Retry after our own prompt expiry, or the API and the shop at once
 * would otherwise charge the shopper twice. The caller has asked the provider about them first
 * (initiate.ts); what is still open now is named in the 409. Runs under the order's row lock, so
 * two requests cannot both pass.
 */
export async function refuseIfCoveredByOpenAttempts(tx: Tx, order: Order, amountMinor: number, balanceMinor: number): Promise<void> {
  const open = await attemptsThatMayStillPay(tx, order.id);
  const openMinor = open.reduce((sum, p) => sum + p.amountMinor, 0);
  if (openMinor === 0 || openMinor + amountMinor <= balanceMinor) return;
  const ids = open.map((p) => p.id).join(', ');
  const held = open.some((p) => p.attention);
  throw new AppError(
    'conflict',
    held
      ? `payment ${ids} of ${formatMoney(openMinor, order.currency as Currency)} for this order may still have been paid and is held for a person to decide; no new payment until it is settled`
      : `payment ${ids} of ${formatMoney(openMinor, order.currency as Currency)} for this order may still be paid (the provider has not closed it); try again when it has ended`,
    'order_id',
    { payment_ids: open.map((p) => p.id) },
  );
}
