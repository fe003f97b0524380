import 'server-only';
import type { DbOrTx } from '@/db';
import { getEnv } from '@/lib/env';
import { clientIpOf } from './client-ip';
import { countInMinuteWindow } from './minute-window';

export type ShopperSurface = 'poll' | 'page';

/** Order, checkout, payment and receipt pages: what proxy.ts throttles per IP. */
export const THROTTLED_PAGE = /^\/(orders|checkout|pay|receipt)\//;

/**
 * Counts a shopper request per client IP and minute (one upsert); answers the 429 to send when
 * the IP is over SHOPPER_REQUESTS_PER_IP_PER_MINUTE, else null. The poll and the pages count
 * apart, so a polling tab never locks its own page out.
 */
export async function throttleShopperRequest(db: DbOrTx, surface: ShopperSurface, req: Request): Promise<Response | null> {
  const limit = getEnv().SHOPPER_REQUESTS_PER_IP_PER_MINUTE;
  const { count, resetSeconds } = await countInMinuteWindow(db, `shopper-${surface}:${clientIpOf(req.headers)}`);
  if (count <= limit) return null;
  const message = `Too many requests from your network (${limit} a minute). Try again in ${resetSeconds} s.`;
  const headers = { 'retry-after': String(resetSeconds), 'cache-control': 'no-store' };
  return surface === 'poll'
    ? Response.json({ error: 'rate_limited', message, retryAfter: resetSeconds }, { status: 429, headers })
    : new Response(message, { status: 429, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });
}
