import 'server-only';
import type { Env } from '@/lib/env';
import { sandboxFallback } from '../sandbox-fallback';

export interface MpesaConfig {
  baseUrl: string;
  consumerKey: string;
  consumerSecret: string;
  shortcode: string;
  passkey: string;
  transactionType: 'CustomerPayBillOnline' | 'CustomerBuyGoodsOnline';
  partyB: string;
  callbackUrl: string;
  callbackToken: string;
  confirmWithQuery: boolean;
  promptSeconds: number;
  timeoutMs: number;
}

/** The sandbox's published test credentials (Safaricom's own public sandbox values). */
export const MPESA_SANDBOX_DEFAULTS = {
  consumerKey: 'sandbox-consumer-key',
  consumerSecret: 'sandbox-consumer-secret',
  shortcode: '174379',
  passkey: 'bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919',
  callbackToken: 'sandbox-callback-token-0123456789',
};

/**
 * Explicit MPESA_* variables win over the admin's stored settings (options and decrypted
 * secrets, see lib/settings); without either, the sandbox (when SANDBOX_URL is set) stands in.
 * The sandbox's test credentials are only ever paired with the sandbox's URL: once a real base
 * URL is configured, a missing credential leaves M-Pesa unconfigured rather than half-sandbox.
 * Returns null when M-Pesa is not configured: it is then shown as unavailable, never a crash.
 */
export function resolveMpesaConfig(env: Env, stored: Partial<Record<string, string>> = {}): MpesaConfig | null {
  const explicitBaseUrl = env.MPESA_BASE_URL ?? stored.baseUrl;
  const sandbox = sandboxFallback(env.SANDBOX_URL, '/mpesa', MPESA_SANDBOX_DEFAULTS, !!explicitBaseUrl);
  const pick = (envValue: string | undefined, key: keyof typeof MPESA_SANDBOX_DEFAULTS | 'baseUrl') =>
    envValue ?? stored[key] ?? (sandbox ? sandbox[key] : undefined);
  const baseUrl = pick(env.MPESA_BASE_URL, 'baseUrl');
  const consumerKey = pick(env.MPESA_CONSUMER_KEY, 'consumerKey');
  const consumerSecret = pick(env.MPESA_CONSUMER_SECRET, 'consumerSecret');
  const shortcode = pick(env.MPESA_SHORTCODE, 'shortcode');
  const passkey = pick(env.MPESA_PASSKEY, 'passkey');
  const callbackToken = pick(env.MPESA_CALLBACK_TOKEN, 'callbackToken');
  if (!baseUrl || !consumerKey || !consumerSecret || !shortcode || !passkey || !callbackToken) return null;
  return {
    baseUrl: baseUrl.replace(/\/$/, ''),
    consumerKey,
    consumerSecret,
    shortcode,
    passkey,
    transactionType: env.MPESA_TRANSACTION_TYPE,
    partyB: env.MPESA_PARTY_B ?? stored.partyB ?? shortcode,
    callbackUrl: `${env.APP_URL.replace(/\/$/, '')}/api/webhooks/mpesa/${callbackToken}`,
    callbackToken,
    confirmWithQuery: env.MPESA_CONFIRM_WITH_QUERY ?? env.NODE_ENV === 'production',
    promptSeconds: env.MPESA_PROMPT_SECONDS,
    timeoutMs: env.PROVIDER_TIMEOUT_MS,
  };
}
