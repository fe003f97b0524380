import 'server-only';
import type { Db } from '@/db';
import { getEnv } from '@/lib/env';
import { balanceOf, depositOfferOf, type Order } from '@/lib/payments/orders';
import type { Currency } from '@/lib/payments/money';
import { loadProviders } from '@/lib/providers/registry';
import type { ProviderId } from '@/lib/providers/types';
import { findShopperOrder } from './shopper-access';

export interface CheckoutMethod {
  id: ProviderId;
  name: string;
  flow: 'push' | 'otp' | 'redirect';
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
    if (!p && !CURRENCY_HINTS[entry.id]?.includes(order.currency as Currency)) continue;
    methods.push(
      p
        ? { id: p.id, name: p.displayName, flow: p.flow, available: true }
        : { id: entry.id, name: NAMES[entry.id], flow: 'push', available: false, reason: 'Not available right now' },
    );
  }
  return { order, balanceMinor: balanceOf(order), depositMinor: depositOfferOf(order), methods };
}

/** Timings the payment modal needs; they come from the server so tests can shorten them. */
export function checkoutTimings() {
  const env = getEnv();
  return { firstCheckSeconds: env.CHECKOUT_FIRST_CHECK_SECONDS, pollSeconds: env.CHECKOUT_POLL_SECONDS, giveUpSeconds: env.CHECKOUT_GIVE_UP_SECONDS };
}

// Shown (as unavailable) for a currency even when the provider is not configured.
const CURRENCY_HINTS: Record<ProviderId, Currency[]> = {
  mpesa: ['KES'],
  clickpesa: ['TZS'],
  omari: ['USD', 'ZWG'],
  qmoney: ['GMD'],
  ottu: ['KWD'],
};

const NAMES: Record<ProviderId, string> = {
  mpesa: 'M-Pesa',
  clickpesa: 'ClickPesa',
  omari: 'Omari',
  qmoney: 'Qmoney',
  ottu: 'Card (Ottu)',
};
