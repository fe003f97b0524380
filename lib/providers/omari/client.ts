import 'server-only';
import { z } from 'zod';
import { callProvider, type ProviderResponse } from '../http';
import { ProviderRejectedError, ProviderUnavailableError, type ProviderCallContext } from '../types';
import type { OmariConfig } from './config';
import { OMARI_OK } from './response-codes';

// Omari mixes string and number codes in the wild elsewhere; coerce, never trust the type.
const envelope = z.object({
  error: z.union([z.boolean(), z.string()]).optional(),
  message: z.string().default(''),
  responseCode: z.coerce.string(),
});

const authAccepted = envelope.extend({ otpReference: z.coerce.string().min(1) });
const paid = envelope.extend({ paymentReference: z.coerce.string().min(1), debitReference: z.coerce.string().optional() });
const queryAnswer = envelope.extend({
  status: z.string().optional(),
  amount: z.union([z.number(), z.string()]).optional(),
  paymentReference: z.coerce.string().optional(),
  debitReference: z.coerce.string().optional(),
});

/** A business answer other than "000": the provider's code and message, kept as they came. */
export interface OmariRefusal {
  ok: false;
  code: string;
  message: string;
}

export type OmariResult<T> = ({ ok: true } & T) | OmariRefusal;

export interface OmariAuthInput {
  msisdn: string;
  reference: string;
  amount: number;
  currency: string;
}

export async function omariAuth(config: OmariConfig, input: OmariAuthInput, ctx: ProviderCallContext | null): Promise<OmariResult<{ otpReference: string }>> {
  const res = await post(config, '/auth', 'Omari auth', { ...input, channel: config.channel }, ctx);
  const accepted = authAccepted.safeParse(res.body);
  if (accepted.success && accepted.data.responseCode === OMARI_OK) return { ok: true, otpReference: accepted.data.otpReference };
  return refusal(res, 'Omari auth');
}

export async function omariRequest(
  config: OmariConfig,
  input: { msisdn: string; reference: string; otp: string },
  ctx: ProviderCallContext | null,
): Promise<OmariResult<{ paymentReference: string; debitReference?: string }>> {
  const res = await post(config, '/request', 'Omari request', input, ctx);
  const done = paid.safeParse(res.body);
  if (done.success && done.data.responseCode === OMARI_OK) return { ok: true, paymentReference: done.data.paymentReference, debitReference: done.data.debitReference };
  return refusal(res, 'Omari request');
}

export type OmariQueryAnswer = z.infer<typeof queryAnswer>;

export async function omariQuery(config: OmariConfig, reference: string, ctx: ProviderCallContext | null): Promise<OmariResult<{ answer: OmariQueryAnswer }>> {
  const res = await callProvider(
    { method: 'GET', url: `${config.baseUrl}/query/${encodeURIComponent(reference)}`, headers: headers(config), timeoutMs: config.timeoutMs, label: 'Omari query' },
    ctx,
  );
  const answer = queryAnswer.safeParse(res.body);
  if (res.status === 200 && answer.success && answer.data.responseCode === OMARI_OK) return { ok: true, answer: answer.data };
  return refusal(res, 'Omari query');
}

function post(config: OmariConfig, path: string, label: string, body: unknown, ctx: ProviderCallContext | null): Promise<ProviderResponse> {
  return callProvider({ method: 'POST', url: `${config.baseUrl}${path}`, headers: headers(config), body, timeoutMs: config.timeoutMs, label, secrets: [config.merchantKey] }, ctx);
}

function headers(config: OmariConfig): Record<string, string> {
  return { 'x-merchant-key': config.merchantKey };
}

/**
 * Turns a non-"000" answer into a refusal, or throws when the outcome is unknown (5xx, garbage)
 * or our own configuration is at fault (401 / "003": the merchant key).
 */
function refusal(res: ProviderResponse, label: string): OmariRefusal {
  const parsed = envelope.safeParse(res.body);
  if (res.status === 401 || (parsed.success && parsed.data.responseCode === '003')) {
    throw new ProviderRejectedError('003', `${label}: Omari refused the merchant key (check OMARI_MERCHANT_KEY)`);
  }
  if (res.status >= 500 || !parsed.success || parsed.data.responseCode === OMARI_OK) {
    const detail = parsed.success ? `${parsed.data.responseCode} ${parsed.data.message}` : 'unreadable answer';
    throw new ProviderUnavailableError(`${label}: HTTP ${res.status} (${detail})`);
  }
  return { ok: false, code: parsed.data.responseCode, message: parsed.data.message || `responseCode ${parsed.data.responseCode}` };
}
