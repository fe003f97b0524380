import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { orders, payments } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { AppError, invalid, notFound } from '@/lib/errors';
import { getProvider } from '@/lib/providers/registry';
import { ProviderRejectedError, ProviderUnavailableError, type PaymentProvider, type ProviderId } from '@/lib/providers/types';
import { recordEvent } from './events';
import { transitionAndNotify } from './webhook-outbox';
import { newId } from './ids';
import { attemptsThatMayStillPay, refuseIfCoveredByOpenAttempts } from './open-attempts';
import { refreshPaymentStatus } from './refresh';
import { refuseReusedProviderReference } from './otp-reference';
import { closeAwaitingOtp, lockPayment, OTP_CODES } from './otp-close';
import { claimOtpSend, countOtpSend, releaseOtpSend } from './otp-limits';
import { reservePrompt } from './prompt-limits';
import { otpLifetimeSeconds } from './otp-rules';
import { balanceOf, minimumPaymentOf, type Order } from './orders';
import { findPayment, type Payment } from './payment-store';
import { normalizeMsisdn } from './phone';
import { recorderFor, toProviderPayment } from './provider-bridge';
import { formatMoney, type Currency } from './money';

export interface InitiatePaymentInput {
  orderId: string;
  provider: ProviderId;
  /** Defaults to the order's balance. */
  amountMinor?: number;
  msisdn: string;
  reference?: string | null;
  callbackUrl?: string | null;
  apiKeyId?: number | null;
  retryOf?: string | null;
  /**
   * Resend: the waiting OTP attempt this one replaces. It is closed in the transaction that
   * creates the new one, only once the new code's send is allowed, so a refused resend (429)
   * leaves the shopper's live code working.
   */
  replaces?: string | null;
  /** Nonce from the checkout form: a double submit returns the first attempt. */
  clientToken?: string | null;
  /**
   * Called once the attempt exists and before the provider is asked: from here a failure must
   * not let the same request start a second attempt (the API binds its Idempotency-Key here).
   */
  onCreated?: (payment: Payment) => Promise<void>;
}

export interface NewPaymentCheck {
  provider: ProviderId;
  msisdn: string;
  currency: Currency;
  amountMinor: number;
  reference?: string | null;
}

/**
 * The provider's own rules (available, phone, currency, amount, reference), checked before the
 * caller creates anything: a refused request leaves no order behind. initiatePayment checks them
 * again under the order's lock.
 */
export async function checkNewPayment(db: Db, check: NewPaymentCheck): Promise<void> {
  const provider = await getProvider(db, check.provider);
  if (!provider) throw new AppError('unprocessable', `provider ${check.provider} is not available`, 'provider');
  const phone = normalizeMsisdn(check.msisdn, provider.country);
  if (!phone.ok) throw invalid('msisdn', phone.message);
  if (!provider.currencies.includes(check.currency)) {
    throw invalid('currency', `${check.currency} is not accepted by ${provider.displayName} (accepts ${provider.currencies.join(', ')})`);
  }
  const amountProblem = provider.checkAmount(check.amountMinor, check.currency);
  if (amountProblem) throw invalid('amount', amountProblem);
  const ruleProblem = provider.checkRequest?.({ msisdn: phone.msisdn, currency: check.currency, reference: check.reference ?? null });
  if (ruleProblem) throw invalid(ruleProblem.field, ruleProblem.message);
}

/** Creates the attempt, asks the provider to start it, and records every step. */
export async function initiatePayment(db: Db, input: InitiatePaymentInput): Promise<Payment> {
  const provider = await getProvider(db, input.provider);
  if (!provider) throw new AppError('unprocessable', `provider ${input.provider} is not available`, 'provider');
  const phone = normalizeMsisdn(input.msisdn, provider.country);
  if (!phone.ok) throw invalid('msisdn', phone.message);

  await askAboutEarlierAttempts(db, input.orderId);
  const created = await createPendingPayment(db, provider, { ...input, msisdn: phone.msisdn });
  if (created.existing) return created.payment;
  await input.onCreated?.(created.payment);
  return startWithProvider(db, provider, created.payment, created.order);
}

