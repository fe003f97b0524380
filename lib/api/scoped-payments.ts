import 'server-only';
import { eq, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { payments } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { findPayment, type Payment } from '@/lib/payments/payment-store';
import type { ApiPrincipal } from './api-keys';

// A merchant key sees only the payments it created; another key's payment is "not found", so
// its existence is not disclosed either. Admin keys (and BOOTSTRAP_API_KEY) see every payment.

export function canSee(principal: ApiPrincipal, payment: Pick<Payment, 'apiKeyId'>): boolean {
  return principal.admin || payment.apiKeyId === principal.keyId;
}

export async function getPaymentOrThrow(db: DbOrTx, { id, principal }: { id: string; principal: ApiPrincipal }): Promise<Payment> {
  const payment = await findPayment(db, id);
  if (!payment || !canSee(principal, payment)) throw notFound('payment');
  return payment;
}

/** The list's extra condition: none for admin keys. */
export function paymentScope(principal: ApiPrincipal): SQL[] {
  return principal.admin ? [] : [eq(payments.apiKeyId, principal.keyId)];
}
