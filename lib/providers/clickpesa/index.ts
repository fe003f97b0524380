import 'server-only';
import { isWholeMajor, toWholeMajor, type Currency } from '@/lib/payments/money';
import { ProviderUnavailableError, type InitiateResult, type PaymentProvider, type ProviderCallContext, type ProviderOutcome, type ProviderPayment } from '../types';
import { initiateUssdPush, previewUssdPush, queryPayment, type UssdPushInput } from './client';
import type { ClickPesaConfig } from './config';
import { outcomeFromRecord } from './outcome';
import { clickPesaShopperMessage } from './statuses';
import { unsupportedNumber } from './network';
import { orderReferenceFor } from './references';

export { orderReferenceFor, paymentIdForOrderReference } from './references';

export const CLICKPESA_MIN_TZS = 1;

export function createClickPesaProvider(config: ClickPesaConfig): PaymentProvider {
  return {
    id: 'clickpesa',
    displayName: 'ClickPesa',
    flow: 'push',
    country: 'TZ',
    currencies: ['TZS'],
    checkAmount: checkClickPesaAmount,
    checkRequest({ msisdn }) {
      const problem = unsupportedNumber(msisdn);
      return problem ? { field: 'msisdn', message: problem } : null;
    },
    initiate: (payment, ctx) => initiateClickPesa(config, payment, ctx),
    provisionalReference: (payment) => orderReferenceFor(payment.id),

    async query(payment, ctx): Promise<ProviderOutcome> {
      const record = await queryPayment(config, payment.providerReference ?? orderReferenceFor(payment.id), ctx);
      if (!record) return { status: 'processing', providerStatus: 'NOT_FOUND' };
      return outcomeFromRecord(record);
    },

    shopperMessage: clickPesaShopperMessage,
  };
}

async function initiateClickPesa(config: ClickPesaConfig, payment: ProviderPayment, ctx: ProviderCallContext): Promise<InitiateResult> {
  if (!payment.msisdn) return { status: 'failed', code: 'msisdn_required', message: 'A phone number is required' };
  const problem = unsupportedNumber(payment.msisdn);
  if (problem) return { status: 'failed', code: 'http_400', message: `phone number ${problem}` };
  const input: UssdPushInput = {
    amount: String(toWholeMajor(payment.amountMinor, payment.currency)),
    orderReference: orderReferenceFor(payment.id),
    phoneNumber: payment.msisdn,
  };
  const preview = await previewUssdPush(config, input, ctx);
  if (preview.activeMethods.length > 0 && !preview.activeMethods.some((m) => m.status.toUpperCase() === 'AVAILABLE')) {
    return { status: 'failed', code: 'method_unavailable', message: `No available ClickPesa method for this number (${preview.activeMethods.map((m) => `${m.name}: ${m.status}`).join(', ')})` };
  }
  try {
    const accepted = await initiateUssdPush(config, input, ctx);
    if (accepted === 'conflict') return adoptExisting(config, input, ctx, 'ClickPesa already holds this order reference');
    const outcome = outcomeFromRecord(accepted);
    if (outcome.status === 'failed') return { status: 'failed', code: outcome.code ?? 'failed', message: accepted.status, providerReference: input.orderReference };
    return {
      status: 'processing',
      providerReference: input.orderReference,
      providerStatus: accepted.status,
      answerWithinSeconds: config.promptSeconds,
      nextAction: { type: 'prompt' },
      notes: { clickpesaId: accepted.id, ...(accepted.channel ? { channel: accepted.channel } : {}) },
    };
  } catch (error) {
    // Timeout, network error or 5xx: the push may or may not have gone out. Ask before failing.
    if (error instanceof ProviderUnavailableError) return adoptExisting(config, input, ctx, error.message, error);
    throw error;
  }
}

/** The push's fate is unknown: if ClickPesa knows our orderReference, the attempt is live. */
async function adoptExisting(config: ClickPesaConfig, input: UssdPushInput, ctx: ProviderCallContext, why: string, original?: Error): Promise<InitiateResult> {
  const record = await queryPayment(config, input.orderReference, ctx).catch(() => null);
  if (!record) {
    if (original) throw original;
    // ClickPesa said it holds the reference, yet cannot show it: keep the attempt open.
    throw new ProviderUnavailableError(`${why}, and its status query found nothing`, true, true);
  }
  const outcome = outcomeFromRecord(record);
  if (outcome.status === 'failed') return { status: 'failed', code: outcome.code ?? 'failed', message: record.message ?? 'FAILED', providerReference: input.orderReference };
  // Success here is applied later by the webhook or the reconciler, through the one core path.
  return {
    status: 'processing',
    providerReference: input.orderReference,
    providerStatus: record.status,
    answerWithinSeconds: config.promptSeconds,
    nextAction: { type: 'prompt' },
    notes: { ...(record.id ? { clickpesaId: record.id } : {}), recoveredAfter: why },
  };
}

export function checkClickPesaAmount(amountMinor: number, currency: Currency): string | null {
  if (currency !== 'TZS') return 'ClickPesa accepts TZS only';
  if (!isWholeMajor(amountMinor, currency)) return 'ClickPesa accepts whole shillings only (no cents)';
  if (toWholeMajor(amountMinor, currency) < CLICKPESA_MIN_TZS) return `must be at least TZS ${CLICKPESA_MIN_TZS}`;
  return null;
}
