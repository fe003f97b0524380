import 'server-only';
import type { AnyProviderManifest } from './manifest';
import { clickpesaManifest } from './clickpesa/manifest';
import { mpesaManifest } from './mpesa/manifest';
import { omariManifest } from './omari/manifest';
import { ottuManifest } from './ottu/manifest';
import { qmoneyManifest } from './qmoney/manifest';
import type { ProviderId } from './types';

/**
 * Every provider, once. Adding one is its folder (with manifest.ts), its id in PROVIDER_IDS and
 * a line here; the compiler refuses an id without a manifest.
 */
export const PROVIDER_MANIFESTS: { readonly [K in ProviderId]: AnyProviderManifest } = {
  mpesa: mpesaManifest,
  clickpesa: clickpesaManifest,
  omari: omariManifest,
  qmoney: qmoneyManifest,
  ottu: ottuManifest,
};

export function manifestOf(id: string): AnyProviderManifest | null {
  return (PROVIDER_MANIFESTS as Record<string, AnyProviderManifest>)[id] ?? null;
}

export const ALL_MANIFESTS: readonly AnyProviderManifest[] = Object.values(PROVIDER_MANIFESTS);
