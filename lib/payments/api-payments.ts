import 'server-only';
import type { Db } from '@/db';
import { AppError, invalid, notFound } from '@/lib/errors';
import type { ProviderId } from '@/lib/providers/types';
import { checkNewPayment, initiatePayment } from './initiate';
import { nextAttemptOf } from './next-attempt';
import { MoneyError, parseAmount, type Currency } from './money';
import { createOrder, findOrder, type Order } from './orders';
import { getProvider } from '@/lib/providers/registry';
import { refuseReusedProviderReference } from './otp-reference';
import { findPayment, type Payment } from './payment-store';
import { isRetryable, type PaymentStatus } from './state-machine';

export interface ApiPaymentRequest {
  provider: ProviderId;
  amount: string;
  currency: Currency;
  msisdn: string;
  customerName?: string;
  orderId?: string;
  reference?: string;
  callbackUrl?: string | null;
  apiKeyId: number;
  /** May this caller pay an existing order? (A merchant key: only orders it created.) */
  mayUseOrder?: (order: Order) => boolean;
  /** See InitiatePaymentInput.onCreated. */
  onCreated?: (payment: Payment) => Promise<void>;
}

/** A merchant's API call: pays an existing order, or creates one for the amount given. */
export async function createApiPayment(db: Db, req: ApiPaymentRequest): Promise<Payment> {
  let amountMinor: number;
  try {
    amountMinor = parseAmount(req.amount, req.currency);
  } catch (error) {
    if (error instanceof MoneyError) throw invalid('amount', error.message);
    throw error;
  }
  if (amountMinor <= 0) throw invalid('amount', 'must be greater than zero');
  // Before the order is created and before any provider call.
  if (!req.orderId) await checkNewPayment(db, { provider: req.provider, msisdn: req.msisdn, currency: req.currency, amountMinor, reference: req.reference });
  const provider = await getProvider(db, req.provider);
  if (provider) await refuseReusedProviderReference(db, provider, req.reference);
  const order = req.orderId ? await findOrder(db, req.orderId) : await createOrder(db, {
    description: `API payment ${req.reference ?? ''}`.trim(),
    currency: req.currency,
    totalMinor: amountMinor,
    customerName: req.customerName ?? null,
    source: 'api',
    apiKeyId: req.apiKeyId || null,
  });
  // Another key's order is as unknown as a missing one.
  if (!order || (req.orderId && req.mayUseOrder && !req.mayUseOrder(order))) throw new AppError('not_found', `order_id ${req.orderId} does not match any order`, 'order_id');
  if (order.currency !== req.currency) throw invalid('currency', `must match the order's currency (${order.currency})`);
  return initiatePayment(db, {
    orderId: order.id,
    provider: req.provider,
    amountMinor,
    msisdn: req.msisdn,
    reference: req.reference ?? null,
    callbackUrl: req.callbackUrl ?? null,
    apiKeyId: req.apiKeyId || null,
    onCreated: req.onCreated,
  });
}

/** A new attempt for a failed, cancelled or expired payment: same order, phone and amount. */
export async function retryPayment(db: Db, paymentId: string, apiKeyId: number | null = null): Promise<Payment> {
  const previous = await findPayment(db, paymentId);
  if (!previous) throw notFound('payment');
  if (!isRetryable(previous.status as PaymentStatus)) {
    throw new AppError('conflict', `payment is ${previous.status}; only failed, cancelled or expired payments can be retried`, 'status');
  }
  if (!previous.msisdn) throw invalid('msisdn', 'is missing on the original payment');
  // One retry per failed attempt.
  return initiatePayment(db, nextAttemptOf({ ...previous, msisdn: previous.msisdn }, `retry-of:${previous.id}`, apiKeyId ?? previous.apiKeyId));
}
