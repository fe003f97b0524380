import { z } from 'zod';
import { ok } from '@/lib/api/envelope';
import { paymentIdParams } from '@/lib/api/payment-schemas';
import { apiRoute } from '@/lib/api/route';
import { serializePayment } from '@/lib/api/serialize';
import { confirmPaymentOtp } from '@/lib/payments/otp-confirm';

const otpBody = z.object({
  otp: z.union([z.string(), z.number().int().nonnegative().transform(String)], { error: 'is required: the code from the SMS' }),
});

/** Completes an OTP payment (Omari, Qmoney) with the code the shopper received. */
export const POST = apiRoute({ params: paymentIdParams, body: otpBody }, async ({ db, params, body }) => {
  const payment = await confirmPaymentOtp(db, params.id, body.otp);
  return ok(serializePayment(payment), 'Payment completed');
});
