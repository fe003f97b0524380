import 'server-only';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { orders } from '@/db/schema';
import { authSecret } from '@/lib/auth/config';
import type { Order } from './orders';

/**
 * The shopper's capability for an order (issue 9 §2): 256 random bits, base64url, carried in the
 * shopper's URLs and forms. Order references (32^6) and payment ids are names, not secrets; this
 * token is what lets a browser view, poll, cancel or retry. Only its SHA-256 is stored.
 */
export const CAPABILITY_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newOrderCapability(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashOf(token) };
}

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Seeded demo orders are listed on the storefront for anyone to try, so their capability is
 * public by design: derived from AUTH_SECRET so the storefront can link to them without storing it.
 */
export function demoOrderCapability(orderId: string): string {
  return createHmac('sha256', authSecret()).update(`demo-order:${orderId}`).digest('base64url');
}

function expectedHashOf(order: Pick<Order, 'id' | 'source' | 'capabilityHash'>): string | null {
  if (order.capabilityHash) return order.capabilityHash;
  return order.source === 'seed' ? hashOf(demoOrderCapability(order.id)) : null;
}

/** Compares hashes in constant time; an order without a capability (made before 0006) admits nobody. */
export function holdsOrderCapability(order: Pick<Order, 'id' | 'source' | 'capabilityHash'>, token: unknown): boolean {
  if (typeof token !== 'string' || !CAPABILITY_PATTERN.test(token)) return false;
  const expected = expectedHashOf(order);
  if (!expected) return false;
  return timingSafeEqual(Buffer.from(hashOf(token), 'hex'), Buffer.from(expected, 'hex'));
}

/** A new capability for an existing order; the previous one stops working. */
export async function reissueOrderCapability(db: DbOrTx, orderId: string): Promise<string> {
  const { token, hash } = newOrderCapability();
  await db.update(orders).set({ capabilityHash: hash }).where(eq(orders.id, orderId));
  return token;
}
