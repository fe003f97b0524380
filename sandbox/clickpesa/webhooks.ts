// Posts PAYMENT RECEIVED / PAYMENT FAILED to the app. One delivery per copy, each recorded; a
// failed delivery is not retried because ClickPesa documents no retries (UNCONFIRMED).
import { postJson } from '../http-client';
import type { SandboxContext } from '../types';
import { signPayload } from './checksum';
import { WEBHOOK_TIMEOUT_MS } from './config';
import { failedEvent, receivedEvent, type Payment } from './payments';

export interface WebhookTarget {
  url: string | undefined;
  checksumKey: string | undefined;
}

/** Duplicate copies are spaced out a little so they arrive as separate requests, as in the wild. */
const DUPLICATE_SPACING_MS = 50;

export function buildWebhook(payment: Payment, checksumKey: string | undefined): Record<string, unknown> {
  const event: Record<string, unknown> = payment.status === 'FAILED' ? failedEvent(payment) : receivedEvent(payment);
  // Where ClickPesa puts the signature is UNCONFIRMED; top-level fields follow the one SDK that shows it.
  return checksumKey ? signPayload(event, checksumKey) : event;
}

export function sendWebhooks(ctx: SandboxContext, payment: Payment, target: WebhookTarget, copies: number): void {
  const payload = buildWebhook(payment, target.checksumKey);
  const eventName = payload.event ?? payload.eventType;
  const { url } = target;
  if (!url) {
    ctx.record('clickpesa', { kind: 'webhook', orderReference: payment.orderReference, event: eventName, skipped: 'no webhook URL configured' });
    return;
  }
  for (let copy = 1; copy <= copies; copy += 1) {
    ctx.later((copy - 1) * DUPLICATE_SPACING_MS, async () => {
      const result = await postJson(url, payload, { timeoutMs: WEBHOOK_TIMEOUT_MS, signal: ctx.signal });
      ctx.record('clickpesa', {
        kind: 'webhook',
        orderReference: payment.orderReference,
        event: eventName,
        copy,
        of: copies,
        url,
        payload,
        ...(result.ok ? { status: result.status, delivered: result.status >= 200 && result.status < 300 } : { error: result.error, delivered: false }),
        durationMs: result.durationMs,
      });
    });
  }
}
