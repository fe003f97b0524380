// What one provider folder declares about itself, once: the registry, checkout, settings pages,
// connection test, CLI, API enums and receipts all read it (lib/providers/catalog.ts lists them).
import type { CountryCode } from 'libphonenumber-js';
import type { Env } from '@/lib/env';
import type { Currency } from '@/lib/payments/money';
import type { ProviderSettingsSpec } from '@/lib/settings/types';
import type { PaymentProvider, ProviderId } from './types';

export interface ConnectionReport {
  message: string;
  target?: string;
}

export interface ProviderManifest<Config = unknown> {
  id: ProviderId;
  displayName: string;
  /** How the shopper pays: approve a push on the phone, type a code, or go to a hosted page. */
  flow: PaymentProvider['flow'];
  country: CountryCode;
  /** Currencies it takes; shown at checkout (as unavailable) even when it is not configured. */
  currencies: readonly Currency[];
  /** What the receipt calls the provider's reference. */
  receiptLabel: string;
  /** Why it is unavailable when its configuration resolves to null. */
  notConfigured: string;
  /** Editable in the admin and the CLI (null: environment only). */
  settings: ProviderSettingsSpec | null;
  /** Environment first, then the admin's stored settings, then sandbox defaults; null = not configured. */
  resolveConfig(env: Env, stored?: Partial<Record<string, string>>): Config | null;
  /** Absent while the provider's payment flow is not offered yet (its config and client may exist). */
  create?(config: Config): PaymentProvider;
  /** One real authenticated call with this configuration (tokens are minted afresh). */
  testConnection?(config: Config): Promise<ConnectionReport>;
}

/** Keeps each manifest's own config type while the catalog holds them side by side. */
export function defineManifest<Config>(manifest: ProviderManifest<Config>): ProviderManifest<Config> {
  return manifest;
}

/**
 * A manifest whose config type is its own business: each one's resolveConfig feeds only its own
 * create/testConnection, so the catalog can hold them side by side.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- config is invariant per manifest (produced and consumed by it alone)
export type AnyProviderManifest = ProviderManifest<any>;
