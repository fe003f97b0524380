import 'server-only';
import type { Db, Tx } from '@/db';
import { webhookOutbox } from '@/db/schema';
import { toDecimalString, type Currency } from './money';
import { transitionPayment, type Payment } from './payment-store';
import type { PaymentStatus } from './state-machine';

/**
 * Writes the merchant notification in the same transaction as the status change (transactional
 * outbox): it is sent if and only if the change committed. Delivery: lib/webhooks/deliver.ts.
 */
export async function enqueueStatusWebhook(tx: Tx, payment: Payment): Promise<void> {
  if (!payment.callbackUrl) return;
  const event = `payment.${payment.status}`;
  await tx.insert(webhookOutbox).values({
    paymentId: payment.id,
    url: payment.callbackUrl,
    eventType: event,
    payload: {
      event,
      created_at: new Date().toISOString(),
      data: {
        id: payment.id,
        provider: payment.provider,
        status: payment.status,
        provider_status: payment.providerStatus,
        amount: toDecimalString(payment.amountMinor, payment.currency as Currency),
        currency: payment.currency,
        msisdn: payment.msisdn,
        reference: payment.reference,
        order_id: payment.orderId,
        transaction_id: payment.providerTransactionId ?? payment.receipt,
        receipt: payment.receipt,
        failure_code: payment.failureCode,
        failure_message: payment.failureMessage,
        retry_of: payment.retryOf,
        updated_at: payment.updatedAt.toISOString(),
      },
    },
  });
}

type TransitionPatch = Parameters<typeof transitionPayment>[3];

/** transitionPayment plus its merchant webhook, in one transaction. Null when the CAS lost. */
export async function transitionAndNotify(db: Db, id: string, to: PaymentStatus, patch: TransitionPatch = {}): Promise<Payment | null> {
  return db.transaction(async (tx) => {
    const moved = await transitionPayment(tx, id, to, patch);
    if (moved) await enqueueStatusWebhook(tx, moved);
    return moved;
  });
}
