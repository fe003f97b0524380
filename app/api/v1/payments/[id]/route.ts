import { ok } from '@/lib/api/envelope';
import { paymentIdParams } from '@/lib/api/payment-schemas';
import { apiRoute } from '@/lib/api/route';
import { serializePayment } from '@/lib/api/serialize';
import { notFound } from '@/lib/errors';
import { findPayment } from '@/lib/payments';

export const GET = apiRoute({ params: paymentIdParams }, async ({ db, params }) => {
  const payment = await findPayment(db, params.id);
  if (!payment) throw notFound('payment');
  return ok(serializePayment(payment));
});
