import { ok } from '@/lib/api/envelope';
import { createPaymentBody } from '@/lib/api/payment-schemas';
import { apiRoute } from '@/lib/api/route';
import { serializePayment } from '@/lib/api/serialize';
import { createApiPayment } from '@/lib/payments';

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
