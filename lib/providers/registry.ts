import 'server-only';
import type { DbOrTx } from '@/db';
import { getEnv } from '@/lib/env';
import { readAllProviderSettings, type StoredSettings } from '@/lib/settings/store';
import { ALL_MANIFESTS } from './catalog';
import type { PaymentProvider, ProviderId } from './types';

export interface ProviderAvailability {
  id: ProviderId;
  provider: PaymentProvider | null;
  /** Why it is unavailable, for the admin and the API error. */
  reason?: string;
}

export type StoredOptions = Partial<Record<ProviderId, Record<string, string>>>;

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
  for (const manifest of ALL_MANIFESTS) {
    const { id } = manifest;
    if (!manifest.create) {
      result.set(id, { id, provider: null, reason: 'not available in this version' });
      continue;
    }
    const config = manifest.resolveConfig(env, stored[id]);
    result.set(id, config ? { id, provider: manifest.create(config) } : { id, provider: null, reason: manifest.notConfigured });
  }
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
