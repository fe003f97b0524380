// Request and response shapes of the merchant payments API. The same zod schemas validate
// requests and (later) feed the OpenAPI document.
import { z } from 'zod';
import { getEnv } from '@/lib/env';
import { currencySchema } from '@/lib/payments/money';
import { PROVIDER_IDS } from '@/lib/providers/types';

export const paymentIdParams = z.object({
  id: z.string().regex(/^pay_[0-9a-z]{20}$/, 'must be a payment id such as pay_0a1b2c...'),
});

/** The shopper's status poll: `wait` is the version the sheet shows (a long poll waits while unchanged). */
export const shopperPollQuery = z.object({
  wait: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be the version of the payment the page shows').optional(),
});

export const createPaymentBody = z.object({
  provider: z.enum(PROVIDER_IDS, { error: `must be one of ${PROVIDER_IDS.join(', ')}` }),
  amount: z
    .string({ error: 'must be a decimal string such as "1000.00"' })
    .regex(/^\d{1,15}(\.\d{1,3})?$/, 'must be a decimal string such as "1000.00"'),
  currency: currencySchema,
  msisdn: z.string({ error: 'is required' }).trim().min(6, 'is too short').max(20, 'is too long'),
  customer_name: z.string().trim().max(120).optional(),
  order_id: z.string().trim().min(1).max(64).optional(),
  reference: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "-" or "_"')
    .optional(),
  callback_url: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(2048)
    // Signed payment data must not cross the internet in clear; delivery also refuses non-public hosts.
    .refine((url) => url.startsWith('https:') || getEnv().NODE_ENV !== 'production', 'must be an https URL')
    .optional(),
});

export type CreatePaymentBody = z.infer<typeof createPaymentBody>;
