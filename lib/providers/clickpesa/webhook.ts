import 'server-only';
import type { Db } from '@/db';
import { applyProviderOutcome, type ApplyResult } from '@/lib/payments/apply-outcome';
import { recordEvent } from '@/lib/payments/events';
import { findPayment, findPaymentByProviderReference, patchPayment, type Payment } from '@/lib/payments/payment-store';
import { queryProvider } from '@/lib/payments/refresh';
import type { ClickPesaConfig } from './config';
import { paymentIdForOrderReference } from './references';
import { outcomeFromRecord } from './outcome';
import { checkWebhookSignature, parseClickPesaWebhook, parseJsonObject } from './webhook-payload';

export type ClickPesaWebhookResult =
  | { kind: 'disabled' }
  | { kind: 'malformed' }
  | { kind: 'forged'; reason: string }
  | { kind: 'ignored'; reason: string }
  | { kind: 'handled'; result: ApplyResult | null; verifiedBy: 'checksum' | 'status_query' };

/**
 * Handles a ClickPesa webhook from its raw body and its X-ClickPesa-Signature header. With a
 * checksum key configured, a webhook whose checksum (header, body or data: every one present)
 * does not verify is recorded and refused, with no state change. Without one (or when
 * the status would come from the event name a checksum inside `data` does not cover), nothing
 * in the body is trusted: it only prompts a status query, whose answer is what gets applied.
 * Duplicates are harmless: the payment core applies a final status once.
 */
export async function handleClickPesaWebhook(
  db: Db,
  config: ClickPesaConfig | null,
  rawBody: string,
  signatureHeader: string | null = null,
): Promise<ClickPesaWebhookResult> {
  if (!config) return { kind: 'disabled' };
  const body = parseJsonObject(rawBody);
  const parsed = body ? parseClickPesaWebhook(body) : null;
  const payment = parsed ? await findClickPesaPayment(db, parsed.orderReference) : null;
  const record = (summary: string) => recordEvent(db, { paymentId: payment?.id ?? null, provider: 'clickpesa', kind: 'webhook', summary, payload: body ?? { raw: rawBody.slice(0, 2000) } });

  if (!body || !parsed) {
    await record('malformed ClickPesa webhook ignored');
    return { kind: 'malformed' };
  }
  let trusted = false;
  if (config.checksumKey) {
    const signature = checkWebhookSignature(body, config.checksumKey, signatureHeader);
    if (!signature.ok) {
      await record(`ClickPesa webhook REFUSED (${signature.reason}): ${parsed.event} for ${parsed.orderReference}, no change made`);
      return { kind: 'forged', reason: signature.reason };
    }
    // A checksum inside `data` does not cover the top-level event name: a status read from it is unsigned.
    trusted = signature.location !== 'data' || !parsed.statusFromEvent;
  }
  const how = trusted ? ', checksum verified' : config.checksumKey ? ', checksum verified but status unsigned: confirming by status query' : ', unsigned: confirming by status query';
  await record(`${parsed.event} for ${parsed.orderReference}${parsed.record ? ` (${parsed.record.status})` : ''}${how}${payment ? '' : ', unknown order reference'}`);
  if (!parsed.record) return { kind: 'ignored', reason: `event ${parsed.event} is not a collection` };
  if (!payment) return { kind: 'ignored', reason: 'unknown order reference' };

  if (trusted) return { kind: 'handled', result: await applyProviderOutcome(db, payment.id, outcomeFromRecord(parsed.record), 'webhook'), verifiedBy: 'checksum' };
  return { kind: 'handled', result: await confirmByQuery(db, payment), verifiedBy: 'status_query' };
}

/** Unsigned webhook: ClickPesa's status query decides; if it has no final word yet, ask again soon. */
async function confirmByQuery(db: Db, payment: Payment): Promise<ApplyResult | null> {
  const outcome = await queryProvider(db, payment);
  if (outcome && outcome.status !== 'processing') return applyProviderOutcome(db, payment.id, outcome, 'query');
  if (payment.status === 'processing') await patchPayment(db, payment.id, { nextCheckAt: new Date(Date.now() + 5_000) });
  return null;
}

async function findClickPesaPayment(db: Db, orderReference: string): Promise<Payment | null> {
  const byReference = await findPaymentByProviderReference(db, 'clickpesa', orderReference);
  if (byReference) return byReference;
  // The initiate answer may have been lost (timeout): the reference still names our payment.
  const id = paymentIdForOrderReference(orderReference);
  const payment = id ? await findPayment(db, id) : null;
  return payment?.provider === 'clickpesa' ? payment : null;
}
