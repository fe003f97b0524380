import 'server-only';
import { z } from 'zod';
import { callProvider, type ProviderResponse } from '../http';
import { ProviderRejectedError, ProviderUnavailableError, type ProviderCallContext } from '../types';
import { getQmoneyToken, invalidateQmoneyToken } from './auth';
import type { QmoneyConfig } from './config';
import { QMONEY_OK } from './response-codes';
import { isTokenRefused } from './token-expiry';

const answer = z.object({
  responseCode: z.union([z.string(), z.number()]).transform(String),
  responseMessage: z.string().default(''),
  data: z.object({ transactionId: z.string().optional() }).passthrough().optional(),
});

export interface QmoneyAnswer {
  code: string;
  message: string;
  transactionId?: string;
}

/** getMoney: Qmoney texts the payer an OTP and returns the transaction to confirm. */
export async function getMoney(config: QmoneyConfig, input: { payer: string; amount: number }, ctx: ProviderCallContext | null): Promise<QmoneyAnswer> {
  const res = await authorizedPost(config, '/getMoney', 'Qmoney getMoney', ctx, {
    data: {
      fromUser: { userIdentifier: input.payer },
      toUser: { userIdentifier: config.merchantAccount },
      serviceId: 'MOBILE_MONEY',
      productId: config.productId,
      remarks: 'add',
      payment: [{ amount: input.amount }],
      transactionPin: config.pin,
    },
  });
  return read(res, 'Qmoney getMoney');
}

/** verifyCode in the flat form proven against UAT. A transaction confirms exactly once. */
export async function verifyCode(config: QmoneyConfig, input: { transactionId: string; otp: string }, ctx: ProviderCallContext | null): Promise<QmoneyAnswer> {
  const res = await authorizedPost(config, '/verifyCode', 'Qmoney verifyCode', ctx, { transactionId: input.transactionId, otp: input.otp });
  return read(res, 'Qmoney verifyCode');
}

/**
 * Bearer call that logs in again and repeats once when Qmoney refuses the token. A 401 is
 * answered before the request is processed, so repeating it cannot confirm anything twice.
 */
async function authorizedPost(config: QmoneyConfig, path: string, label: string, ctx: ProviderCallContext | null, body: unknown): Promise<ProviderResponse> {
  for (let attempt = 0; ; attempt++) {
    const token = await getQmoneyToken(config, ctx);
    const res = await callProvider(
      { method: 'POST', url: `${config.baseUrl}${path}`, headers: { authorization: `Bearer ${token}` }, body, timeoutMs: config.timeoutMs, label, secrets: [token, config.pin] },
      ctx,
    );
    if (attempt === 0 && isTokenRefused(res.status, res.body)) {
      await invalidateQmoneyToken(config, token);
      continue;
    }
    return res;
  }
}

function read(res: ProviderResponse, label: string): QmoneyAnswer {
  if (res.status === 401) throw new ProviderRejectedError('qmoney_auth_failed', `${label}: Qmoney refused a fresh token`);
  const parsed = answer.safeParse(res.body);
  if (res.status >= 500 || !parsed.success) throw new ProviderUnavailableError(`${label}: HTTP ${res.status}${parsed.success ? '' : ' (unreadable answer)'}`);
  if (res.status !== 200 && parsed.data.responseCode === QMONEY_OK) throw new ProviderUnavailableError(`${label}: HTTP ${res.status}`);
  return { code: parsed.data.responseCode, message: parsed.data.responseMessage, transactionId: parsed.data.data?.transactionId };
}
