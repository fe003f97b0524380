import { toDecimalString, type Currency } from '@/lib/payments/money';
import type { Payment } from '@/lib/payments/payment-store';
import { nextActionOf } from './next-action';

/** A payment as the merchant API shows it: amounts as decimal strings in major units. */
export function serializePayment(payment: Payment, shopperMessage?: string) {
  return {
    id: payment.id,
    provider: payment.provider,
    status: payment.status,
    amount: toDecimalString(payment.amountMinor, payment.currency as Currency),
    currency: payment.currency,
    msisdn: payment.msisdn,
    reference: payment.reference,
    order_id: payment.orderId,
    transaction_id: payment.providerTransactionId ?? payment.receipt,
    receipt: payment.receipt,
    provider_reference: payment.providerReference,
    otp_reference: payment.otpReference,
    failure_code: payment.failureCode,
    failure_message: payment.failureMessage,
    message: shopperMessage ?? null,
    next_action: nextActionOf(payment),
    needs_attention: payment.attention,
    retry_of: payment.retryOf,
    expires_at: payment.expiresAt?.toISOString() ?? null,
    created_at: payment.createdAt.toISOString(),
    updated_at: payment.updatedAt.toISOString(),
    completed_at: payment.completedAt?.toISOString() ?? null,
  };
}
