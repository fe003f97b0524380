// Deciding a transaction's outcome and delivering it: automatically for magic numbers, or from
// the shopper's answer on the sandbox phone for every other number.
import type { SandboxContext } from '../types';
import { callbackBody, deliverCallback } from './callback';
import type { MpesaConfig } from './config';
import { RESULT_DESC, type Outcome } from './scenarios';
import type { Transaction, TransactionStore } from './transactions';
import { newReceiptNumber, transactionDate } from './wire';

export interface OutcomeDeps {
  ctx: SandboxContext;
  cfg: MpesaConfig;
  store: TransactionStore;
}

/** Fixes the outcome (what STK query reports from now on), books it, then sends the callback(s). */
export async function settle({ ctx, cfg, store }: OutcomeDeps, txn: Transaction, outcome: Outcome): Promise<void> {
  if (txn.result) return; // an outcome is decided once, whatever answers arrive later
  const { resultCode, delivery } = outcome;
  const paid =
    resultCode === 0
      ? {
          amount: txn.request.amount - (outcome.amountShortfall ?? 0),
          receipt: newReceiptNumber(),
          transactionDate: transactionDate(),
        }
      : undefined;
  txn.result = { resultCode, resultDesc: RESULT_DESC[resultCode], ...paid, paidAmount: paid?.amount ?? 0 };
  store.release(txn);

  ctx.record('mpesa', {
    kind: 'outcome',
    checkoutRequestId: txn.checkoutRequestId,
    merchantRequestId: txn.merchantRequestId,
    phoneNumber: txn.request.phoneNumber,
    accountReference: txn.request.accountReference,
    requestedAmount: txn.request.amount,
    paidAmount: txn.result.paidAmount,
    receipt: paid?.receipt,
    resultCode,
    resultDesc: txn.result.resultDesc,
    delivery,
  });

  const body = callbackBody(txn, resultCode, paid);
  switch (delivery) {
    case 'once':
    case 'early_failure':
      await deliverCallback(ctx, cfg, txn, body, resultCode);
      return;
    case 'none':
      ctx.record('mpesa', { kind: 'callback-skipped', checkoutRequestId: txn.checkoutRequestId, reason: 'callback lost (magic number)' });
      return;
    case 'duplicate': {
      const copies = Array.from({ length: cfg.duplicateCount }, (_, i) => deliverCallback(ctx, cfg, txn, body, resultCode, i + 1));
      await Promise.all(copies);
      return;
    }
    case 'contradict':
      await deliverCallback(ctx, cfg, txn, body, resultCode);
      // The late failure contradicts the recorded outcome on purpose; txn.result stays success.
      ctx.later(cfg.lateCallbackDelayMs, () => deliverCallback(ctx, cfg, txn, callbackBody(txn, 1037), 1037));
      return;
  }
}

export function scheduleAutomatic(deps: OutcomeDeps, txn: Transaction, outcome: Outcome): void {
  if (outcome.delivery === 'early_failure') {
    // An unsigned failure racing the real answer: nothing is decided by it (query stays open).
    deps.ctx.later(0, () => deliverCallback(deps.ctx, deps.cfg, txn, callbackBody(txn, 1037), 1037));
  }
  deps.ctx.later(deps.cfg.outcomeDelayMs, () => settle(deps, txn, outcome));
}

/** Any non-magic number: the shopper decides on /phone; silence ends as 1037 (DS timeout). */
export function promptShopper(deps: OutcomeDeps, txn: Transaction): void {
  const { request } = txn;
  const target = request.transactionType === 'CustomerBuyGoodsOnline' ? `Till ${request.partyB}` : `Paybill ${request.partyB}`;
  const log = (err: unknown) => console.error('[sandbox] mpesa outcome failed', err);
  deps.ctx.phone.addPrompt(
    {
      provider: 'mpesa',
      msisdn: request.phoneNumber,
      amount: String(request.amount),
      currency: 'KES',
      merchant: `${target}, account ${request.accountReference}`,
      expiresAt: Date.now() + deps.cfg.promptTimeoutMs,
    },
    (approved) => {
      settle(deps, txn, { resultCode: approved ? 0 : 1032, delivery: 'once' }).catch(log);
    },
    () => {
      settle(deps, txn, { resultCode: 1037, delivery: 'once' }).catch(log);
    },
  );
}
