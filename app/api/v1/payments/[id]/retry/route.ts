import { ok } from '@/lib/api/envelope';
import { paymentIdParams } from '@/lib/api/payment-schemas';
import { apiRoute } from '@/lib/api/route';
import { serializePayment } from '@/lib/api/serialize';
import { getPaymentOrThrow } from '@/lib/api/scoped-payments';
import { retryPayment } from '@/lib/payments';

export const POST = apiRoute({ params: paymentIdParams }, async ({ db, params, principal }) => {
  const previous = await getPaymentOrThrow(db, { id: params.id, principal });
  const payment = await retryPayment(db, previous.id, principal.keyId || null);
  return ok(serializePayment(payment), 'Retry initiated', 201);
});
