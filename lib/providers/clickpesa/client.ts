import 'server-only';
import { z } from 'zod';
import { callProvider, type ProviderResponse } from '../http';
import { ProviderRejectedError, ProviderUnavailableError, type ProviderCallContext } from '../types';
import { getClickPesaToken, invalidateClickPesaToken } from './auth';
import { withChecksum } from './checksum';
import type { ClickPesaConfig } from './config';

// Lenient on types (amounts arrive as strings or numbers), strict on what we rely on.
const amount = z.union([z.string(), z.number()]);

const previewAnswer = z.object({
  activeMethods: z.array(z.object({ name: z.string(), status: z.string(), fee: z.union([z.number(), z.string()]).optional(), message: z.string().optional() })).default([]),
});

const initiateAnswer = z.object({
  id: z.string().min(1),
  status: z.string(),
  channel: z.string().optional(),
  orderReference: z.string(),
  collectedAmount: amount.optional(),
  collectedCurrency: z.string().optional(),
});

export const clickPesaPaymentRecord = z.object({
  id: z.string().optional(),
  status: z.string(),
  paymentReference: z.string().nullish(),
  orderReference: z.string(),
  collectedAmount: amount.nullish(),
  collectedCurrency: z.string().nullish(),
  message: z.string().nullish(),
  channel: z.string().nullish(),
});

export type ClickPesaPaymentRecord = z.infer<typeof clickPesaPaymentRecord>;
export type UssdPushAccepted = z.infer<typeof initiateAnswer>;

export interface UssdPushInput {
  /** Whole shillings as a decimal string, e.g. "2500000". */
  amount: string;
  orderReference: string;
  phoneNumber: string;
}

export async function previewUssdPush(config: ClickPesaConfig, input: UssdPushInput, ctx: ProviderCallContext | null) {
  const res = await authorized(config, 'POST', '/payments/preview-ussd-push-request', 'ClickPesa preview', ctx, {
    amount: input.amount,
    currency: 'TZS',
    orderReference: input.orderReference,
    phoneNumber: input.phoneNumber,
    fetchSenderDetails: false,
  });
  const parsed = previewAnswer.safeParse(res.body);
  if (res.status === 200 && parsed.success) return parsed.data;
  throw classifyError(res, 'ClickPesa preview');
}

/** Returns the accepted push, or `conflict` when ClickPesa already holds this orderReference. */
export async function initiateUssdPush(config: ClickPesaConfig, input: UssdPushInput, ctx: ProviderCallContext | null): Promise<UssdPushAccepted | 'conflict'> {
  const res = await authorized(config, 'POST', '/payments/initiate-ussd-push-request', 'ClickPesa USSD push', ctx, {
    amount: input.amount,
    currency: 'TZS',
    orderReference: input.orderReference,
    phoneNumber: input.phoneNumber,
  });
  const parsed = initiateAnswer.safeParse(res.body);
  if (res.status === 200 && parsed.success) return parsed.data;
  if (res.status === 409) return 'conflict';
  throw classifyError(res, 'ClickPesa USSD push');
}

/** ClickPesa's record for our orderReference, or null when it has none (404). */
export async function queryPayment(config: ClickPesaConfig, orderReference: string, ctx: ProviderCallContext | null): Promise<ClickPesaPaymentRecord | null> {
  const res = await authorized(config, 'GET', `/payments/${encodeURIComponent(orderReference)}`, 'ClickPesa status', ctx);
  if (res.status === 404) return null;
  const parsed = z.array(clickPesaPaymentRecord).safeParse(res.body);
  if (res.status === 200 && parsed.success) {
    return parsed.data.find((r) => r.orderReference === orderReference) ?? null;
  }
  throw classifyError(res, 'ClickPesa status');
}

/** Sends with the cached token; on 401 mints a new one and tries once more. */
async function authorized(
  config: ClickPesaConfig,
  method: 'GET' | 'POST',
  path: string,
  label: string,
  ctx: ProviderCallContext | null,
  body?: Record<string, unknown>,
): Promise<ProviderResponse> {
  const signed = body && config.checksumKey ? withChecksum(body, config.checksumKey) : body;
  for (let attempt = 0; ; attempt++) {
    const token = await getClickPesaToken(config, ctx);
    const res = await callProvider({ method, url: `${config.baseUrl}${path}`, headers: { authorization: token }, body: signed, timeoutMs: config.timeoutMs, label }, ctx);
    if (attempt === 0 && res.status === 401) {
      await invalidateClickPesaToken(config, token);
      continue;
    }
    return res;
  }
}

function errorMessage(body: unknown): string | null {
  const message = (body as { message?: unknown } | null)?.message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.filter((m) => typeof m === 'string').join('; ');
  return null;
}

function classifyError(res: ProviderResponse, label: string): Error {
  const message = errorMessage(res.body) ?? `HTTP ${res.status}`;
  // 5xx (e.g. "Error validating fee, try again later"): the request did not go through.
  if (res.status >= 500 || res.status === 429) return new ProviderUnavailableError(`${label}: ${message}`);
  if (res.status === 401 || res.status === 403) return new ProviderRejectedError('clickpesa_auth_failed', `${label}: ${message}`);
  return new ProviderRejectedError(`http_${res.status}`, `${label}: ${message}`);
}
