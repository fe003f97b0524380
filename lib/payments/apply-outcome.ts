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
const RESOLVED_BY_PROVIDER = new Set(['initiate_unknown', 'unknown_outcome', 'unknown_result_code']);

/** Our own verdict when a provider stayed silent (the reconciler's expiry). */
export const NO_FINAL_STATUS = 'no_final_status';

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
export async function applyProviderOutcome(db: Db, paymentId: string, reported: ProviderOutcome, source: OutcomeSource): Promise<ApplyResult> {
  return db.transaction(async (tx) => {
    const [payment] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for('update');
    if (!payment) throw new Error(`payment ${paymentId} not found`);
    const status = payment.status as PaymentStatus;
    const outcome = withRememberedCallback(payment, reported);

    if (outcome.status === 'processing') return keepOpen(tx, payment, outcome, source);
    // Our own expiry is decided from the row as locked: a payment settled meanwhile stays as it is.
    if (outcome.code === NO_FINAL_STATUS && isTerminal(status)) return { applied: false, payment, reason: 'already_final' };
    if (outcome.status === 'success') {
      const held = await checkSuccessAmount(tx, payment, outcome, source);
      if (held) return held;
    }
    if (isTerminal(status) && !mayStillSucceed(payment, outcome, source)) {
      return settleLateOutcome(tx, payment, outcome, source);
    }
    return applyTransition(tx, payment, outcome, source);
  });
}

/**
 * A query answer carries no amount or receipt (Daraja's STK query): the callback we kept while
 * waiting for confirmation supplies them, so a short callback is never credited by a later query.
 */
function withRememberedCallback(payment: Payment, outcome: ProviderOutcome): ProviderOutcome {
  if (outcome.status !== 'success') return outcome;
  const remembered = payment.notes?.callbackAmountMinor;
  return {
    ...outcome,
    amountMinor: outcome.amountMinor ?? (typeof remembered === 'number' ? remembered : undefined),
    receipt: outcome.receipt ?? payment.receipt ?? undefined,
  };
}

/**
 * A success whose amount differs is held (flagged, still queried). A later success that carries
 * the right amount (a forged short callback followed by the real one) clears the hold.
 */
async function checkSuccessAmount(tx: Tx, payment: Payment, outcome: ProviderOutcome, source: OutcomeSource): Promise<ApplyResult | null> {
  if (outcome.amountMinor !== undefined && outcome.amountMinor !== payment.amountMinor) return flagAmountMismatch(tx, payment, outcome, source);
  if (payment.attention !== 'amount_mismatch') return null;
  if (outcome.amountMinor === payment.amountMinor) {
    await patchPayment(tx, payment.id, { attention: null });
    payment.attention = null;
    return null;
  }
  return { applied: false, payment, reason: 'amount_mismatch' };
}

/**
 * Final statuses never move back, except where our verdict came from a word we could not verify:
 * our own expiry, or a failure taken from an unsigned callback. A provider-verified success then
 * still completes the order (money taken is never lost).
 */
function mayStillSucceed(payment: Payment, outcome: ProviderOutcome, source: OutcomeSource): boolean {
  if (outcome.status !== 'success') return false;
  if (payment.status === 'expired') return true;
  const verified = source === 'query' || outcome.confirmed === true;
  return verified && (payment.status === 'failed' || payment.status === 'cancelled') && payment.notes?.unverifiedFailure === true;
}

