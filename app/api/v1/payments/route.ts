import { ok } from '@/lib/api/envelope';
import { createPaymentBody } from '@/lib/api/payment-schemas';
import { apiRoute } from '@/lib/api/route';
import { paymentScope } from '@/lib/api/scoped-payments';
import { serializePayment } from '@/lib/api/serialize';
import type { Db } from '@/db';
import { notFound } from '@/lib/errors';
import { createApiPayment, findPayment } from '@/lib/payments';
import { listPayments } from '@/lib/payments/list-payments';
import { paymentFiltersSchema } from '@/lib/payments/payment-filters';

/** A retry of a POST that created this payment and then failed: the payment as it is now. */
async function existingPayment(db: Db, id: string): Promise<Response> {
  const payment = await findPayment(db, id);
  if (!payment) throw notFound('payment');
  return ok(serializePayment(payment), 'Payment already created for this Idempotency-Key', 200);
}

export const POST = apiRoute({ body: createPaymentBody, boundAnswer: existingPayment }, async ({ db, principal, body, idempotency }) => {
  const payment = await createApiPayment(db, {
    provider: body.provider,
    amount: body.amount,
    currency: body.currency,
    msisdn: body.msisdn,
    customerName: body.customer_name,
    orderId: body.order_id,
    reference: body.reference,
    callbackUrl: body.callback_url ?? principal.defaultCallbackUrl,
    apiKeyId: principal.keyId,
    mayUseOrder: (order) => principal.admin || order.apiKeyId === principal.keyId,
    // Bound before the provider is asked: a retry with the same key must get this payment,
    // whatever happens next (a crash, a 5xx), never start a second one.
    onCreated: (created) => idempotency.bind(created.id),
  });
  return ok(serializePayment(payment), payment.status === 'failed' ? 'Payment failed to start' : 'Payment initiated', 201);
});

/** Newest first, keyset-paginated: pass `next_cursor` back as `cursor` for the next page. */
export const GET = apiRoute({ query: paymentFiltersSchema }, async ({ db, query, principal }) => {
  const page = await listPayments(db, query, { where: paymentScope(principal) });
  return ok({ payments: page.rows.map((p) => serializePayment(p)), next_cursor: page.nextCursor, prev_cursor: page.prevCursor });
});
