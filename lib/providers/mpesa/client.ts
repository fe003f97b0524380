import 'server-only';
import { z } from 'zod';
import { callProvider, type ProviderResponse } from '../http';
import { ProviderRejectedError, ProviderUnavailableError, type ProviderCallContext } from '../types';
import { getAccessToken, invalidateAccessToken } from './auth';
import type { MpesaConfig } from './config';
import { darajaPassword, darajaTimestamp } from './password';

const darajaError = z.object({ errorCode: z.string(), errorMessage: z.string().default(''), requestId: z.string().optional() });

const pushAccepted = z.object({
  MerchantRequestID: z.string(),
  CheckoutRequestID: z.string().min(1),
  ResponseCode: z.coerce.string(),
  ResponseDescription: z.string().optional(),
});

const queryAnswer = z.object({
  ResponseCode: z.coerce.string(),
  ResultCode: z.coerce.string(),
  ResultDesc: z.string().default(''),
  CheckoutRequestID: z.string().optional(),
});

export type StkPushAccepted = z.infer<typeof pushAccepted>;
export type StkQueryResult = { state: 'processing' } | { state: 'done'; resultCode: string; resultDesc: string };

export interface StkPushInput {
  amount: number; // whole shillings
  msisdn: string;
  accountReference: string;
  description: string;
}

export async function stkPush(config: MpesaConfig, input: StkPushInput, ctx: ProviderCallContext | null): Promise<StkPushAccepted> {
  const res = await authorizedPost(config, '/mpesa/stkpush/v1/processrequest', 'STK push', ctx, (timestamp) => ({
    BusinessShortCode: config.shortcode,
    Password: darajaPassword(config.shortcode, config.passkey, timestamp),
    Timestamp: timestamp,
    TransactionType: config.transactionType,
    Amount: input.amount,
    PartyA: input.msisdn,
    PartyB: config.partyB,
    PhoneNumber: input.msisdn,
    CallBackURL: config.callbackUrl,
    AccountReference: input.accountReference.replace(/[^A-Za-z0-9]/g, '').slice(0, 12) || 'Malipo',
    TransactionDesc: input.description.slice(0, 13) || 'Payment',
  }));
  const accepted = pushAccepted.safeParse(res.body);
  if (res.status === 200 && accepted.success && accepted.data.ResponseCode === '0') return accepted.data;
  throw classifyError(res, 'STK push');
}

export async function stkQuery(config: MpesaConfig, checkoutRequestId: string, ctx: ProviderCallContext | null): Promise<StkQueryResult> {
  const res = await authorizedPost(config, '/mpesa/stkpushquery/v1/query', 'STK query', ctx, (timestamp) => ({
    BusinessShortCode: config.shortcode,
    Password: darajaPassword(config.shortcode, config.passkey, timestamp),
    Timestamp: timestamp,
    CheckoutRequestID: checkoutRequestId,
  }));
  const answer = queryAnswer.safeParse(res.body);
  if (res.status === 200 && answer.success) {
    return { state: 'done', resultCode: answer.data.ResultCode, resultDesc: answer.data.ResultDesc };
  }
  const error = darajaError.safeParse(res.body);
  // The shopper has not answered yet. Daraja reports this as an error (HTTP 500 in practice).
  if (error.success && error.data.errorCode === '500.001.1001' && /being processed/i.test(error.data.errorMessage)) {
    return { state: 'processing' };
  }
  throw classifyError(res, 'STK query');
}

/** POSTs with a fresh timestamp; retries once with a new token if Daraja says ours is invalid. */
async function authorizedPost(
  config: MpesaConfig,
  path: string,
  label: string,
  ctx: ProviderCallContext | null,
  buildBody: (timestamp: string) => Record<string, unknown>,
): Promise<ProviderResponse> {
  for (let attempt = 0; ; attempt++) {
    const token = await getAccessToken(config, ctx);
    const res = await callProvider(
      {
        method: 'POST',
        url: `${config.baseUrl}${path}`,
        headers: { authorization: `Bearer ${token}` },
        body: buildBody(darajaTimestamp()),
        timeoutMs: config.timeoutMs,
        label,
        // The callback URL's path token is what authenticates Daraja's callbacks: never log it.
        secrets: [config.callbackToken],
      },
      ctx,
    );
    if (attempt === 0 && isInvalidToken(res)) {
      await invalidateAccessToken(config, token);
      continue;
    }
    return res;
  }
}

function isInvalidToken(res: ProviderResponse): boolean {
  if (res.status === 401) return true;
  const error = darajaError.safeParse(res.body);
  return error.success && error.data.errorCode === '404.001.03';
}

function classifyError(res: ProviderResponse, label: string): Error {
  const error = darajaError.safeParse(res.body);
  const code = error.success ? error.data.errorCode : `http_${res.status}`;
  const message = error.success ? error.data.errorMessage : `HTTP ${res.status}`;
  // 500.003.x: busy, spike arrest, quota. Try again later; the request did not go through.
  if (res.status >= 500 && !(error.success && /lock subscriber|credentials|does not exist/i.test(message))) {
    // With Daraja's error envelope the request was refused (busy, spike arrest); a bare gateway
    // error page says nothing about whether the push went out.
    return new ProviderUnavailableError(`${label}: ${code} ${message}`, true, !error.success);
  }
  return new ProviderRejectedError(code, `${label}: ${message}`);
}
