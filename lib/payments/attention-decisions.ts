import 'server-only';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { payments } from '@/db/schema';
import { AppError, notFound } from '@/lib/errors';
import { recordEvent } from './events';
import { formatMoney, type Currency } from './money';
import { lockPayment } from './otp-close';
import { creditOrder } from './orders';
import { patchPayment, transitionPayment, type Payment } from './payment-store';
import { OPEN_STATUSES, type PaymentStatus } from './state-machine';
import { enqueueStatusWebhook } from './webhook-outbox';

/**
 * What a person decides about a payment the system could not settle (needs attention). The
 * reason, and for "paid" the provider's receipt, are what the person read on the provider's
 * statement; the timeline keeps both with who decided.
 */
export type AttentionDecision =
  | { kind: 'accept_paid'; receipt: string; reason: string }
  | { kind: 'mark_failed'; reason: string }
  | { kind: 'note'; reason: string };

export const MARKED_FAILED = 'marked_failed';

/** Applies `decision` under the payment's row lock (and the order's, when it credits). */
export async function decideAttention(db: Db, paymentId: string, decision: AttentionDecision, decidedBy: string): Promise<Payment> {
  return db.transaction(async (tx) => {
    const payment = await lockPayment(tx, paymentId).catch(() => {
      throw notFound('payment');
    });
    if (decision.kind === 'note') {
      await recordEvent(tx, { paymentId, provider: payment.provider, kind: 'note', summary: `note by ${decidedBy}: ${decision.reason}` });
      return payment;
    }
    return decision.kind === 'accept_paid' ? acceptAsPaid(tx, payment, decision, decidedBy) : markFailed(tx, payment, decision.reason, decidedBy);
  });
}

async function acceptAsPaid(tx: Tx, payment: Payment, decision: { receipt: string; reason: string }, decidedBy: string): Promise<Payment> {
  await refuseReceiptOfAnotherPayment(tx, payment, decision.receipt);
  const summary = `accepted as paid by ${decidedBy} (receipt ${decision.receipt}): ${decision.reason}`;
  if (payment.status === 'success') {
    // Already credited (a contradictory or overpaid flag): the person confirms it; money unchanged.
    if (!payment.attention) throw new AppError('conflict', 'payment is already paid and needs no decision', 'decision');
    await patchPayment(tx, payment.id, { attention: null, receipt: payment.receipt ?? decision.receipt });
    await recordEvent(tx, { paymentId: payment.id, provider: payment.provider, kind: 'note', summary });
    return { ...payment, attention: null, receipt: payment.receipt ?? decision.receipt };
  }
  const moved = await transitionPayment(tx, payment.id, 'success', {
    receipt: decision.receipt,
    providerTransactionId: payment.providerTransactionId ?? decision.receipt,
    failureCode: null,
    failureMessage: null,
    completedAt: new Date(),
    nextCheckAt: null,
    attention: null,
    notes: { ...payment.notes, decidedBy, unverifiedFailure: undefined },
  });
  if (!moved) throw new AppError('conflict', `payment is ${payment.status} and cannot be accepted as paid`, 'decision');
  await recordEvent(tx, { paymentId: payment.id, provider: payment.provider, kind: 'status_change', summary: `${payment.status} → success (${summary})` });
  const { order } = await creditOrder(tx, payment.orderId, payment.amountMinor, decision.receipt);
  await recordEvent(tx, {
    paymentId: payment.id,
    provider: payment.provider,
    kind: 'note',
    summary: `credited ${formatMoney(payment.amountMinor, payment.currency as Currency)} to order ${order.reference} (now ${order.paymentStatus})`,
  });
  await enqueueStatusWebhook(tx, moved);
  return moved;
}

/** A receipt proves one payment: the same one on two attempts would credit the order twice. */
async function refuseReceiptOfAnotherPayment(tx: Tx, payment: Payment, receipt: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`receipt:${payment.provider}:${receipt}`}))`);
  const [other] = await tx
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.provider, payment.provider), eq(payments.receipt, receipt), ne(payments.id, payment.id)))
    .limit(1);
  if (other) throw new AppError('conflict', `receipt ${receipt} already belongs to payment ${other.id}`, 'receipt');
}

async function markFailed(tx: Tx, payment: Payment, reason: string, decidedBy: string): Promise<Payment> {
  if (payment.status === 'success' || payment.status === 'partially_refunded' || payment.status === 'refunded') {
    throw new AppError('conflict', `payment is ${payment.status}: money was credited, so it cannot be marked failed (refund it instead)`, 'decision');
  }
  const summary = `marked failed by ${decidedBy}: ${reason}`;
  const closed = { attention: null, nextCheckAt: null, notes: { ...payment.notes, decidedBy, unverifiedFailure: undefined } };
  if (OPEN_STATUSES.includes(payment.status as PaymentStatus)) {
    const moved = await transitionPayment(tx, payment.id, 'failed', { ...closed, failureCode: MARKED_FAILED, failureMessage: reason, completedAt: new Date() });
    if (!moved) throw new AppError('conflict', `payment is ${payment.status} and cannot be marked failed`, 'decision');
    await recordEvent(tx, { paymentId: payment.id, provider: payment.provider, kind: 'status_change', summary: `${payment.status} → failed (${summary})` });
    await enqueueStatusWebhook(tx, moved);
    return moved;
  }
  // Already closed (expired, failed, cancelled): the person confirms no money moved; stop asking.
  await patchPayment(tx, payment.id, closed);
  await recordEvent(tx, { paymentId: payment.id, provider: payment.provider, kind: 'note', summary });
  return { ...payment, ...closed };
}
