import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { rateLimitWindows } from '@/db/schema';

/**
 * Counts one request in `bucket`'s current one-minute window (database clock) and answers the
 * count so far and the seconds left in the window: one upsert, shared by every instance.
 */
export async function countInMinuteWindow(db: DbOrTx, bucket: string): Promise<{ count: number; resetSeconds: number }> {
  const [row] = await db
    .insert(rateLimitWindows)
    .values({ bucket, windowStart: sql`date_trunc('minute', now())`, count: 1 })
    .onConflictDoUpdate({ target: [rateLimitWindows.bucket, rateLimitWindows.windowStart], set: { count: sql`${rateLimitWindows.count} + 1` } })
    .returning({ count: rateLimitWindows.count, resetSeconds: sql<number>`ceil(extract(epoch from (${rateLimitWindows.windowStart} + interval '60 seconds' - now())))::int` });
  return { count: row?.count ?? 1, resetSeconds: Math.max(1, Number(row?.resetSeconds ?? 60)) };
}
