import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { AppError } from '@/lib/errors';
import { waitText } from './wait-text';

export interface SlotTaken {
  allowed: boolean;
  /** Requests left in the window after this one (0 when refused). */
  remaining: number;
  /** Seconds until the oldest request in the window leaves it (when refused). */
  retryAfterSeconds: number;
}

export interface SlidingLimit {
  bucket: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Counts one request in `bucket` unless `limit` requests fall within the last `windowSeconds`.
 * Check and count are one upsert: the row lock makes concurrent callers (on any instance) queue,
 * so a burst of 20 gets exactly `limit` slots. Inside a transaction the slot is given back if
 * the transaction rolls back. The row keeps at most `limit` timestamps.
 */
export async function takeSlot(db: DbOrTx, { bucket, limit, windowSeconds }: SlidingLimit): Promise<SlotTaken> {
  const now = sql`statement_timestamp()`;
  const inWindow = sql`h > ${now} - make_interval(secs => ${windowSeconds})`;
  const rows = await db.execute(sql`
    insert into rate_limit_hits as r (bucket, hits, updated_at) values (${bucket}, array[${now}], ${now})
    on conflict (bucket) do update set
      hits = (
        select case when count(*) < ${limit} then coalesce(array_agg(h order by h), '{}') || ${now} else array_agg(h order by h) end
        from unnest(r.hits) h where ${inWindow}
      ),
      updated_at = ${now}
    returning
      r.hits[cardinality(r.hits)] = ${now} as allowed,
      cardinality(r.hits) as used,
      ceil(extract(epoch from (r.hits[1] + make_interval(secs => ${windowSeconds}) - ${now})))::int as retry_after`);
  const row = rowsOf<{ allowed: boolean; used: number; retry_after: number | null }>(rows)[0];
  if (!row) throw new Error(`rate limit upsert for ${bucket} returned no row`);
  const allowed = row.allowed === true;
  return {
    allowed,
    remaining: allowed ? Math.max(0, limit - Number(row.used)) : 0,
    retryAfterSeconds: allowed ? 0 : Math.max(1, Number(row.retry_after ?? windowSeconds)),
  };
}

/** takeSlot, refusing with 429 (Retry-After in details) and `message(minutes)` when full. */
export async function takeSlotOrThrow(db: DbOrTx, limit: SlidingLimit, message: (wait: string) => string, field?: string): Promise<void> {
  const slot = await takeSlot(db, limit);
  if (slot.allowed) return;
  throw new AppError('rate_limited', message(waitText(slot.retryAfterSeconds)), field, { retryAfter: slot.retryAfterSeconds, limit: limit.limit });
}


/** Rows untouched for a day hold no hit inside any window we use. */
export async function purgeOldSlots(db: DbOrTx): Promise<number> {
  const rows = await db.execute(sql`delete from rate_limit_hits where updated_at < now() - interval '1 day' returning bucket`);
  return rowsOf(rows).length;
}

/** postgres.js answers an array of rows, PGlite an object holding them. */
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
