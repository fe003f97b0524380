import type { ProviderId } from '@/lib/providers/types';
import type { ProviderSettingsSpec } from '../types';
import { clickpesaSettings } from './clickpesa';
import { mpesaSettings } from './mpesa';
import { omariSettings } from './omari';
import { qmoneySettings } from './qmoney';

/** Providers whose settings can be edited in the admin and the CLI. */
export const SETTINGS_SPECS: Partial<Record<ProviderId, ProviderSettingsSpec>> = {
  mpesa: mpesaSettings,
  clickpesa: clickpesaSettings,
  omari: omariSettings,
  qmoney: qmoneySettings,
};

export function settingsSpec(provider: string): ProviderSettingsSpec | null {
  return SETTINGS_SPECS[provider as ProviderId] ?? null;
}
