import { ok } from '@/lib/api/envelope';
import { paymentIdParams } from '@/lib/api/payment-schemas';
import { apiRoute } from '@/lib/api/route';
import { notFound } from '@/lib/errors';
import { findPayment } from '@/lib/payments';
import { toDecimalString, type Currency } from '@/lib/payments/money';

export const GET = apiRoute({ params: paymentIdParams }, async ({ db, params }) => {
  const payment = await findPayment(db, params.id);
  if (!payment) throw notFound('payment');
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
