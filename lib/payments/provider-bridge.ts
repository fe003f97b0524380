import 'server-only';
import type { DbOrTx } from '@/db';
import type { ProviderCallContext, ProviderPayment } from '@/lib/providers/types';
import { recordEvent } from './events';
import type { Currency } from './money';
import type { Order } from './orders';
import type { Payment } from './payment-store';

/** Provider calls for a payment are written to its event log as they happen. */
export function recorderFor(db: DbOrTx, payment: Pick<Payment, 'id' | 'provider'>): ProviderCallContext {
  return {
    record: (exchange) =>
      recordEvent(db, { paymentId: payment.id, provider: payment.provider, kind: exchange.kind, summary: exchange.summary, httpStatus: exchange.httpStatus, payload: exchange.payload }),
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
  };
}
