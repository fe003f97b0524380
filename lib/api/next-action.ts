import 'server-only';
import { manifestOf } from '@/lib/providers/catalog';
import type { NextAction } from '@/lib/providers/types';
import type { Payment } from '@/lib/payments/payment-store';

export type ApiNextAction =
  | { type: 'prompt'; msisdn: string | null; expires_at: string | null }
  | { type: 'otp'; submit_url: string; expires_at: string | null }
  | { type: 'redirect'; url: string; return_url: string };

/**
 * What the merchant's system should do for this payment now, or null (nothing: wait for the
 * outcome, or it is settled). From the provider's own word at start (notes.nextAction), or its
 * manifest's flow for an attempt whose start answer was lost.
 */
export function nextActionOf(payment: Payment): ApiNextAction | null {
  const expiresAt = payment.expiresAt?.toISOString() ?? null;
  if (payment.status === 'awaiting_otp') return { type: 'otp', submit_url: `/api/v1/payments/${payment.id}/otp`, expires_at: expiresAt };
  if (payment.status !== 'pending' && payment.status !== 'processing') return null;
  const stored = payment.notes?.nextAction as NextAction | undefined;
  const type = stored?.type ?? (manifestOf(payment.provider)?.flow === 'push' ? 'prompt' : null);
  if (type === 'redirect' && stored?.type === 'redirect') return { type: 'redirect', url: stored.url, return_url: stored.returnUrl };
  // A prompt nobody may answer any more (its window is over) asks nothing of anyone.
  if (type === 'prompt' && !(payment.expiresAt && payment.expiresAt.getTime() <= Date.now())) return { type: 'prompt', msisdn: payment.msisdn, expires_at: expiresAt };
  return null;
}
