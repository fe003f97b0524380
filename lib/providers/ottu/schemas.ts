// Ottu's answers (providers.md §3), lenient on types (amounts as strings or numbers), strict on
// what we rely on. Unknown keys pass through: the raw answer goes to the event log.
import { z } from 'zod';

const amount = z.union([z.string(), z.number()]);
const text = z.string().nullish();

export const ottuSessionSchema = z.looseObject({
  session_id: z.string().min(1),
  checkout_url: z.string().nullish(),
  amount,
  currency_code: z.string(),
  state: z.string(),
  type: text,
  payment_type: text,
  operation: text,
  pg_codes: z.array(z.string()).nullish(),
  order_no: text,
  customer_id: text,
  redirect_url: text,
  webhook_url: text,
  expiration_time: text,
  attachment: text,
  payment_methods: z.array(z.looseObject({ code: z.string(), name: text, flow: text, redirect_url: text, amount: amount.nullish() })).nullish(),
});

/** The payment webhook's shape: also what inquiry and auto-debit answer (§3.4, §3.5). */
export const ottuPaymentResultSchema = z.looseObject({
  session_id: z.string().min(1),
  order_no: text,
  state: z.string(),
  result: text,
  amount: amount.nullish(),
  currency_code: text,
  reference_number: text,
  paid_amount: amount.nullish(),
  message: text,
  signature: text,
  token: z.looseObject({ token: z.string(), customer_id: text, pg_code: text }).nullish(),
});

/** Internal operations (cancel/expire/delete) and refusals answer `{detail, operation, result}`. */
export const ottuOperationSchema = z.looseObject({
  operation: text,
  result: text,
  success: z.boolean().nullish(),
  detail: text,
  amount: amount.nullish(),
  session_id: text,
  order_no: text,
  reference_number: text,
  txn: z.looseObject({ amount: amount.nullish(), currency_code: text, order_no: text, session_id: text, state: text }).nullish(),
});

export const ottuPaymentMethodsSchema = z.looseObject({
  payment_methods: z.array(
    z.looseObject({
      code: z.string(),
      name: text,
      pg: text,
      is_sandbox: z.boolean().nullish(),
      logo: text,
      default_currency: text,
      accepted_currencies: z.array(z.string()).nullish(),
      operation: text,
      operations: z.array(z.string()).nullish(),
    }),
  ),
  customer_payment_methods: z.array(z.unknown()).nullish(),
});

/** A saved card: masked number, brand and expiry, never the full number. */
export const ottuCardSchema = z.looseObject({
  customer_id: text,
  brand: text,
  name_on_card: text,
  number: z.string(),
  expiry_month: z.union([z.string(), z.number()]).nullish(),
  expiry_year: z.union([z.string(), z.number()]).nullish(),
  token: z.string().min(1),
  pg_code: text,
  pg_name: text,
  is_preferred: z.boolean().nullish(),
  is_expired: z.boolean().nullish(),
  will_expire_soon: z.boolean().nullish(),
  cvv_required: z.boolean().nullish(),
  agreements: z.array(z.unknown()).nullish(),
});

export type OttuSessionBody = z.infer<typeof ottuSessionSchema>;
export type OttuPaymentResultBody = z.infer<typeof ottuPaymentResultSchema>;
export type OttuPaymentMethod = z.infer<typeof ottuPaymentMethodsSchema>['payment_methods'][number];
export type OttuCard = z.infer<typeof ottuCardSchema>;
