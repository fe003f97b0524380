import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import { payments } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { formatMoney, type Currency } from './money';
import type { Order } from './orders';

/**
 * Refuses a new attempt when attempts still live on the shopper's phone (an open prompt or code)
 * already cover what the order owes: a second tab, a Retry pressed while the first prompt is up,
 * or the API and the shop at once would otherwise charge the shopper twice. Attempts whose
 * prompt has expired do not count: their outcome is left to the reconciler.
 * Runs under the order's row lock (initiate.ts), so two requests cannot both pass.
 */
export async function refuseIfCoveredByOpenAttempts(tx: Tx, order: Order, amountMinor: number, balanceMinor: number): Promise<void> {
  const [open] = await tx
    .select({
      total: sql<string>`coalesce(sum(${payments.amountMinor}), 0)`,
      until: sql<string | null>`max(${payments.expiresAt})`,
    })
    .from(payments)
    .where(
      and(
        eq(payments.orderId, order.id),
        // Parenthesised as a whole: the OR must not escape the order_id condition.
        sql`((${payments.status} in ('processing', 'awaiting_otp') and ${payments.expiresAt} > now())
          or (${payments.status} = 'pending' and ${payments.createdAt} > now() - interval '2 minutes'))`,
      ),
    );
  const openMinor = Number(open?.total ?? 0);
  if (openMinor === 0 || openMinor + amountMinor <= balanceMinor) return;
  const until = open?.until ? ` until ${new Date(open.until).toISOString().slice(11, 19)} UTC` : '';
  throw new AppError(
    'conflict',
    `another payment of ${formatMoney(openMinor, order.currency as Currency)} for this order is waiting for the shopper's answer${until}; try again when it has ended`,
    'order_id',
  );
}
