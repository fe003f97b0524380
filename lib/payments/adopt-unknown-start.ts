import 'server-only';
import { and, desc, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '@/db';
import { payments } from '@/db/schema';
import { recordEvent } from './events';
import { patchPayment, type Payment } from './payment-store';

/**
 * A callback for a reference we never stored may belong to an attempt whose start timed out
 * (attention = initiate_unknown, no provider reference) or whose process died during the call
 * (still pending, no provider reference). When exactly one such recent attempt
 * matches the callback's phone and amount, it is that attempt: adopt the reference so the
 * callback is applied through the normal path. Two or more candidates (e.g. two orders of the
 * same amount from one phone) are left for a person: crediting the wrong order is worse.
 */
export async function adoptUnknownStart(db: Db, provider: string, msisdn: string, amountMinor: number, providerReference: string): Promise<Payment | null> {
  const candidates = await db
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.provider, provider),
        isNull(payments.providerReference),
        or(eq(payments.attention, 'initiate_unknown'), eq(payments.status, 'pending')),
        eq(payments.msisdn, msisdn),
        eq(payments.amountMinor, amountMinor),
        inArray(payments.status, ['pending', 'processing', 'expired']),
        gt(payments.createdAt, new Date(Date.now() - 60 * 60_000)),
      ),
    )
    .orderBy(desc(payments.createdAt))
    .limit(2);
  if (candidates.length !== 1 || !candidates[0]) return null;
  const payment = candidates[0];
  await patchPayment(db, payment.id, { providerReference });
  await recordEvent(db, { paymentId: payment.id, provider, kind: 'note', summary: `callback for ${providerReference} matched to this attempt (its start had timed out)` });
  return { ...payment, providerReference };
}
