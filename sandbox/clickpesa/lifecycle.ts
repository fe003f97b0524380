// Drives a payment from PROCESSING to its outcome: automatically for magic numbers, through the
// sandbox phone page for every other number.
import type { SandboxContext } from '../types';
import type { ClickPesaConfig } from './config';
import { newPaymentReference } from './network';
import type { Payment } from './payments';
import { sendWebhooks } from './webhooks';

export const MESSAGES = {
  success: 'success',
  rejected: 'Transaction rejected by customer',
  insufficient: 'Insufficient balance',
  noAnswer: 'No response from customer',
} as const;

const MERCHANT_NAME = 'ClickPesa Sandbox Merchant';

export interface Lifecycle {
  start(payment: Payment): void;
}

export function createLifecycle(
  ctx: SandboxContext,
  payments: Map<string, Payment>,
  config: () => ClickPesaConfig,
  webhookUrl: () => string | undefined,
): Lifecycle {
  // A reset forgets payments; a late timer or prompt answer for one of them must do nothing.
  const isLive = (p: Payment) => payments.get(p.orderReference) === p && p.status === 'PROCESSING';

  const finish = (p: Payment, outcome: 'SUCCESS' | 'FAILED', message: string) => {
    if (!isLive(p)) return;
    const cfg = config();
    p.status = outcome;
    p.message = message;
    p.updatedAt = new Date();
    if (outcome === 'SUCCESS') p.paymentReference = newPaymentReference();
    ctx.record('clickpesa', { kind: 'outcome', orderReference: p.orderReference, id: p.id, status: p.status, message, amount: p.amount, scenario: p.scenario });

    if (p.scenario === 'webhook-lost') {
      ctx.record('clickpesa', { kind: 'webhook', orderReference: p.orderReference, skipped: 'magic number: webhook lost' });
    } else {
      const copies = p.scenario === 'duplicate-webhooks' ? cfg.duplicateWebhooks : 1;
      sendWebhooks(ctx, p, { url: webhookUrl(), checksumKey: cfg.checksumKey, signatureIn: cfg.signatureIn }, copies);
    }
    if (outcome === 'SUCCESS' && cfg.settleAfterMs > 0) {
      ctx.later(cfg.settleAfterMs, () => {
        if (payments.get(p.orderReference) !== p || p.status !== 'SUCCESS') return;
        p.status = 'SETTLED';
        p.updatedAt = new Date();
        ctx.record('clickpesa', { kind: 'outcome', orderReference: p.orderReference, id: p.id, status: p.status });
      });
    }
  };

  const succeed = (p: Payment) => finish(p, 'SUCCESS', MESSAGES.success);
  const fail = (message: string) => (p: Payment) => finish(p, 'FAILED', message);

  return {
    start(p) {
      const cfg = config();
      switch (p.scenario) {
        case 'success':
        case 'slow':
        case 'webhook-lost':
        case 'duplicate-webhooks':
          return ctx.later(cfg.outcomeDelayMs, () => succeed(p));
        case 'rejected':
          return ctx.later(cfg.outcomeDelayMs, () => fail(MESSAGES.rejected)(p));
        case 'insufficient':
          return ctx.later(cfg.outcomeDelayMs, () => fail(MESSAGES.insufficient)(p));
        case 'no-answer':
          return ctx.later(cfg.promptTimeoutMs, () => fail(MESSAGES.noAnswer)(p));
        case 'provider-error':
          return; // never stored: initiate answered 500
        case 'manual':
          ctx.phone.addPrompt(
            {
              provider: 'clickpesa',
              msisdn: p.phoneNumber,
              amount: p.amount,
              currency: p.currency,
              merchant: MERCHANT_NAME,
              expiresAt: Date.now() + cfg.promptTimeoutMs,
            },
            (approved) => (approved ? succeed(p) : fail(MESSAGES.rejected)(p)),
            () => fail(MESSAGES.noAnswer)(p),
          );
      }
    },
  };
}
