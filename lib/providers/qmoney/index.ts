import 'server-only';
import { toDecimalString, type Currency } from '@/lib/payments/money';
import { ProviderRejectedError, type PaymentProvider, type ProviderOutcome } from '../types';
import { getMoney, verifyCode } from './client';
import type { QmoneyConfig } from './config';
import { QMONEY_OK, describeQmoneyCode, verifyOutcome } from './response-codes';

const PAYER = /^220\d{7}$/;

/** Qmoney (QCell, The Gambia) as openIMIS uses it: login → getMoney (OTP) → verifyCode. */
export function createQmoneyProvider(config: QmoneyConfig): PaymentProvider {
  return {
    id: 'qmoney',
    displayName: 'Qmoney',
    flow: 'otp',
    country: 'GM',
    currencies: ['GMD'],
    otpSeconds: config.otpSeconds,
    checkAmount: checkQmoneyAmount,
    checkRequest: ({ msisdn }) => (PAYER.test(msisdn) ? null : { field: 'msisdn', message: 'must be a Gambian Qmoney number such as 220 700 0000' }),

    async initiate(payment, ctx) {
      if (!payment.msisdn) return { status: 'failed', code: 'msisdn_required', message: 'A phone number is required' };
      const result = await getMoney(config, { payer: payment.msisdn, amount: Number(toDecimalString(payment.amountMinor, payment.currency)) }, ctx);
      if (result.code !== QMONEY_OK || !result.transactionId) {
        return { status: 'failed', code: result.code, message: result.message || 'Qmoney did not start the payment' };
      }
      // openIMIS' rule: "0" (initiated) until verifyCode answers "1".
      return { status: 'awaiting_otp', providerReference: result.transactionId, providerStatus: '0', answerWithinSeconds: config.otpSeconds, nextAction: { type: 'otp' } };
    },

    async confirmOtp(payment, otp, ctx): Promise<ProviderOutcome> {
      if (!payment.providerReference) throw new ProviderRejectedError('no_reference', 'Qmoney payment has no transaction id');
      const result = await verifyCode(config, { transactionId: payment.providerReference, otp }, ctx);
      return verifyOutcome(result.code, result.message, payment.providerReference);
    },

    /** Qmoney has no status query: an open payment stays open until verifyCode settles it. */
    async query(): Promise<ProviderOutcome> {
      return { status: 'processing' };
    },

    shopperMessage(outcome) {
      return describeQmoneyCode(outcome.code);
    },
  };
}

export function checkQmoneyAmount(amountMinor: number, currency: Currency): string | null {
  if (currency !== 'GMD') return 'Qmoney accepts GMD only';
  if (amountMinor <= 0) return 'must be greater than zero';
  return null;
}
