import 'server-only';
import { headers } from 'next/headers';
import type { DbOrTx } from '@/db';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { clientIpOf } from './client-ip';
import { takeSlotOrThrow } from './sliding-window';
import { waitText } from './wait-text';

export type ShopAction = 'prompt' | 'order';

/** The client IP of the server action or page being run (see client-ip.ts for whom we trust). */
export async function requestIp(): Promise<string> {
  try {
    return clientIpOf(await headers());
  } catch {
    // Called outside a request (a script, a test calling the action directly): no client IP,
    // so the shared "unknown" bucket counts it, as a request without forwarding headers would be.
    return 'unknown';
  }
}

/**
 * Per-IP limits on what an anonymous shopper can make happen: payment prompts (checkout, retry,
 * resend) and new orders. Refused with AppError('rate_limited') holding retryAfter.
 */
export async function limitShopAction(db: DbOrTx, action: ShopAction, ip: string): Promise<void> {
  const env = getEnv();
  const limit = action === 'prompt' ? env.SHOP_PROMPTS_PER_IP : env.SHOP_ORDERS_PER_IP;
  const what = action === 'prompt' ? 'payment requests' : 'new orders';
  await takeSlotOrThrow(
    db,
    { bucket: `shop-${action}-ip:${ip}`, limit, windowSeconds: env.PROMPT_WINDOW_SECONDS },
    (wait) => `too many ${what} from this network (${limit} in ${env.PROMPT_WINDOW_SECONDS / 60} minutes); try again in ${wait}`,
  );
}

/** What the shopper reads when a limit refused them, naming when to try again. */
export function shopperLimitMessage(error: AppError): string {
  const wait = waitText(retryAfterOf(error));
  if (error.field === 'msisdn') return `This phone has had the most payment requests allowed for now. Try again in ${wait}.`;
  return `Too many requests from your network. Try again in ${wait}.`;
}

export function retryAfterOf(error: AppError): number {
  const seconds = Number(error.details?.retryAfter);
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 60;
}
