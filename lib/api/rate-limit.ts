import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { rateLimitWindows } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { countInMinuteWindow } from '@/lib/limits/minute-window';

export type RateLimitClass = 'read' | 'write';

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the current window ends. */
  resetSeconds: number;
}

const WINDOW_SECONDS = 60;

/** Requests per minute per API key: every request counts as a read; POSTs also count as writes. */
export function rateLimitsFor(kind: RateLimitClass): { bucket: string; limit: number }[] {
  const env = getEnv();
  const read = { bucket: 'api', limit: env.API_RATE_LIMIT_PER_MINUTE };
  return kind === 'write' ? [read, { bucket: 'api-write', limit: env.API_WRITE_RATE_LIMIT_PER_MINUTE }] : [read];
}

/**
 * Counts this request in the key's fixed one-minute windows (database clock, one upsert per
 * bucket, so every app instance shares the count) and refuses it with 429 + Retry-After when a
 * window is full. Returns the tightest window's state for the X-RateLimit-* headers.
 */
export async function enforceRateLimit(db: Db, apiKeyId: number, kind: RateLimitClass): Promise<RateLimitState> {
  let tightest: RateLimitState | null = null;
  for (const { bucket, limit } of rateLimitsFor(kind)) {
    const row = await countInMinuteWindow(db, `${bucket}:${apiKeyId}`);
    const { resetSeconds } = row;
    if (row.count > limit) {
      throw new AppError('rate_limited', `rate limit of ${limit} ${bucket === 'api' ? 'requests' : 'write requests'} per minute for this API key exceeded; retry after ${resetSeconds} s`, undefined, { retryAfter: resetSeconds, limit });
    }
    const state = { limit, remaining: limit - row.count, resetSeconds };
    if (!tightest || state.remaining < tightest.remaining) tightest = state;
  }
  return tightest ?? { limit: 0, remaining: 0, resetSeconds: WINDOW_SECONDS };
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return { 'x-ratelimit-limit': String(state.limit), 'x-ratelimit-remaining': String(Math.max(0, state.remaining)), 'x-ratelimit-reset': String(state.resetSeconds) };
}

/** Windows older than an hour are never read again. */
export async function purgeOldRateLimitWindows(db: Db): Promise<number> {
  const rows = await db.delete(rateLimitWindows).where(sql`${rateLimitWindows.windowStart} < now() - interval '1 hour'`).returning({ bucket: rateLimitWindows.bucket });
  return rows.length;
}
