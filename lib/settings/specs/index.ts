import type { ProviderId } from '@/lib/providers/types';
import type { ProviderSettingsSpec } from '../types';
import { mpesaSettings } from './mpesa';

/** Providers whose settings can be edited in the admin and the CLI (add yours here). */
export const SETTINGS_SPECS: Partial<Record<ProviderId, ProviderSettingsSpec>> = {
  mpesa: mpesaSettings,
};

export function settingsSpec(provider: string): ProviderSettingsSpec | null {
  return SETTINGS_SPECS[provider as ProviderId] ?? null;
}
