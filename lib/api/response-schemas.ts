// What the merchant API answers, as zod schemas: they feed the OpenAPI document, and a test
// parses real answers with them so the document can never drift from serialize.ts.
import { z } from 'zod';
import { currencySchema } from '@/lib/payments/money';
import { PAYMENT_STATUSES } from '@/lib/payments/state-machine';
import { PROVIDER_IDS } from '@/lib/providers/types';

const decimal = z.string().regex(/^\d+\.\d{2,3}$/).describe('Major units as a decimal string, e.g. "1000.00"');
const instant = z.iso.datetime({ offset: true });

export const paymentResource = z.object({
  id: z.string().describe('Payment id, pay_ + 20 characters'),
  provider: z.enum(PROVIDER_IDS),
  status: z.enum(PAYMENT_STATUSES),
  amount: decimal,
  currency: currencySchema,
  msisdn: z.string().nullable().describe('Normalised phone number, country code without "+"'),
  reference: z.string().nullable(),
  order_id: z.string(),
  transaction_id: z.string().nullable().describe("The provider's transaction id or receipt"),
  receipt: z.string().nullable(),
  provider_reference: z.string().nullable(),
  otp_reference: z.string().nullable(),
  failure_code: z.string().nullable(),
  failure_message: z.string().nullable(),
  message: z.string().nullable(),
  next_action: z
    .discriminatedUnion('type', [
      z.object({ type: z.literal('prompt'), msisdn: z.string().nullable(), expires_at: instant.nullable() }),
      z.object({ type: z.literal('otp'), submit_url: z.string(), expires_at: instant.nullable() }),
      z.object({ type: z.literal('redirect'), url: z.string(), return_url: z.string() }),
    ])
    .nullable()
    .describe('What to do now: prompt (the shopper approves on the phone), otp (post the code to submit_url), redirect (send the shopper to url); null when nothing is asked'),
  needs_attention: z.string().nullable().describe('Why a person should look (amount_mismatch, contradictory_callback, ...), or null'),
  retry_of: z.string().nullable(),
  expires_at: instant.nullable(),
  created_at: instant,
  updated_at: instant,
  completed_at: instant.nullable(),
});

export const paymentStatusResource = z.object({
  id: z.string(),
  status: z.enum(PAYMENT_STATUSES),
  provider_status: z.string().nullable().describe("The provider's own status word or result code"),
  amount: decimal,
  currency: currencySchema,
  transaction_id: z.string().nullable(),
  failure_code: z.string().nullable(),
  updated_at: instant,
});

export const paymentListResource = z.object({
  payments: z.array(paymentResource),
  next_cursor: z.string().nullable().describe('Pass as `cursor` for the next (older) page; null on the last page'),
  prev_cursor: z.string().nullable(),
});

export const successEnvelope = <T extends z.ZodType>(data: T) => z.object({ success: z.literal(true), message: z.string(), data });

export const errorEnvelope = z.object({
  success: z.literal(false),
  message: z.string(),
  error: z.object({ code: z.string(), field: z.string().optional(), details: z.record(z.string(), z.unknown()).optional() }),
});

/** The body of an outbound merchant webhook (signed with Malipo-Signature). */
export const webhookEvent = z.object({
  event: z.string().describe('payment.<status>, e.g. payment.success'),
  created_at: instant,
  data: z.object({
    id: z.string(),
    provider: z.string(),
    status: z.enum(PAYMENT_STATUSES),
    provider_status: z.string().nullable(),
    amount: decimal,
    currency: currencySchema,
    msisdn: z.string().nullable(),
    reference: z.string().nullable(),
    order_id: z.string(),
    transaction_id: z.string().nullable(),
    receipt: z.string().nullable(),
    failure_code: z.string().nullable(),
    failure_message: z.string().nullable(),
    retry_of: z.string().nullable(),
    updated_at: instant,
  }),
});
