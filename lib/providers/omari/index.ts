import 'server-only';
import { MoneyError, providerAmountToMinor, toDecimalString, type Currency } from '@/lib/payments/money';
import { ProviderRejectedError, ProviderUnavailableError, type PaymentProvider, type ProviderOutcome, type ProviderPayment } from '../types';
import { omariAuth, omariQuery, omariRequest } from './client';
import type { OmariConfig } from './config';
import { omariQueryRefusalOutcome } from './query-outcome';
import { OMARI_UNSETTLED, OMARI_WRONG_OTP, describeOmariCode } from './response-codes';
import { OMARI_CURRENCIES, checkOmariRequest, omariReferenceFor, toOmariMsisdn } from './validation';

/** Omari (Old Mutual Zimbabwe): OTP by SMS on /auth, confirmed synchronously on /request. */
export function createOmariProvider(config: OmariConfig): PaymentProvider {
  return {
    id: 'omari',
    displayName: 'Omari',
    flow: 'otp',
    country: 'ZW',
    currencies: OMARI_CURRENCIES,
    otpSeconds: config.otpSeconds,
    checkAmount: checkOmariAmount,
    checkRequest: checkOmariRequest,
    takesEachReferenceOnce: true,

    async initiate(payment, ctx) {
      const msisdn = msisdnOf(payment);
      const reference = omariReferenceFor(payment);
      const result = await omariAuth(config, { msisdn, reference, amount: Number(toDecimalString(payment.amountMinor, payment.currency)), currency: payment.currency }, ctx);
      if (!result.ok) return { status: 'failed', code: result.code, message: result.message, providerReference: reference };
      return {
        status: 'awaiting_otp',
        providerReference: reference,
        otpReference: result.otpReference,
        providerStatus: 'Pending',
        answerWithinSeconds: config.otpSeconds,
        nextAction: { type: 'otp' },
        notes: { omariReference: reference, channel: config.channel },
      };
    },

    async confirmOtp(payment, otp, ctx): Promise<ProviderOutcome> {
      if (!payment.providerReference) throw new ProviderRejectedError('no_reference', 'Omari payment has no reference');
      const result = await omariRequest(config, { msisdn: msisdnOf(payment), reference: payment.providerReference, otp }, ctx);
      if (result.ok) {
        return {
          status: 'success',
          code: '000',
          providerStatus: 'Success',
          receipt: result.paymentReference,
          providerTransactionId: result.paymentReference,
          notes: { debitReference: result.debitReference ?? null },
        };
      }
      if (result.code === OMARI_WRONG_OTP) return { status: 'processing', wrongOtp: true, code: result.code, message: result.message };
      // "In progress" or a malfunction: the code may have been used and the money may move.
      if (OMARI_UNSETTLED.has(result.code)) throw new ProviderUnavailableError(`Omari request: ${result.code} ${result.message}`);
      return { status: describeOmariCode(result.code).status, code: result.code, message: result.message, providerStatus: 'Failed' };
    },

    async query(payment, ctx): Promise<ProviderOutcome> {
      if (!payment.providerReference) return { status: 'processing' };
      const result = await omariQuery(config, payment.providerReference, ctx);
      // Only a late "025" (Omari never saw the reference) is a no; other codes leave it open.
      if (!result.ok) return omariQueryRefusalOutcome(result, payment);
      const { answer } = result;
      const status = (answer.status ?? '').toLowerCase();
      if (status === 'success') {
        return {
          status: 'success',
          code: '000',
          providerStatus: answer.status,
          receipt: answer.paymentReference,
          providerTransactionId: answer.paymentReference,
          amountMinor: amountOf(answer.amount, payment.currency),
          notes: { debitReference: answer.debitReference ?? null },
        };
      }
      if (status === 'failed') return { status: 'failed', code: 'omari_failed', message: answer.message, providerStatus: answer.status };
      // "Pending" (or a status we do not know yet): still open.
      return { status: 'processing', providerStatus: answer.status };
    },

    shopperMessage(outcome) {
      return outcome.code ? describeOmariCode(outcome.code).shopper : 'Omari could not complete the payment. Please try again.';
    },
  };
}

export function checkOmariAmount(amountMinor: number, currency: Currency): string | null {
  if (!(OMARI_CURRENCIES as readonly string[]).includes(currency)) return 'Omari accepts USD and ZWG only';
  if (amountMinor <= 0) return 'must be greater than zero';
  return null;
}

function msisdnOf(payment: ProviderPayment): string {
  const msisdn = payment.msisdn ? toOmariMsisdn(payment.msisdn) : null;
  if (!msisdn) throw new ProviderRejectedError('msisdn_invalid', 'Omari needs a 2637XXXXXXXX number');
  return msisdn;
}

/** An amount Omari reports that we cannot read never matches: -1 flags the payment. */
function amountOf(amount: number | string | undefined, currency: Currency): number | undefined {
  if (amount === undefined) return undefined;
  try {
    return providerAmountToMinor(amount, currency);
  } catch (error) {
    if (error instanceof MoneyError) return -1;
    throw error;
  }
}
