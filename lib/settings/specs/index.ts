import 'server-only';
import { ALL_MANIFESTS } from '@/lib/providers/catalog';
import type { ProviderId } from '@/lib/providers/types';
import type { ProviderSettingsSpec } from '../types';

/** Providers whose settings can be edited in the admin and the CLI (each manifest says). */
export const SETTINGS_SPECS: Partial<Record<ProviderId, ProviderSettingsSpec>> = Object.fromEntries(
  ALL_MANIFESTS.flatMap((m) => (m.settings ? [[m.id, m.settings]] : [])),
);

export function settingsSpec(provider: string): ProviderSettingsSpec | null {
  return SETTINGS_SPECS[provider as ProviderId] ?? null;
}