async function createPendingPayment(
  db: Db,
  provider: PaymentProvider,
  input: InitiatePaymentInput & { msisdn: string },
): Promise<{ payment: Payment; order: Order; existing: boolean }> {
  return db.transaction(async (tx) => {
    // The replaced attempt is locked before the order, in the order crediting takes them.
    const replaced = input.replaces ? await lockPayment(tx, input.replaces) : null;
    // The order row lock makes the balance check and the insert atomic with other attempts.
    const [order] = await tx.select().from(orders).where(eq(orders.id, input.orderId)).for('update');
    if (!order) throw notFound('order');
    if (input.clientToken) {
      const [existing] = await tx
        .select()
        .from(payments)
        .where(and(eq(payments.orderId, order.id), eq(payments.clientToken, input.clientToken)))
        .limit(1);
      if (existing) return { payment: existing, order, existing: true };
    }
    const currency = order.currency as Currency;
    if (!provider.currencies.includes(currency)) {
      throw invalid('currency', `${currency} is not accepted by ${provider.displayName} (accepts ${provider.currencies.join(', ')})`);
    }
    const otp = provider.flow === 'otp';
    // Refused here (429) when the phone had its codes for this window: no row, no provider call,
    // and the code being replaced stays live.
    if (otp) await claimOtpSend(tx, input.msisdn);
    // Likewise a push: at most PROMPTS_PER_PHONE per window to one phone, shop and API together
    // (counted in this transaction: a refusal or rollback gives it back).
    else await reservePrompt(tx, input.msisdn);
    if (replaced?.status === 'awaiting_otp') await closeAwaitingOtp(tx, replaced, 'cancelled', OTP_CODES.resent, 'Replaced by a new code');
    const amountMinor = input.amountMinor ?? balanceOf(order);
    checkAmountAgainstOrder(order, amountMinor);
    await refuseIfCoveredByOpenAttempts(tx, order, amountMinor, balanceOf(order));
    const amountProblem = provider.checkAmount(amountMinor, currency);
    if (amountProblem) throw invalid('amount', amountProblem);
    // A retry or resend reuses the original's reference, which passed these rules already.
    const ruleProblem = provider.checkRequest?.({ msisdn: input.msisdn, currency, reference: input.retryOf ? null : (input.reference ?? null) });
    if (ruleProblem) throw invalid(ruleProblem.field, ruleProblem.message);
    // Omari takes each merchant reference once: refused (409) under a lock held until this row commits.
    if (!input.retryOf) await refuseReusedProviderReference(tx, provider, input.reference);

    const [payment] = await tx
      .insert(payments)
      .values({
        id: newId('pay'),
        orderId: order.id,
        provider: provider.id,
        amountMinor,
        currency,
        msisdn: input.msisdn,
        status: 'pending',
        reference: input.reference ?? order.reference,
        callbackUrl: input.callbackUrl ?? null,
        apiKeyId: input.apiKeyId ?? null,
        retryOf: input.retryOf ?? null,
        clientToken: input.clientToken ?? null,
        otpSends: otp ? 1 : 0,
      })
      .returning();
    if (!payment) throw new Error('payment insert returned no row');
    // Write-ahead for recovery: where we choose the provider's reference ourselves, it is stored
    // before the call, so a crash mid-call still leaves an attempt its webhook and query can find.
    const provisional = provider.provisionalReference?.(toProviderPayment(payment, order));
    if (provisional) {
      await tx.update(payments).set({ providerReference: provisional }).where(eq(payments.id, payment.id));
      payment.providerReference = provisional;
    }
    if (otp) await countOtpSend(tx, input.msisdn, payment.id);
    await recordEvent(tx, { paymentId: payment.id, provider: provider.id, kind: 'status_change', summary: `created: ${formatMoney(amountMinor, currency)} to ${input.msisdn}` });
    return { payment, order, existing: false };
  });
}

/**
 * Our own expiry is not the provider's word: before another attempt, ask the provider about the
 * earlier ones that may still take money, so only those it has not closed block the new one.
 */
async function askAboutEarlierAttempts(db: Db, orderId: string): Promise<void> {
  for (const earlier of await attemptsThatMayStillPay(db, orderId)) {
    if (earlier.status === 'pending' || earlier.status === 'awaiting_otp') continue;
    await refreshPaymentStatus(db, earlier.id, { statuses: ['processing', 'authorized', 'expired', 'failed', 'cancelled'] });
  }
}

