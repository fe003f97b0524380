import 'server-only';
import type { Db } from '@/db';
import { getEnv } from '@/lib/env';
import { balanceOf, depositOfferOf, type Order } from '@/lib/payments/orders';
import type { Currency } from '@/lib/payments/money';
import { PROVIDER_MANIFESTS } from '@/lib/providers/catalog';
import { loadProviders } from '@/lib/providers/registry';
import type { ProviderId } from '@/lib/providers/types';
import { findShopperOrder } from './shopper-access';

export interface CheckoutMethod {
  id: ProviderId;
  name: string;
  flow: 'push' | 'otp' | 'redirect';
  /** Where its phone numbers are local (the phone field's hint). */
  country: string;
  available: boolean;
  reason?: string;
}

export interface CheckoutContext {
  order: Order;
  balanceMinor: number;
  /** The deposit to offer (whole units where the providers need them), or null: pay the balance. */
  depositMinor: number | null;
  methods: CheckoutMethod[];
}

/** The order (for the holder of its capability) and the payment methods that can take its currency, available or not. */
export async function loadCheckout(db: Db, reference: string, key: unknown): Promise<CheckoutContext | null> {
  const order = await findShopperOrder(db, reference, key);
  if (!order) return null;
  const providers = await loadProviders(db);
  const methods: CheckoutMethod[] = [];
  for (const entry of providers.values()) {
    const p = entry.provider;
    if (p && !p.currencies.includes(order.currency as Currency)) continue;
    // Shown (as unavailable) for its currencies even when the provider is not configured.
    const manifest = PROVIDER_MANIFESTS[entry.id];
    if (!p && !manifest.currencies.includes(order.currency as Currency)) continue;
    methods.push(
      p
        ? { id: p.id, name: manifest.displayName, flow: manifest.flow, country: manifest.country, available: true }
        : { id: entry.id, name: manifest.displayName, flow: manifest.flow, country: manifest.country, available: false, reason: 'Not available right now' },
    );
  }
  return { order, balanceMinor: balanceOf(order), depositMinor: depositOfferOf(order), methods };
}

/** Timings the payment modal needs; they come from the server so tests can shorten them. */
export function checkoutTimings() {
  const env = getEnv();
  return { pollSeconds: env.CHECKOUT_POLL_SECONDS, giveUpSeconds: env.CHECKOUT_GIVE_UP_SECONDS };
}

/** How long one status poll may wait for a change: under the poll cadence, so polls never overlap. */
export function longPollMilliseconds(): number {
  const env = getEnv();
  return Math.max(0, Math.min(env.CHECKOUT_LONG_POLL_SECONDS * 1000, env.CHECKOUT_POLL_SECONDS * 1000 - 1000));
}

