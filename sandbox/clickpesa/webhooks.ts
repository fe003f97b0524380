// Posts PAYMENT RECEIVED / PAYMENT FAILED to the app. One delivery per copy, each recorded; a
// failed delivery is not retried because ClickPesa documents no retries (UNCONFIRMED).
import { postJson } from '../http-client';
import type { SandboxContext } from '../types';
import { computeChecksum, signPayload } from './checksum';
import { WEBHOOK_TIMEOUT_MS, type SignatureIn } from './config';
import { failedEvent, receivedEvent, type Payment } from './payments';

export interface WebhookTarget {
  url: string | undefined;
  checksumKey: string | undefined;
  /** Where the checksum travels: top-level body fields (default) or the X-ClickPesa-Signature header. */
  signatureIn: SignatureIn;
}

export interface BuiltWebhook {
  payload: Record<string, unknown>;
  headers: Record<string, string>;
}

/** Duplicate copies are spaced out a little so they arrive as separate requests, as in the wild. */
const DUPLICATE_SPACING_MS = 50;

/**
 * Where ClickPesa puts the signature is UNCONFIRMED: top-level `checksum`/`checksumMethod` fields
 * follow the one SDK that shows them; several other SDKs read an `X-ClickPesa-Signature` header
 * holding the same canonical checksum of the body, which the "header" setting sends instead.
 */
export function buildWebhook(payment: Payment, checksumKey: string | undefined, signatureIn: SignatureIn = 'body'): BuiltWebhook {
  const event: Record<string, unknown> = payment.status === 'FAILED' ? failedEvent(payment) : receivedEvent(payment);
  if (!checksumKey) return { payload: event, headers: {} };
  if (signatureIn === 'header') return { payload: event, headers: { 'X-ClickPesa-Signature': computeChecksum(event, checksumKey) } };
  return { payload: signPayload(event, checksumKey), headers: {} };
}

export function sendWebhooks(ctx: SandboxContext, payment: Payment, target: WebhookTarget, copies: number): void {
  const { payload, headers } = buildWebhook(payment, target.checksumKey, target.signatureIn);
  const eventName = payload.event ?? payload.eventType;
  const { url } = target;
  if (!url) {
    ctx.record('clickpesa', { kind: 'webhook', orderReference: payment.orderReference, event: eventName, skipped: 'no webhook URL configured' });
    return;
  }
  for (let copy = 1; copy <= copies; copy += 1) {
    ctx.later((copy - 1) * DUPLICATE_SPACING_MS, async () => {
      const result = await postJson(url, payload, { timeoutMs: WEBHOOK_TIMEOUT_MS, signal: ctx.signal, headers });
      ctx.record('clickpesa', {
        kind: 'webhook',
        orderReference: payment.orderReference,
        event: eventName,
        copy,
        of: copies,
        url,
        payload,
        ...(target.checksumKey ? { signatureIn: target.signatureIn } : {}),
        ...(result.ok ? { status: result.status, delivered: result.status >= 200 && result.status < 300 } : { error: result.error, delivered: false }),
        durationMs: result.durationMs,
      });
    });
  }
}
