import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { payments } from '@/db/schema';
import type { ProviderOutcome } from '@/lib/providers/types';
import { recordEvent } from './events';
import { formatMoney, type Currency } from './money';
import { creditOrder } from './orders';
import { transitionPayment, patchPayment, type Payment } from './payment-store';
import { isTerminal, type PaymentStatus } from './state-machine';
import { enqueueStatusWebhook } from './webhook-outbox';

/** Flags that only meant "outcome unknown", cleared once the provider gives a final answer. */
const RESOLVED_BY_PROVIDER = new Set(['initiate_unknown', 'unknown_outcome']);

export type OutcomeSource = 'webhook' | 'query' | 'otp';

export type ApplyResult =
  | { applied: true; payment: Payment; credited: boolean }
  | { applied: false; payment: Payment; reason: 'still_processing' | 'already_final' | 'contradiction' | 'amount_mismatch' | 'not_allowed' };

/**
 * The one place a provider's word changes a payment. In a single transaction: lock the payment
 * row, decide, compare-and-set the status, and on success credit the order under its own row
 * lock. Duplicate, late, out-of-order and concurrent outcomes all funnel through here, so an
 * order is credited exactly once.
 */
export async function applyProviderOutcome(db: Db, paymentId: string, outcome: ProviderOutcome, source: OutcomeSource): Promise<ApplyResult> {
  return db.transaction(async (tx) => {
    const [payment] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for('update');
    if (!payment) throw new Error(`payment ${paymentId} not found`);
    const status = payment.status as PaymentStatus;

    if (outcome.status === 'processing') {
      if (outcome.providerStatus && outcome.providerStatus !== payment.providerStatus) {
        await patchPayment(tx, payment.id, { providerStatus: outcome.providerStatus });
      }
      return { applied: false, payment, reason: 'still_processing' };
    }
    if (outcome.status === 'success' && outcome.amountMinor !== undefined && outcome.amountMinor !== payment.amountMinor) {
      return flagAmountMismatch(tx, payment, outcome, source);
    }
    if (payment.attention === 'amount_mismatch' && outcome.status === 'success') {
      // Held for a person: the provider reported a different amount once, so no automatic credit.
      return { applied: false, payment, reason: 'amount_mismatch' };
    }
    if (isTerminal(status) && !(status === 'expired' && outcome.status === 'success')) {
      return settleLateOutcome(tx, payment, outcome, source);
    }
    return applyTransition(tx, payment, outcome, source);
  });
}

async function applyTransition(tx: Tx, payment: Payment, outcome: ProviderOutcome, source: OutcomeSource): Promise<ApplyResult> {
  const to: PaymentStatus = outcome.status as PaymentStatus;
  const moved = await transitionPayment(tx, payment.id, to, {
    providerStatus: outcome.providerStatus ?? payment.providerStatus,
    receipt: outcome.receipt ?? payment.receipt,
    providerTransactionId: outcome.providerTransactionId ?? payment.providerTransactionId,
    failureCode: to === 'success' ? null : (outcome.code ?? payment.failureCode),
    failureMessage: to === 'success' ? null : (outcome.message ?? payment.failureMessage),
    completedAt: new Date(),
    nextCheckAt: null,
    notes: notesAfter(payment, outcome, to),
    // The provider's final word resolves "we did not know"; our own expiry does not.
    attention: RESOLVED_BY_PROVIDER.has(payment.attention ?? '') && outcome.code !== 'no_final_status' ? null : payment.attention,
  });
  if (!moved) return { applied: false, payment, reason: 'not_allowed' };
  await recordEvent(tx, {
    paymentId: payment.id,
    provider: payment.provider,
    kind: 'status_change',
    summary: `${payment.status} → ${to} (from ${source}${outcome.code ? `, code ${outcome.code}` : ''})`,
  });
  let credited = false;
  if (to === 'success') {
    const { order, overpaidMinor } = await creditOrder(tx, payment.orderId, payment.amountMinor, moved.providerTransactionId ?? moved.receipt);
    credited = true;
    await recordEvent(tx, {
      paymentId: payment.id,
      provider: payment.provider,
      kind: 'note',
      summary: `credited ${formatMoney(payment.amountMinor, payment.currency as Currency)} to order ${order.reference} (now ${order.paymentStatus})`,
    });
    if (overpaidMinor > 0) await patchPayment(tx, payment.id, { attention: 'overpaid' });
  }
  await enqueueStatusWebhook(tx, moved);
  return { applied: true, payment: moved, credited };
}

/**
 * The provider's extra details, plus, on success, the payment record the Omari seed describes:
 * method, status, provider reference and debit reference, kept with the payment.
 */
function notesAfter(payment: Payment, outcome: ProviderOutcome, to: PaymentStatus): Record<string, unknown> {
  const notes = { ...payment.notes, ...outcome.notes };
  if (to !== 'success') return notes;
  const providerReference = outcome.providerTransactionId ?? outcome.receipt ?? payment.providerTransactionId ?? payment.receipt ?? payment.providerReference;
  return { ...notes, record: { method: payment.provider, status: 'success', provider_reference: providerReference, debit_reference: outcome.notes?.debitReference ?? null } };
}

/** A callback or query for a payment that is already final: never changes it, may flag it. */
async function settleLateOutcome(tx: Tx, payment: Payment, outcome: ProviderOutcome, source: OutcomeSource): Promise<ApplyResult> {
  const agrees = outcome.status === payment.status || (payment.status === 'success' && outcome.status === 'success');
  // Our own "expired" and any final no from the provider say the same thing: no money moved.
  const confirmsNoPayment = payment.status === 'expired' && outcome.status !== 'success';
  if (agrees || confirmsNoPayment) {
    if (confirmsNoPayment && payment.nextCheckAt) await patchPayment(tx, payment.id, { nextCheckAt: null, providerStatus: outcome.providerStatus ?? payment.providerStatus });
    await recordEvent(tx, { paymentId: payment.id, provider: payment.provider, kind: 'note', summary: `${confirmsNoPayment ? 'final' : 'duplicate'} ${outcome.status} from ${source} after ${payment.status}: nothing to change` });
    return { applied: false, payment, reason: 'already_final' };
  }
  // A failure after a success (or the reverse) is recorded and flagged for a person, never applied.
  await patchPayment(tx, payment.id, { attention: 'contradictory_callback' });
  await recordEvent(tx, {
    paymentId: payment.id,
    provider: payment.provider,
    kind: 'note',
    summary: `contradictory ${outcome.status}${outcome.code ? ` (code ${outcome.code})` : ''} from ${source} after ${payment.status}: flagged, not applied`,
    payload: outcome,
  });
  return { applied: false, payment: { ...payment, attention: 'contradictory_callback' }, reason: 'contradiction' };
}

async function flagAmountMismatch(tx: Tx, payment: Payment, outcome: ProviderOutcome, source: OutcomeSource): Promise<ApplyResult> {
  const currency = payment.currency as Currency;
  await patchPayment(tx, payment.id, { attention: 'amount_mismatch', providerStatus: outcome.providerStatus ?? payment.providerStatus, receipt: outcome.receipt ?? payment.receipt, nextCheckAt: null });
  await recordEvent(tx, {
    paymentId: payment.id,
    provider: payment.provider,
    kind: 'note',
    summary: `amount mismatch from ${source}: provider says ${formatMoney(outcome.amountMinor ?? 0, currency)}, expected ${formatMoney(payment.amountMinor, currency)}: flagged, not credited`,
    payload: outcome,
  });
  return { applied: false, payment: { ...payment, attention: 'amount_mismatch' }, reason: 'amount_mismatch' };
}
