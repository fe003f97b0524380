// A customer's saved cards and charging one (providers.md §3.5). Tokens are kept as Ottu returns
// them (masked number, brand, expiry); a full card number never passes through here.
import 'server-only';
import { z } from 'zod';
import type { ProviderCallContext } from '../types';
import type { OttuCurrency } from './amount';
import type { OttuConfig } from './config';
import { classifyOttuError } from './errors';
import { ottuCall } from './request';
import { ottuCardSchema, ottuPaymentResultSchema, type OttuCard } from './schemas';
import { toPaymentResult, unreadable, type OttuPaymentResult } from './client';

export async function listCards(config: OttuConfig, query: { customerId: string; pgCodes?: string[]; agreementId?: string }, ctx: ProviderCallContext | null): Promise<OttuCard[]> {
  const body = {
    type: config.mode,
    customer_id: query.customerId,
    ...(query.pgCodes ? { pg_codes: query.pgCodes } : {}),
    ...(query.agreementId ? { agreement_id: query.agreementId } : {}),
  };
  const label = 'Ottu cards';
  const res = await ottuCall(config, { method: 'POST', path: '/b/pbl/v2/card/', label, body }, ctx);
  const parsed = z.array(ottuCardSchema).safeParse(res.body);
  if (res.status === 200 && parsed.success) return parsed.data;
  throw res.status === 200 ? unreadable(label, res.status) : classifyOttuError(res, label, false);
}

/** True when deleted, false when Ottu has no such card for this customer (404). */
export async function deleteCard(config: OttuConfig, card: { token: string; customerId: string }, ctx: ProviderCallContext | null): Promise<boolean> {
  const query = new URLSearchParams({ customer_id: card.customerId, type: config.mode });
  const label = 'Ottu delete card';
  const res = await ottuCall(config, { method: 'DELETE', path: `/b/pbl/v2/card/${encodeURIComponent(card.token)}/?${query}`, label }, ctx);
  if (res.status === 204 || res.status === 200) return true;
  if (res.status === 404) return false;
  throw classifyOttuError(res, label, true);
}

/** Charges a saved card on a session created with payment_type auto_debit and an agreement. */
export async function chargeSavedCard(config: OttuConfig, input: { sessionId: string; token: string; currency: OttuCurrency }, ctx: ProviderCallContext | null): Promise<OttuPaymentResult> {
  const label = 'Ottu auto-debit';
  const res = await ottuCall(config, { method: 'POST', path: '/b/pbl/v2/auto-debit/', label, body: { session_id: input.sessionId, token: input.token } }, ctx);
  const parsed = ottuPaymentResultSchema.safeParse(res.body);
  // A declined charge answers with the same body and state failed: a result, not an error.
  if ((res.status === 200 || res.status === 400) && parsed.success) return toPaymentResult(parsed.data, input.currency);
  throw res.status === 200 ? unreadable(label, res.status) : classifyOttuError(res, label, true);
}
