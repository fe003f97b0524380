import { ok } from '@/lib/api/envelope';
import { paymentIdParams } from '@/lib/api/payment-schemas';
import { apiRoute } from '@/lib/api/route';
import { serializePayment } from '@/lib/api/serialize';
import { retryPayment } from '@/lib/payments';

export const POST = apiRoute({ params: paymentIdParams }, async ({ db, params, principal }) => {
  const payment = await retryPayment(db, params.id, principal.keyId || null);
  return ok(serializePayment(payment), 'Retry initiated', 201);
});
