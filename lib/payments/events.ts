import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { paymentEvents } from '@/db/schema';
import { redact, storableText } from './redact';

export type EventKind = 'request' | 'response' | 'webhook' | 'status_change' | 'note' | 'error';

export interface NewPaymentEvent {
  paymentId: string | null;
  provider: string;
  kind: EventKind;
  summary: string;
  httpStatus?: number;
  payload?: unknown;
}

/** Appends to the audit log. Payloads are redacted here, whatever the caller already did. */
export async function recordEvent(db: DbOrTx, event: NewPaymentEvent): Promise<void> {
  await db.insert(paymentEvents).values({
    paymentId: event.paymentId,
    provider: event.provider,
    kind: event.kind,
    summary: storableText(event.summary.slice(0, 500)),
    httpStatus: event.httpStatus,
    payload: event.payload === undefined ? null : storableText(redact(event.payload)),
  });
}

export async function listEvents(db: DbOrTx, paymentId: string) {
  return db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, paymentId)).orderBy(asc(paymentEvents.id));
}
