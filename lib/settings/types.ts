// How a provider's settings are described, stored and shown. Each provider has one spec file in
// specs/ (M-Pesa, ClickPesa, Omari, Qmoney) and a line in specs/index.ts; the
// settings page, the CLI and the registry then handle it with no code of their own.
import type { z } from 'zod';
import type { ProviderId } from '@/lib/providers/types';

export interface SettingField {
  /** Key in provider_settings.options (or the sealed secrets), as the provider's config reads it. */
  key: string;
  label: string;
  /** Secrets are sealed with AES-256-GCM and never leave the server in clear. */
  secret: boolean;
  /** The environment variable that overrides the stored value. */
  env: string;
  schema: z.ZodType<string>;
  help?: string;
  /** Needed for the provider to work (reported by `<provider>:init` and the page when missing). */
  required: boolean;
  /** CLI flag name (kebab-case), for `<provider>:set-credentials --flag value`. */
  flag: string;
}

export interface ConnectionResult {
  ok: boolean;
  message: string;
  /** Where the call went (base URL), never credentials. */
  target?: string;
  durationMs: number;
}

export interface ProviderSettingsSpec {
  provider: ProviderId;
  displayName: string;
  fields: readonly SettingField[];
  /**
   * Values the sandbox stands in with when SANDBOX_URL is set (development, demo, tests) and none
   * of `realKeys` is configured (as the provider's config decides it).
   */
  sandboxDefaults(sandboxUrl: string): Record<string, string>;
  /** Fields whose value (environment or stored) means the real provider is meant; default `baseUrl`. */
  realKeys?: readonly string[];
  /** Values the config falls back to when the sandbox does not stand in (ClickPesa's public API URL). */
  productionDefaults?: Record<string, string>;
}
