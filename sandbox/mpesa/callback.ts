// The STK callback: built exactly as providers.md §1.4 shows, POSTed once per copy with no
// signature, and every attempt written to the ledger (status code or error).
import { postJson } from '../http-client';
import type { SandboxContext } from '../types';
import type { MpesaConfig } from './config';
import { RESULT_DESC, type ResultCode } from './scenarios';
import type { Transaction } from './transactions';

interface Paid {
  amount: number;
  receipt: string;
  transactionDate: number;
}

/**
 * ResultCode, Amount, TransactionDate and PhoneNumber are JSON numbers in the callback (unlike
 * STK query, where everything is a string). Failures carry no CallbackMetadata at all. Daraja
 * also sends `{"Name":"Balance"}` with no Value at all, so a parser must not demand one.
 */
export function callbackBody(txn: Transaction, resultCode: ResultCode, paid?: Paid): unknown {
  const stkCallback: Record<string, unknown> = {
    MerchantRequestID: txn.merchantRequestId,
    CheckoutRequestID: txn.checkoutRequestId,
    ResultCode: resultCode,
    ResultDesc: RESULT_DESC[resultCode],
  };
  if (resultCode === 0 && paid) {
    stkCallback.CallbackMetadata = {
      Item: [
        { Name: 'Amount', Value: paid.amount },
        { Name: 'MpesaReceiptNumber', Value: paid.receipt },
        { Name: 'Balance' },
        { Name: 'TransactionDate', Value: paid.transactionDate },
        { Name: 'PhoneNumber', Value: Number(txn.request.phoneNumber) },
      ],
    };
  }
  return { Body: { stkCallback } };
}

export async function deliverCallback(
  ctx: SandboxContext,
  cfg: MpesaConfig,
  txn: Transaction,
  body: unknown,
  resultCode: ResultCode,
  copy = 1,
): Promise<void> {
  const url = txn.request.callbackUrl;
  const base = { kind: 'callback', checkoutRequestId: txn.checkoutRequestId, url, resultCode, copy };
  if (ctx.signal.aborted) return;
  const result = await postJson(url, body, { timeoutMs: cfg.callbackTimeoutMs, signal: ctx.signal });
  if (result.ok) {
    ctx.record('mpesa', { ...base, status: result.status, response: result.body, durationMs: result.durationMs });
  } else {
    ctx.record('mpesa', { ...base, error: result.error, durationMs: result.durationMs });
  }
}
