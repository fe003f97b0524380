import 'server-only';
import { and, eq, max, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { paymentEvents, payments } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { getProviderForAttempt } from '@/lib/providers/registry';
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
  const provider = await getProviderForAttempt(db, payment.provider as ProviderId);
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
 * A provider callback we cannot verify by signature (M-Pesa). When configured (the production
 * default), neither its success nor its failure is a verdict until the provider's status query
 * agrees: an early or spoofed 1037 must not outrank the shopper's real approval. Only one
 * confirming query runs per attempt at a time; duplicates are kept (amount, receipt) and left to it.
 */
export async function applyUnsignedCallback(db: Db, payment: Payment, outcome: ProviderOutcome, confirmWithQuery: boolean): Promise<ApplyResult> {
  // Already paid: a later callback can only fill in the receipt; nothing to confirm.
  if (!confirmWithQuery || outcome.status === 'processing' || payment.status === 'success') {
    return applyProviderOutcome(db, payment.id, outcome, 'webhook');
  }
  await rememberCallback(db, payment, outcome);
  if (!(await claimConfirmation(db, payment.id))) {
    // Another copy is being confirmed, or it already settled the payment (then only the receipt).
    const now = await findPayment(db, payment.id);
    if (now?.status === 'success') return applyProviderOutcome(db, payment.id, outcome, 'webhook');
    return { applied: false, payment: now ?? payment, reason: 'still_processing' };
  }
  try {
    const confirmation = await queryProvider(db, payment);
    if (!confirmation || confirmation.status === 'processing') {
      // Not confirmed yet: the reconciler asks again soon; the callback's details are kept.
      await patchPayment(db, payment.id, { nextCheckAt: new Date(Date.now() + 5_000) });
      await recordEvent(db, { paymentId: payment.id, provider: payment.provider, kind: 'note', summary: `${outcome.status} callback awaiting confirmation by status query` });
      if (confirmation) return applyProviderOutcome(db, payment.id, confirmation, 'query');
      return { applied: false, payment, reason: 'still_processing' };
    }
    if (confirmation.status !== outcome.status || outcome.status !== 'success') {
      return applyProviderOutcome(db, payment.id, confirmation, 'query');
    }
    // The query confirms success; the callback carries the receipt and amount, so apply it.
    return applyProviderOutcome(db, payment.id, { ...outcome, confirmed: true, providerStatus: confirmation.providerStatus ?? outcome.providerStatus }, 'webhook');
  } finally {
    await releaseConfirmation(db, payment.id);
  }
}

/** Keeps what only the callback says (amount, receipt) until the query can confirm it. */
async function rememberCallback(db: Db, payment: Payment, outcome: ProviderOutcome): Promise<void> {
  if (outcome.status !== 'success') return;
  // A callback with the right amount replaces a wrong one remembered before (a forged one, say).
  const amount = outcome.amountMinor;
  await db.execute(sql`
    update ${payments}
       set receipt = coalesce(receipt, ${outcome.receipt ?? null}),
           notes = case when ${amount ?? null}::bigint is null then notes
                        else notes || jsonb_build_object('callbackAmountMinor', ${amount ?? null}::bigint) end,
           updated_at = now()
     where id = ${payment.id}`);
}

/** One confirming query per attempt in flight, across instances; a stale claim expires in 30 s. */
async function claimConfirmation(db: Db, paymentId: string): Promise<boolean> {
  const rows = await db.execute(sql`
    update ${payments}
       set notes = notes || jsonb_build_object('confirmingUntil', (extract(epoch from now()) + 30)::bigint)
     where id = ${paymentId}
       and status <> 'success'
       and coalesce((notes->>'confirmingUntil')::bigint, 0) < extract(epoch from now())
    returning id`);
  const list = Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows;
  return list.length > 0;
}

async function releaseConfirmation(db: Db, paymentId: string): Promise<void> {
  await db.execute(sql`update ${payments} set notes = notes - 'confirmingUntil' where id = ${paymentId}`);
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
