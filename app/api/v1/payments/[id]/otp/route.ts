import { z } from 'zod';
import { ok } from '@/lib/api/envelope';
import { paymentIdParams } from '@/lib/api/payment-schemas';
import { apiRoute } from '@/lib/api/route';
import { getPaymentOrThrow } from '@/lib/api/scoped-payments';
import { serializePayment } from '@/lib/api/serialize';
import { confirmPaymentOtp } from '@/lib/payments/otp-confirm';

// A string only: as a JSON number "012345" arrives as 12345 and would burn a try on a code the
// shopper typed right. Spaces and dashes pasted from the SMS are allowed (the service drops them).
const AS_STRING = 'must be the code from the SMS as a string of digits, e.g. "012345"';
const otpBody = z.object({ otp: z.string({ error: AS_STRING }).regex(/^[\d\s-]+$/, { error: AS_STRING }) });

/** Completes an OTP payment (Omari, Qmoney) with the code the shopper received. */
export const POST = apiRoute({ params: paymentIdParams, body: otpBody }, async ({ db, params, body, principal }) => {
  await getPaymentOrThrow(db, { id: params.id, principal });
  const payment = await confirmPaymentOtp(db, params.id, body.otp);
  return ok(serializePayment(payment), 'Payment completed');
});
