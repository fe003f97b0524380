import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { tours } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { notFound } from '@/lib/errors';
import { createOrder, type CreatedOrder } from '@/lib/payments/orders';
import type { Currency } from '@/lib/payments/money';

export type Tour = typeof tours.$inferSelect;

export async function listTours(db: Db): Promise<Tour[]> {
  return db.select().from(tours).orderBy(asc(tours.id));
}

/** A shopper books a tour: a new order for its price, carrying the tour and date for grouping. */
export async function bookTour(db: Db, slug: string, customerName: string | null): Promise<CreatedOrder> {
  const [tour] = await db.select().from(tours).where(eq(tours.slug, slug)).limit(1);
  if (!tour) throw notFound('tour');
  return createOrder(db, {
    description: tour.name,
    currency: tour.currency as Currency,
    totalMinor: tour.priceMinor,
    // DEPOSIT_PERCENT, when set, overrides every tour's deposit share (0 = pay in full).
    depositPercent: getEnv().DEPOSIT_PERCENT ?? tour.depositPercent,
    customerName,
    tourId: tour.id,
    startDate: tour.startDate,
    source: 'shop',
  });
}