function checkAmountAgainstOrder(order: Order, amountMinor: number): void {
  const currency = order.currency as Currency;
  const balance = balanceOf(order);
  if (balance === 0) throw new AppError('conflict', `order ${order.reference} is already paid`, 'order_id');
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) throw invalid('amount', 'must be greater than zero');
  if (amountMinor > balance) throw invalid('amount', `must not exceed the balance of ${formatMoney(balance, currency)}`);
  const minimum = minimumPaymentOf(order);
  if (amountMinor < minimum) throw invalid('amount', `must be at least ${formatMoney(minimum, currency)} (the deposit)`);
}

async function startWithProvider(db: Db, provider: PaymentProvider, payment: Payment, order: Order): Promise<Payment> {
  const ctx = recorderFor(db, payment);
  try {
    const result = await provider.initiate(toProviderPayment(payment, order), ctx);
    if (result.status === 'failed') {
      // The provider answered and refused: no code went out, so the send does not count.
      if (payment.otpSends > 0) await releaseOtpSend(db, payment.id);
      return await failBeforeStart(db, payment, result.code, result.message);
    }
    const env = getEnv();
    const answerWithin = result.status === 'awaiting_otp' ? Math.min(result.answerWithinSeconds, otpLifetimeSeconds(provider.otpSeconds)) : result.answerWithinSeconds;
    const moved = await transitionAndNotify(db, payment.id, result.status, {
      providerReference: result.providerReference,
      merchantRequestId: result.merchantRequestId ?? null,
      otpReference: result.otpReference ?? null,
      providerStatus: result.providerStatus ?? null,
      expiresAt: new Date(Date.now() + answerWithin * 1000),
      nextCheckAt: new Date(Date.now() + env.RECONCILE_GRACE_SECONDS * 1000),
      notes: { ...payment.notes, ...result.notes, nextAction: result.nextAction },
    });
    await recordEvent(db, { paymentId: payment.id, provider: provider.id, kind: 'status_change', summary: `pending → ${result.status}` });
    return moved ?? (await reload(db, payment.id));
  } catch (error) {
    if (error instanceof ProviderRejectedError) {
      if (payment.otpSends > 0) await releaseOtpSend(db, payment.id);
      return failBeforeStart(db, payment, error.code, error.message);
    }
    if (error instanceof ProviderUnavailableError) {
      if (error.outcomeUnknown) return keepOpenUnknown(db, provider, payment, order, error.message);
      if (payment.otpSends > 0) await releaseOtpSend(db, payment.id);
      return failBeforeStart(db, payment, 'provider_unavailable', error.message);
    }
    throw error;
  }
}

/** How long an attempt whose start is unknown is treated as a live prompt. */
const UNKNOWN_START_ANSWER_SECONDS = 120;

/**
 * The request may have reached the provider (a timeout, a dropped connection): the shopper may
 * be looking at a prompt right now, so the attempt stays open. It is flagged, queried by the
 * reconciler where the provider lets us (a reference we chose), and a late callback for it is
 * matched back (see lib/providers/mpesa/webhook.ts). Failing it would tell the shopper "not
 * charged" while the money moves.
 */
async function keepOpenUnknown(db: Db, provider: PaymentProvider, payment: Payment, order: Order, why: string): Promise<Payment> {
  const moved = await transitionAndNotify(db, payment.id, 'processing', {
    providerReference: provider.provisionalReference?.(toProviderPayment(payment, order)) ?? null,
    attention: 'initiate_unknown',
    expiresAt: new Date(Date.now() + UNKNOWN_START_ANSWER_SECONDS * 1000),
    nextCheckAt: new Date(Date.now() + getEnv().RECONCILE_GRACE_SECONDS * 1000),
  });
  await recordEvent(db, { paymentId: payment.id, provider: payment.provider, kind: 'status_change', summary: `pending → processing (outcome of the start unknown: ${why}); flagged initiate_unknown` });
  return moved ?? (await reload(db, payment.id));
}

/** The provider never accepted the attempt, so no money can move: it fails right away. */
async function failBeforeStart(db: Db, payment: Payment, code: string, message: string): Promise<Payment> {
  const failed = await transitionAndNotify(db, payment.id, 'failed', { failureCode: code, failureMessage: message, completedAt: new Date() });
  await recordEvent(db, { paymentId: payment.id, provider: payment.provider, kind: 'status_change', summary: `pending → failed (${code}: ${message})` });
  return failed ?? (await reload(db, payment.id));
}

async function reload(db: Db, id: string): Promise<Payment> {
  const payment = await findPayment(db, id);
  if (!payment) throw notFound('payment');
  return payment;
}
