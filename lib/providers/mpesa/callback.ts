// Parses Daraja's STK callback. There is no signature: the route checks the secret path token,
// and the payment service matches the CheckoutRequestID and amount (and may confirm by query).
import { z } from 'zod';
import { describeResultCode } from './result-codes';
import type { ProviderOutcome } from '../types';

const item = z.object({ Name: z.string(), Value: z.union([z.string(), z.number()]).optional() });

const callbackSchema = z.object({
  Body: z.object({
    stkCallback: z.object({
      MerchantRequestID: z.string(),
      CheckoutRequestID: z.string().min(1),
      ResultCode: z.union([z.number(), z.string()]),
      ResultDesc: z.string().default(''),
      CallbackMetadata: z.object({ Item: z.array(item) }).optional(),
    }),
  }),
});

export interface ParsedStkCallback {
  checkoutRequestId: string;
  merchantRequestId: string;
  resultCode: string;
  outcome: ProviderOutcome;
  /** Amount in the callback, major units as Daraja sent it (number or string). */
  amount?: number | string;
  phoneNumber?: string;
}

export function parseStkCallback(body: unknown): ParsedStkCallback | null {
  const parsed = callbackSchema.safeParse(body);
  if (!parsed.success) return null;
  const cb = parsed.data.Body.stkCallback;
  const meta = new Map((cb.CallbackMetadata?.Item ?? []).map((i) => [i.Name, i.Value]));
  const resultCode = String(cb.ResultCode).trim();
  const info = describeResultCode(resultCode);
  const receipt = meta.get('MpesaReceiptNumber');
  return {
    checkoutRequestId: cb.CheckoutRequestID,
    merchantRequestId: cb.MerchantRequestID,
    resultCode,
    amount: meta.get('Amount'),
    phoneNumber: meta.get('PhoneNumber') !== undefined ? String(meta.get('PhoneNumber')) : undefined,
    outcome: {
      status: info.status,
      code: resultCode,
      message: cb.ResultDesc,
      providerStatus: resultCode,
      receipt: receipt !== undefined ? String(receipt) : undefined,
      providerTransactionId: receipt !== undefined ? String(receipt) : undefined,
      unknownCode: info.known ? undefined : true,
    },
  };
}
