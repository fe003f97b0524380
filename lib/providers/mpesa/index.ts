import 'server-only';
import { isWholeMajor, toWholeMajor, type Currency } from '@/lib/payments/money';
import type { PaymentProvider, ProviderOutcome } from '../types';
import { stkPush, stkQuery } from './client';
import type { MpesaConfig } from './config';
import { describeResultCode } from './result-codes';

/** Daraja's per-transaction limits in whole shillings. */
export const MPESA_MIN_KES = 1;
export const MPESA_MAX_KES = 250_000;

export function createMpesaProvider(config: MpesaConfig): PaymentProvider {
  return {
    id: 'mpesa',
    displayName: 'M-Pesa',
    flow: 'push',
    country: 'KE',
    currencies: ['KES'],
    checkAmount: checkMpesaAmount,

    async initiate(payment, ctx) {
      if (!payment.msisdn) return { status: 'failed', code: 'msisdn_required', message: 'A phone number is required' };
      const accepted = await stkPush(
        config,
        {
          amount: toWholeMajor(payment.amountMinor, payment.currency),
          msisdn: payment.msisdn,
          accountReference: payment.accountReference,
          description: payment.description,
        },
        ctx,
      );
      return {
        status: 'processing',
        providerReference: accepted.CheckoutRequestID,
        merchantRequestId: accepted.MerchantRequestID,
        answerWithinSeconds: config.promptSeconds,
        nextAction: { type: 'prompt' },
      };
    },

    async query(payment, ctx): Promise<ProviderOutcome> {
      if (!payment.providerReference) return { status: 'processing' };
      const result = await stkQuery(config, payment.providerReference, ctx);
      if (result.state === 'processing') return { status: 'processing', providerStatus: 'processing' };
      const info = describeResultCode(result.resultCode);
      if (info.status === 'processing') {
        return { status: 'processing', code: result.resultCode, message: result.resultDesc, providerStatus: result.resultCode, unknownCode: !info.known };
      }
      return { status: info.status, code: result.resultCode, message: result.resultDesc, providerStatus: result.resultCode };
    },

    shopperMessage(outcome) {
      if (outcome.code === '500.001.1001') return describeResultCode('1001').shopper;
      return outcome.code ? describeResultCode(outcome.code).shopper : 'M-Pesa could not complete the payment. Please try again.';
    },
  };
}

export function checkMpesaAmount(amountMinor: number, currency: Currency): string | null {
  if (currency !== 'KES') return 'M-Pesa accepts KES only';
  if (!isWholeMajor(amountMinor, currency)) return 'M-Pesa accepts whole shillings only (no cents)';
  const kes = toWholeMajor(amountMinor, currency);
  if (kes < MPESA_MIN_KES) return `must be at least KES ${MPESA_MIN_KES}`;
  if (kes > MPESA_MAX_KES) return `must be at most KES ${MPESA_MAX_KES.toLocaleString('en')} per M-Pesa transaction`;
  return null;
}
