import 'server-only';
import { and, eq, max } from 'drizzle-orm';
import type { Db } from '@/db';
import { paymentEvents } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { getProvider } from '@/lib/providers/registry';
import { ProviderRejectedError, ProviderUnavailableError, type ProviderId, type ProviderOutcome } from '@/lib/providers/types';
import { applyProviderOutcome, type ApplyResult } from './apply-outcome';
import { recordEvent } from './events';
import { findOrder } from './orders';
import { findPayment, patchPayment, type Payment } from './payment-store';
import { toProviderPayment, recorderFor } from './provider-bridge';
import { OPEN_STATUSES, type PaymentStatus } from './state-machine';

export interface RefreshOptions {
  /** Only these statuses are queried (the shopper's button: not a code still being typed). */
  statuses?: readonly PaymentStatus[];
  /** Skip the query when the provider was asked about this payment that recently (public buttons). */
  minIntervalMs?: number;
}

/**
 * Asks the provider where an open payment stands and applies the answer. Used by the shopper's
 * "I have paid, check again", the API and the reconciler. A provider that cannot be reached
 * leaves the payment as it is: unknown is not failed.
 */
export async function refreshPaymentStatus(db: Db, paymentId: string, options: RefreshOptions = {}): Promise<Payment> {
  const payment = await findPayment(db, paymentId);
  if (!payment) throw notFound('payment');
  const statuses = options.statuses ?? [...OPEN_STATUSES, 'expired'];
  if (!statuses.includes(payment.status as PaymentStatus)) return payment;
  if (!payment.providerReference) return payment;
  if (options.minIntervalMs && (await askedWithin(db, payment.id, options.minIntervalMs))) return payment;
  const outcome = await queryProvider(db, payment);
  if (!outcome) return (await findPayment(db, paymentId)) ?? payment;
  const result = await applyProviderOutcome(db, payment.id, outcome, 'query');
  return resultPayment(db, result);
}

export async function queryProvider(db: Db, payment: Payment): Promise<ProviderOutcome | null> {
  const provider = await getProvider(db, payment.provider as ProviderId);
  const order = await findOrder(db, payment.orderId);
  if (!provider || !order) return null;
  try {
    return await provider.query(toProviderPayment(payment, order), recorderFor(db, payment));
  } catch (error) {
    if (error instanceof ProviderUnavailableError || error instanceof ProviderRejectedError) {
      await recordEvent(db, { paymentId: payment.id, provider: payment.provider, kind: 'error', summary: `status query failed: ${error.message}` });
      return null;
    }
    throw error;
  }
}

/**
 * A provider callback we cannot verify by signature (M-Pesa): when configured, a success is only
 * applied once the provider's status query agrees. Failures are applied as they come: a false
 * failure costs a retry, a false success costs the merchant the goods.
 */
export async function applyUnsignedCallback(db: Db, payment: Payment, outcome: ProviderOutcome, confirmWithQuery: boolean): Promise<ApplyResult> {
  if (outcome.status !== 'success' || !confirmWithQuery) {
    return applyProviderOutcome(db, payment.id, outcome, 'webhook');
  }
  const confirmation = await queryProvider(db, payment);
  if (!confirmation || confirmation.status === 'processing') {
    // Not confirmed yet: keep the callback's details and let the reconciler ask again soon.
    await patchPayment(db, payment.id, { nextCheckAt: new Date(Date.now() + 5_000), receipt: outcome.receipt ?? payment.receipt });
    await recordEvent(db, { paymentId: payment.id, provider: payment.provider, kind: 'note', summary: 'success callback awaiting confirmation by status query' });
    return { applied: false, payment, reason: 'still_processing' };
  }
  if (confirmation.status !== 'success') {
    return applyProviderOutcome(db, payment.id, confirmation, 'query');
  }
  // The query confirms success; the callback carries the receipt and amount, so apply it.
  return applyProviderOutcome(db, payment.id, { ...outcome, providerStatus: confirmation.providerStatus ?? outcome.providerStatus }, 'webhook');
}

async function askedWithin(db: Db, paymentId: string, ms: number): Promise<boolean> {
  const [row] = await db
    .select({ at: max(paymentEvents.createdAt) })
    .from(paymentEvents)
    .where(and(eq(paymentEvents.paymentId, paymentId), eq(paymentEvents.kind, 'request')));
  return !!row?.at && Date.now() - new Date(row.at).getTime() < ms;
}

async function resultPayment(db: Db, result: ApplyResult): Promise<Payment> {
  return (await findPayment(db, result.payment.id)) ?? result.payment;
}