/** Not final yet: keep the provider's status, flag a code nobody documents, keep asking. */
async function keepOpen(tx: Tx, payment: Payment, outcome: ProviderOutcome, source: OutcomeSource): Promise<ApplyResult> {
  const patch: Parameters<typeof patchPayment>[2] = {};
  if (outcome.providerStatus && outcome.providerStatus !== payment.providerStatus) patch.providerStatus = outcome.providerStatus;
  if (outcome.unknownCode && !payment.attention) patch.attention = 'unknown_result_code';
  if (!payment.nextCheckAt && !isTerminal(payment.status as PaymentStatus)) patch.nextCheckAt = new Date(Date.now() + 15_000);
  if (Object.keys(patch).length > 0) await patchPayment(tx, payment.id, patch);
  if (outcome.unknownCode) {
    await recordEvent(tx, { paymentId: payment.id, provider: payment.provider, kind: 'note', summary: `undocumented code ${outcome.code ?? '?'} from ${source}: not a verdict, still open and queried` });
  }
  return { applied: false, payment: { ...payment, ...patch }, reason: 'still_processing' };
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
    // A failure we could not verify is still queried for the late-success window.
    nextCheckAt: unverifiedFailure(outcome, source) ? new Date(Date.now() + 15_000) : null,
    notes: notesAfter(payment, outcome, to, source),
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
function notesAfter(payment: Payment, outcome: ProviderOutcome, to: PaymentStatus, source: OutcomeSource): Record<string, unknown> {
  const notes: Record<string, unknown> = { ...payment.notes, ...outcome.notes, unverifiedFailure: unverifiedFailure(outcome, source) || undefined };
  if (to !== 'success') return notes;
  const providerReference = outcome.providerTransactionId ?? outcome.receipt ?? payment.providerTransactionId ?? payment.receipt ?? payment.providerReference;
  return { ...notes, record: { method: payment.provider, status: 'success', provider_reference: providerReference, debit_reference: outcome.notes?.debitReference ?? null } };
}

/** A failure taken from a callback nobody signed (M-Pesa), without the provider's query agreeing. */
function unverifiedFailure(outcome: ProviderOutcome, source: OutcomeSource): boolean {
  return source === 'webhook' && !outcome.confirmed && (outcome.status === 'failed' || outcome.status === 'cancelled');
}

/** A callback or query for a payment that is already final: never changes it, may flag it. */
async function settleLateOutcome(tx: Tx, payment: Payment, outcome: ProviderOutcome, source: OutcomeSource): Promise<ApplyResult> {
  const agrees = outcome.status === payment.status || (payment.status === 'success' && outcome.status === 'success');
  // Our own "expired" and any final no from the provider say the same thing: no money moved.
  const confirmsNoPayment = payment.status === 'expired' && outcome.status !== 'success';
  if (agrees || confirmsNoPayment) {
    if (payment.status === 'success' && outcome.status === 'success' && outcome.receipt && !payment.receipt) {
      // Credited by a query that carried no receipt: the callback fills it in (money unchanged).
      await patchPayment(tx, payment.id, { receipt: outcome.receipt, providerTransactionId: payment.providerTransactionId ?? outcome.providerTransactionId ?? outcome.receipt });
    }
    if (source === 'query' && payment.notes?.unverifiedFailure === true && !outcome.confirmed) {
      // The provider's own query agrees with the unsigned failure: it is final now.
      await patchPayment(tx, payment.id, { nextCheckAt: null, notes: { ...payment.notes, unverifiedFailure: false } });
    }
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
  // Held, not final: the provider's later word (a callback with the right amount) may clear it.
  await patchPayment(tx, payment.id, {
    attention: 'amount_mismatch',
    providerStatus: outcome.providerStatus ?? payment.providerStatus,
    receipt: outcome.receipt ?? payment.receipt,
    nextCheckAt: isTerminal(payment.status as PaymentStatus) ? payment.nextCheckAt : new Date(Date.now() + 60_000),
    notes: { ...payment.notes, callbackAmountMinor: outcome.amountMinor },
  });
  await recordEvent(tx, {
    paymentId: payment.id,
    provider: payment.provider,
    kind: 'note',
    summary: `amount mismatch from ${source}: provider says ${formatMoney(outcome.amountMinor ?? 0, currency)}, expected ${formatMoney(payment.amountMinor, currency)}: flagged, not credited`,
    payload: outcome,
  });
  return { applied: false, payment: { ...payment, attention: 'amount_mismatch' }, reason: 'amount_mismatch' };
}
