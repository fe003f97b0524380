import 'server-only';
import type { DbOrTx } from '@/db';
import type { ProviderCallContext, ProviderPayment } from '@/lib/providers/types';
import { recordEvent } from './events';
import type { Currency } from './money';
import type { Order } from './orders';
import type { Payment } from './payment-store';
import { logError } from '@/lib/server/log';

/**
 * Provider calls for a payment are written to its event log as they happen. A failure to write
 * the log never breaks the payment itself (the money may already be moving); it is reported.
 */
export function recorderFor(db: DbOrTx, payment: Pick<Payment, 'id' | 'provider'>): ProviderCallContext {
  return {
    record: async (exchange) => {
      try {
        await recordEvent(db, { paymentId: payment.id, provider: payment.provider, kind: exchange.kind, summary: exchange.summary, httpStatus: exchange.httpStatus, payload: exchange.payload });
      } catch (error) {
        logError(`[malipo] could not record "${exchange.summary}" for ${payment.id}:`, error);
      }
    },
  };
}

export function toProviderPayment(payment: Payment, order: Pick<Order, 'reference' | 'description'>): ProviderPayment {
  return {
    id: payment.id,
    amountMinor: payment.amountMinor,
    currency: payment.currency as Currency,
    msisdn: payment.msisdn,
    providerReference: payment.providerReference,
    accountReference: order.reference,
    reference: payment.reference,
    retryOf: payment.retryOf,
    description: order.description,
    notes: payment.notes,
    status: payment.status,
    createdAt: payment.createdAt,
  };
}
