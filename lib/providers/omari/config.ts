import 'server-only';
import type { Env } from '@/lib/env';
import { sandboxFallback } from '../sandbox-fallback';

export interface OmariConfig {
  /** …/vsuite/omari/api/merchant/api/payment, without a trailing slash. */
  baseUrl: string;
  merchantKey: string;
  channel: 'WEB' | 'POS';
  otpSeconds: number;
  timeoutMs: number;
}

/** The sandbox simulator's key (sandbox/omari/config.ts). */
export const OMARI_SANDBOX_DEFAULTS = {
  merchantKey: 'sandbox-merchant-key',
};

const SANDBOX_PATH = '/omari/vsuite/omari/api/merchant/api/payment';

/**
 * OMARI_* variables win, then the admin's stored settings; without either, the sandbox (when
 * SANDBOX_URL is set) stands in. The sandbox's key only ever goes with the sandbox's URL: once a
 * base URL is configured, a missing key leaves Omari unconfigured. Null when Omari is not
 * configured: shown as unavailable.
 */
export function resolveOmariConfig(env: Env, stored: Partial<Record<string, string>> = {}): OmariConfig | null {
  const explicitBaseUrl = env.OMARI_API_BASE_URL ?? stored.baseUrl;
  const sandbox = sandboxFallback(env.SANDBOX_URL, SANDBOX_PATH, OMARI_SANDBOX_DEFAULTS, !!explicitBaseUrl);
  const baseUrl = explicitBaseUrl ?? sandbox?.baseUrl;
  const merchantKey = env.OMARI_MERCHANT_KEY ?? stored.merchantKey ?? sandbox?.merchantKey;
  if (!baseUrl || !merchantKey) return null;
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    merchantKey,
    channel: env.OMARI_CHANNEL,
    otpSeconds: env.OMARI_OTP_SECONDS,
    timeoutMs: env.PROVIDER_TIMEOUT_MS,
  };
}
