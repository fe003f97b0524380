import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Db } from '@/db';
import type { ApplyResult } from '@/lib/payments/apply-outcome';
import { applyUnsignedCallback } from '@/lib/payments/refresh';
import { recordEvent } from '@/lib/payments/events';
import { providerAmountToMinor, MoneyError } from '@/lib/payments/money';
import { findPaymentByProviderReference } from '@/lib/payments/payment-store';
import { parseStkCallback, type ParsedStkCallback } from './callback';
import { adoptUnknownStart } from '@/lib/payments/adopt-unknown-start';
import type { MpesaConfig } from './config';

export type MpesaCallbackResult =
  | { kind: 'forbidden' }
  | { kind: 'malformed' }
  | { kind: 'unknown_payment'; checkoutRequestId: string }
  | { kind: 'handled'; result: ApplyResult };

/**
 * Handles a Daraja STK callback. Daraja does not sign callbacks, so: the secret token in the URL
 * must match, the CheckoutRequestID must be one we issued, the amount must match the payment,
 * and (when configured) a success is confirmed by STK query before the order is credited.
 */
export async function handleMpesaCallback(db: Db, config: MpesaConfig | null, token: string, body: unknown): Promise<MpesaCallbackResult> {
  if (!config || !isMpesaCallbackToken(config, token)) return { kind: 'forbidden' };
  const parsed = parseStkCallback(body);
  if (!parsed) {
    await recordEvent(db, { paymentId: null, provider: 'mpesa', kind: 'webhook', summary: 'malformed STK callback ignored', payload: body });
    return { kind: 'malformed' };
  }
  const payment = (await findPaymentByProviderReference(db, 'mpesa', parsed.checkoutRequestId)) ?? (await adoptTimedOutStart(db, parsed));
  await recordEvent(db, {
    paymentId: payment?.id ?? null,
    provider: 'mpesa',
    kind: 'webhook',
    summary: `STK callback ResultCode ${parsed.resultCode}${payment ? '' : ` for unknown CheckoutRequestID ${parsed.checkoutRequestId}`}`,
    payload: body,
  });
  if (!payment) return { kind: 'unknown_payment', checkoutRequestId: parsed.checkoutRequestId };

  const outcome = { ...parsed.outcome };
  if (outcome.status === 'success' && parsed.amount !== undefined) {
    outcome.amountMinor = callbackAmountMinor(parsed.amount);
  }
  const result = await applyUnsignedCallback(db, payment, outcome, config.confirmWithQuery);
  return { kind: 'handled', result };
}

/** A success callback may belong to an attempt whose STK push answer we never received. */
async function adoptTimedOutStart(db: Db, parsed: ParsedStkCallback) {
  if (parsed.outcome.status !== 'success' || !parsed.phoneNumber || parsed.amount === undefined) return null;
  const amountMinor = callbackAmountMinor(parsed.amount);
  if (amountMinor < 0) return null;
  return adoptUnknownStart(db, 'mpesa', parsed.phoneNumber, amountMinor, parsed.checkoutRequestId);
}

function callbackAmountMinor(amount: number | string): number {
  try {
    return providerAmountToMinor(amount, 'KES');
  } catch (error) {
    // An amount we cannot read is as suspicious as a wrong one: -1 never matches a payment.
    if (error instanceof MoneyError) return -1;
    throw error;
  }
}

/** Checked before the body is read, so an unknown sender costs nothing. */
export function isMpesaCallbackToken(config: MpesaConfig | null, token: string): boolean {
  return Boolean(config && sameToken(token, config.callbackToken));
}

function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
