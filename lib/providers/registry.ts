import 'server-only';
import type { DbOrTx } from '@/db';
import { getEnv } from '@/lib/env';
import { readAllProviderSettings, type StoredSettings } from '@/lib/settings/store';
import { resolveClickPesaConfig } from './clickpesa/config';
import { createClickPesaProvider } from './clickpesa';
import { resolveMpesaConfig } from './mpesa/config';
import { createMpesaProvider } from './mpesa';
import { resolveOmariConfig } from './omari/config';
import { createOmariProvider } from './omari';
import { resolveQmoneyConfig } from './qmoney/config';
import { createQmoneyProvider } from './qmoney';
import { PROVIDER_IDS, type PaymentProvider, type ProviderId } from './types';

export interface ProviderAvailability {
  id: ProviderId;
  provider: PaymentProvider | null;
  /** Why it is unavailable, for the admin and the API error. */
  reason?: string;
}

type StoredOptions = Partial<Record<ProviderId, Record<string, string>>>;

/**
 * Builds every provider from the environment (which wins) and the admin's stored settings.
 * `forOpenAttempts`: a provider switched off takes no new payments, but still answers for the
 * attempts it started (status queries, OTP confirmation, callbacks), so they are settled.
 */
export async function loadProviders(db: DbOrTx, { forOpenAttempts = false } = {}): Promise<Map<ProviderId, ProviderAvailability>> {
  const settings = await readAllProviderSettings(db);
  const stored = storedValues(settings);
  const env = getEnv();
  const result = new Map<ProviderId, ProviderAvailability>();
  for (const id of PROVIDER_IDS) result.set(id, { id, provider: null, reason: 'not available in this version' });
  const mpesa = resolveMpesaConfig(env, stored.mpesa);
  result.set('mpesa', mpesa ? { id: 'mpesa', provider: createMpesaProvider(mpesa) } : { id: 'mpesa', provider: null, reason: 'M-Pesa is not configured (MPESA_* variables)' });
  const clickpesa = resolveClickPesaConfig(env, stored.clickpesa);
  result.set('clickpesa', clickpesa ? { id: 'clickpesa', provider: createClickPesaProvider(clickpesa) } : { id: 'clickpesa', provider: null, reason: 'ClickPesa is not configured (CLICKPESA_* variables)' });
  const omari = resolveOmariConfig(env, stored.omari);
  result.set('omari', omari ? { id: 'omari', provider: createOmariProvider(omari) } : { id: 'omari', provider: null, reason: 'Omari is not configured (OMARI_* variables)' });
  const qmoney = resolveQmoneyConfig(env, stored.qmoney);
  result.set('qmoney', qmoney ? { id: 'qmoney', provider: createQmoneyProvider(qmoney) } : { id: 'qmoney', provider: null, reason: 'Qmoney is not configured (QMONEY_* variables)' });
  // Switched off on the admin's settings page: unavailable whatever its configuration.
  for (const row of forOpenAttempts ? [] : settings) {
    const id = row.provider as ProviderId;
    if (!row.enabled && result.has(id)) result.set(id, { id, provider: null, reason: 'switched off by an admin' });
  }
  return result;
}

/** A provider for a new payment: null when unconfigured or switched off. */
export async function getProvider(db: DbOrTx, id: ProviderId): Promise<PaymentProvider | null> {
  return (await loadProviders(db)).get(id)?.provider ?? null;
}

/** A provider for an attempt already started: switched off still finishes what it started. */
export async function getProviderForAttempt(db: DbOrTx, id: ProviderId): Promise<PaymentProvider | null> {
  return (await loadProviders(db, { forOpenAttempts: true })).get(id)?.provider ?? null;
}

export async function loadStoredOptions(db: DbOrTx): Promise<StoredOptions> {
  return storedValues(await readAllProviderSettings(db));
}

/** Options and decrypted secrets side by side: each provider's config reads them by key. */
// Switched-off rows keep their values: callbacks and queries for open attempts still need them.
function storedValues(rows: StoredSettings[]): StoredOptions {
  return Object.fromEntries(rows.map((r) => [r.provider, { ...r.options, ...r.secrets }])) as StoredOptions;
}
