// ClickPesa webhook bodies, both documented generations (providers.md §2.5): the event name under
// `event` or `eventType`, and data fields named id/paymentId, collectedAmount/amount,
// collectedCurrency/currency. Pure: verification and parsing only, no database.
import { z } from 'zod';
import { verifyChecksum, type ChecksumMethod } from './checksum';
import type { ClickPesaRecordFields } from './outcome';

const text = z.string().trim().min(1);
const amount = z.union([z.string(), z.number()]);

const dataSchema = z.object({
  id: text.optional(),
  paymentId: text.optional(),
  status: text.optional(),
  orderReference: text,
  paymentReference: z.string().nullish(),
  collectedAmount: amount.nullish(),
  amount: amount.nullish(),
  collectedCurrency: z.string().nullish(),
  currency: z.string().nullish(),
  message: z.string().nullish(),
  channel: z.string().nullish(),
});

const webhookSchema = z.object({ event: text.optional(), eventType: text.optional(), data: dataSchema });

export const PAYMENT_EVENTS = ['PAYMENT RECEIVED', 'PAYMENT FAILED'] as const;

export interface ParsedClickPesaWebhook {
  event: string;
  orderReference: string;
  /** Null for events that are not about a collection (payouts, deposits). */
  record: ClickPesaRecordFields | null;
  /**
   * True when `data.status` was absent and record.status was taken from the event name. Only a
   * checksum over the whole body covers the event name; with one inside `data` it is unsigned.
   */
  statusFromEvent: boolean;
}

/** Parses a JSON object body; null when it is not a webhook we can read. */
export function parseClickPesaWebhook(body: Record<string, unknown>): ParsedClickPesaWebhook | null {
  const parsed = webhookSchema.safeParse(body);
  if (!parsed.success) return null;
  const { data } = parsed.data;
  const event = (parsed.data.event ?? parsed.data.eventType ?? '').toUpperCase();
  if (!(PAYMENT_EVENTS as readonly string[]).includes(event)) return { event: event || 'UNKNOWN', orderReference: data.orderReference, record: null, statusFromEvent: false };
  return {
    event,
    orderReference: data.orderReference,
    statusFromEvent: data.status === undefined,
    record: {
      // An event without a status says it all in its name (trusted only when the name is signed).
      status: data.status ?? (event === 'PAYMENT RECEIVED' ? 'SUCCESS' : 'FAILED'),
      id: data.id ?? data.paymentId ?? null,
      paymentReference: data.paymentReference ?? null,
      collectedAmount: data.collectedAmount ?? data.amount ?? null,
      collectedCurrency: data.collectedCurrency ?? data.currency ?? null,
      message: data.message ?? null,
      channel: data.channel ?? null,
    },
  };
}

export type SignatureLocation = 'header' | 'body' | 'data';
export type SignatureCheck = { ok: true; method: ChecksumMethod; location: SignatureLocation } | { ok: false; reason: string };

/** The header several ClickPesa SDKs (Python, Django, Laravel) read the webhook checksum from. */
export const CLICKPESA_SIGNATURE_HEADER = 'x-clickpesa-signature';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Where ClickPesa puts a webhook's checksum is UNCONFIRMED, so three places are read: the
 * `X-ClickPesa-Signature` header and a top-level `checksum` (both computed over the whole body
 * without its checksum fields, canonical or legacy), and a `checksum` inside `data` (computed over
 * data). Every checksum present must verify: a wrong one anywhere means not verified, whatever
 * the others say, so a forger cannot add a bad one beside a replayed good one or the reverse.
 * The location reported is the widest that verified (header and body cover the event name).
 */
export function checkWebhookSignature(body: Record<string, unknown>, key: string, headerChecksum?: string | null): SignatureCheck {
  const signed: { location: SignatureLocation; payload: Record<string, unknown> }[] = [];
  const header = headerChecksum?.trim();
  if (header) signed.push({ location: 'header', payload: { ...body, checksum: header } });
  if (typeof body.checksum === 'string') signed.push({ location: 'body', payload: body });
  if (isObject(body.data) && typeof body.data.checksum === 'string') signed.push({ location: 'data', payload: body.data });
  if (signed.length === 0) return { ok: false, reason: 'checksum missing' };

  let widest: SignatureCheck | undefined;
  for (const { location, payload } of signed) {
    const method = verifyChecksum(payload, key);
    if (!method) return { ok: false, reason: 'checksum does not match' };
    widest ??= { ok: true, method, location };
  }
  return widest ?? { ok: false, reason: 'checksum missing' };
}

export function parseJsonObject(raw: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
