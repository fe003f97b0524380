import 'server-only';
import { and, eq, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { payments } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { PaymentProvider } from '@/lib/providers/types';

/**
 * Some providers (Omari) take the merchant's reference as their own, as their idempotency key,
 * and each reference once (our (provider, provider_reference) index says the same). A reused one is refused with a
 * 409 naming `reference` before any row is written or call made; otherwise /auth would text the
 * shopper a code for an attempt we then cannot record. Inside the transaction that inserts the
 * attempt, the advisory lock holds until it commits, so two requests cannot both pass.
 */
export async function refuseReusedProviderReference(db: DbOrTx, provider: PaymentProvider, reference: string | null | undefined): Promise<void> {
  if (!provider.takesEachReferenceOnce || !reference) return;
  const key = reference.toLowerCase();
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`${provider.id}-reference:${key}`}))`);
  const [used] = await db
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.provider, provider.id), or(eq(payments.providerReference, key), sql`lower(${payments.reference}) = ${key}`)))
    .limit(1);
  if (used) {
    throw new AppError('conflict', `reference ${reference} was already used (payment ${used.id}); ${provider.displayName} accepts each reference once: send a new UUID, or none to have one generated`, 'reference');
  }
}
