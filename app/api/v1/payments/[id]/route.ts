import { ok } from '@/lib/api/envelope';
import { paymentIdParams } from '@/lib/api/payment-schemas';
import { apiRoute } from '@/lib/api/route';
import { serializePayment } from '@/lib/api/serialize';
import { getPaymentOrThrow } from '@/lib/api/scoped-payments';

export const GET = apiRoute({ params: paymentIdParams }, async ({ db, params, principal }) => {
  const payment = await getPaymentOrThrow(db, { id: params.id, principal });
  return ok(serializePayment(payment));
});
