import { ok } from '@/lib/api/envelope';
import { createPaymentBody } from '@/lib/api/payment-schemas';
import { apiRoute } from '@/lib/api/route';
import { serializePayment } from '@/lib/api/serialize';
import { createApiPayment } from '@/lib/payments';
import { listPayments } from '@/lib/payments/list-payments';
import { paymentFiltersSchema } from '@/lib/payments/payment-filters';

export const POST = apiRoute({ body: createPaymentBody }, async ({ db, principal, body }) => {
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
  });
  return ok(serializePayment(payment), payment.status === 'failed' ? 'Payment failed to start' : 'Payment initiated', 201);
});

/** Newest first, keyset-paginated: pass `next_cursor` back as `cursor` for the next page. */
export const GET = apiRoute({ query: paymentFiltersSchema }, async ({ db, query }) => {
  const page = await listPayments(db, query);
  return ok({ payments: page.rows.map((p) => serializePayment(p)), next_cursor: page.nextCursor, prev_cursor: page.prevCursor });
});
