import 'server-only';
import type { DbOrTx } from '@/db';
import { listEvents } from '@/lib/payments/events';
import { findOrder } from '@/lib/payments/orders';
import { findPayment } from '@/lib/payments/payment-store';
import { OPEN_STATUSES, type PaymentStatus } from '@/lib/payments/state-machine';
import { isStuck } from '@/lib/payments/stuck';

export type PaymentAction = 'requery';

/**
 * Everything the detail page shows about one payment: the row, its order, its audit trail
 * (payloads were redacted when recorded) and which actions the state allows. Refund, capture
 * and void join `actions` when providers offer them.
 */
export async function loadPaymentDetail(db: DbOrTx, id: string) {
  const payment = await findPayment(db, id);
  if (!payment) return null;
  const [order, events] = await Promise.all([findOrder(db, payment.orderId), listEvents(db, payment.id)]);
  const actions: PaymentAction[] = [];
  // The same rule refreshPaymentStatus applies: open payments, and expired ones a late
  // confirmation may still complete.
  if (payment.providerReference && (OPEN_STATUSES.includes(payment.status as PaymentStatus) || payment.status === 'expired')) actions.push('requery');
  return { payment, order, events, actions, stuck: isStuck(payment) };
}

export type PaymentDetail = NonNullable<Awaited<ReturnType<typeof loadPaymentDetail>>>;
