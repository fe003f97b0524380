import type { ProviderId } from '@/lib/providers/types';
import type { InitiatePaymentInput } from './initiate';
import type { Payment } from './payment-store';

/**
 * A new attempt for the same order, provider, phone, amount and merchant settings as `previous`
 * (Retry, Resend, a stalled prompt). The client token makes a double click find the first
 * replacement instead of starting two.
 */
export function nextAttemptOf(previous: Payment & { msisdn: string }, clientToken: string, apiKeyId: number | null = previous.apiKeyId): InitiatePaymentInput {
  return {
    orderId: previous.orderId,
    provider: previous.provider as ProviderId,
    amountMinor: previous.amountMinor,
    msisdn: previous.msisdn,
    reference: previous.reference,
    callbackUrl: previous.callbackUrl,
    apiKeyId,
    retryOf: previous.id,
    clientToken,
  };
}
