import 'server-only';
import type { Tx } from '@/db';
import { webhookOutbox } from '@/db/schema';
import { toDecimalString, type Currency } from './money';
import type { Payment } from './payment-store';

/**
 * Writes the merchant notification in the same transaction as the status change (transactional
 * outbox): it is sent if and only if the change committed. Delivery happens elsewhere.
 */
export async function enqueueStatusWebhook(tx: Tx, payment: Payment): Promise<void> {
  if (!payment.callbackUrl) return;
  await tx.insert(webhookOutbox).values({
    paymentId: payment.id,
    url: payment.callbackUrl,
    eventType: `payment.${payment.status}`,
    payload: {
      event: `payment.${payment.status}`,
      data: {
        id: payment.id,
        provider: payment.provider,
        status: payment.status,
        amount: toDecimalString(payment.amountMinor, payment.currency as Currency),
        currency: payment.currency,
        reference: payment.reference,
        transaction_id: payment.providerTransactionId ?? payment.receipt,
        failure_code: payment.failureCode,
        updated_at: new Date().toISOString(),
      },
    },
  });
}
