import 'server-only';
import type { Env } from '@/lib/env';
import { sandboxFallback } from '../sandbox-fallback';

export interface ClickPesaConfig {
  /** e.g. https://api.clickpesa.com/third-parties (no trailing slash). */
  baseUrl: string;
  clientId: string;
  apiKey: string;
  /** When set, requests carry a checksum and webhooks must carry a valid one. */
  checksumKey: string | null;
  promptSeconds: number;
  timeoutMs: number;
}

/** The sandbox simulator's published credentials (sandbox/clickpesa/config.ts). */
export const CLICKPESA_SANDBOX_DEFAULTS = {
  clientId: 'sandbox-client-id',
  apiKey: 'sandbox-api-key',
};

export const CLICKPESA_PRODUCTION_URL = 'https://api.clickpesa.com/third-parties';

/**
 * Explicit CLICKPESA_* variables win, then the admin's stored options; without them the sandbox
 * (when SANDBOX_URL is set) stands in. The sandbox's credentials only ever go with the sandbox's
 * URL: once a base URL or a client ID is configured, a missing credential leaves ClickPesa
 * unconfigured rather than half-sandbox. Null when ClickPesa is not configured: it is then shown
 * as unavailable and refused by the API, never a crash. The checksum key is never defaulted: it
 * is on exactly when CLICKPESA_CHECKSUM_KEY (or the stored option) is set, on both sides.
 */
export function resolveClickPesaConfig(env: Env, stored: Partial<Record<string, string>> = {}): ClickPesaConfig | null {
  const explicitBaseUrl = env.CLICKPESA_BASE_URL ?? stored.baseUrl;
  const explicitClientId = env.CLICKPESA_CLIENT_ID ?? stored.clientId;
  const sandbox = sandboxFallback(env.SANDBOX_URL, '/clickpesa/third-parties', CLICKPESA_SANDBOX_DEFAULTS, !!(explicitBaseUrl || explicitClientId));
  const clientId = explicitClientId ?? sandbox?.clientId;
  const apiKey = env.CLICKPESA_API_KEY ?? stored.apiKey ?? sandbox?.apiKey;
  // With real credentials and no base URL, the real API is meant.
  const baseUrl = explicitBaseUrl ?? (explicitClientId ? CLICKPESA_PRODUCTION_URL : sandbox?.baseUrl);
  if (!baseUrl || !clientId || !apiKey) return null;
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    clientId,
    apiKey,
    checksumKey: env.CLICKPESA_CHECKSUM_KEY ?? stored.checksumKey ?? null,
    promptSeconds: env.CLICKPESA_PROMPT_SECONDS,
    timeoutMs: env.PROVIDER_TIMEOUT_MS,
  };
}
