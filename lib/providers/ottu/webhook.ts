// Parses an Ottu payment or operation webhook (providers.md §3.7) and says what it says. Pure: no
// database, no core calls (calls go one way); the core decides what to apply.
import { z } from 'zod';
import type { OutcomeStatus } from '../types';
import { verifyOttuSignature } from './signature';
import { mapOttuState } from './states';

const amount = z.union([z.string(), z.number()]);

const webhookSchema = z.object({
  session_id: z.string().min(1).optional(),
  order_no: z.string().nullish(),
  state: z.string().nullish(),
  result: z.string().nullish(),
  amount: amount.nullish(),
  currency_code: z.string().nullish(),
  reference_number: z.string().nullish(),
  operation: z.string().nullish(),
  signature: z.string().nullish(),
  txn: z.object({ state: z.string().nullish(), session_id: z.string().nullish(), order_no: z.string().nullish() }).passthrough().nullish(),
}).passthrough();

export type OttuWebhook =
  | { kind: 'malformed' }
  | { kind: 'unverified' }
  | {
      kind: 'payment' | 'operation';
      sessionId: string | null;
      orderNo: string | null;
      state: string | null;
      outcome: OutcomeStatus;
      amount: string | null;
      currency: string | null;
      referenceNumber: string | null;
    };

export function parseOttuWebhook(body: unknown, webhookKey: string): OttuWebhook {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { kind: 'malformed' };
  const parsed = webhookSchema.safeParse(body);
  if (!parsed.success) return { kind: 'malformed' };
  if (!verifyOttuSignature(body as Record<string, unknown>, webhookKey)) return { kind: 'unverified' };
  const w = parsed.data;
  // Operation webhooks carry the parent under `txn`; `operation` may be null there (§3.9).
  const isOperation = !!w.txn;
  const state = (isOperation ? w.txn?.state : w.state) ?? null;
  return {
    kind: isOperation ? 'operation' : 'payment',
    sessionId: w.session_id ?? w.txn?.session_id ?? null,
    orderNo: w.order_no ?? w.txn?.order_no ?? null,
    state,
    outcome: mapOttuState(state),
    amount: w.amount === null || w.amount === undefined ? null : String(w.amount),
    currency: w.currency_code ?? null,
    referenceNumber: w.reference_number ?? null,
  };
}
