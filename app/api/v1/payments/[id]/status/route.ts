import { ok } from '@/lib/api/envelope';
import { paymentIdParams } from '@/lib/api/payment-schemas';
import { apiRoute } from '@/lib/api/route';
import { getPaymentOrThrow } from '@/lib/api/scoped-payments';
import { toDecimalString, type Currency } from '@/lib/payments/money';

export const GET = apiRoute({ params: paymentIdParams }, async ({ db, params, principal }) => {
  const payment = await getPaymentOrThrow(db, { id: params.id, principal });
  return ok({
    id: payment.id,
    status: payment.status,
    provider_status: payment.providerStatus,
    amount: toDecimalString(payment.amountMinor, payment.currency as Currency),
    currency: payment.currency,
    transaction_id: payment.providerTransactionId ?? payment.receipt,
    failure_code: payment.failureCode,
    updated_at: payment.updatedAt.toISOString(),
  });
});
