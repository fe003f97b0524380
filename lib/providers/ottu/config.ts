import 'server-only';
import type { Env } from '@/lib/env';
import { sandboxFallback } from '../sandbox-fallback';

export type OttuPaymentPlugin = 'payment_request' | 'e_commerce';

export interface OttuConfig {
  /** The merchant's instance, e.g. https://<merchant>.ottu.net (no trailing slash). */
  baseUrl: string;
  /** The whole Authorization header value: `Api-Key …` or `Basic …`. */
  authorization: string;
  webhookKey: string;
  pgCodes: string[];
  /** Ottu's checkout `type` (ottu-py: txn_type). */
  paymentType: OttuPaymentPlugin;
  /** Ottu's `type` for cards and payment methods: test gateway MIDs or live ones. */
  mode: 'sandbox' | 'production';
  timeoutMs: number;
  /** Values to blank out of the event log. */
  secrets: string[];
}

/** The sandbox simulator's published credentials (sandbox/ottu/config.ts). */
export const OTTU_SANDBOX_DEFAULTS = {
  apiKey: 'sandbox-ottu-api-key',
  webhookKey: 'sandbox-ottu-webhook-key',
  pgCodes: 'mpgs,kpay,mpgs-auth',
};

const PG_CODE = /^[\w-]{1,64}$/;

function splitPgCodes(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((c) => c.trim()).filter((c) => PG_CODE.test(c));
}

function authorizationFor(apiKey: string | undefined, username: string | undefined, password: string | undefined): string | null {
  if (apiKey) return `Api-Key ${apiKey}`;
  if (username && password) return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
  return null;
}

/**
 * Explicit OTTU_* variables win, then the admin's stored options; without either the sandbox
 * (when SANDBOX_URL is set) stands in, with its own credentials only. Every merchant has its own
 * instance, so there is no default production URL: credentials without a base URL leave Ottu
 * unconfigured. The webhook key is required: an Ottu webhook we cannot verify is never a verdict,
 * and without it every payment would wait for the throttled inquiry. Null when not configured.
 */
export function resolveOttuConfig(env: Env, stored: Partial<Record<string, string>> = {}): OttuConfig | null {
  const explicitBaseUrl = env.OTTU_BASE_URL ?? stored.baseUrl;
  const explicitCredential = env.OTTU_API_KEY ?? stored.apiKey ?? env.OTTU_USERNAME ?? stored.username;
  const sandbox = sandboxFallback(env.SANDBOX_URL, '/ottu', OTTU_SANDBOX_DEFAULTS, !!(explicitBaseUrl || explicitCredential));
  const baseUrl = explicitBaseUrl ?? sandbox?.baseUrl;
  const apiKey = env.OTTU_API_KEY ?? stored.apiKey ?? sandbox?.apiKey;
  const username = env.OTTU_USERNAME ?? stored.username;
  const password = env.OTTU_PASSWORD ?? stored.password;
  const authorization = authorizationFor(apiKey, username, password);
  const webhookKey = env.OTTU_WEBHOOK_KEY ?? stored.webhookKey ?? sandbox?.webhookKey;
  const pgCodes = env.OTTU_PG_CODES ?? splitPgCodes(stored.pgCodes ?? sandbox?.pgCodes);
  if (!baseUrl || !authorization || !webhookKey || pgCodes.length === 0) return null;
  const paymentType = env.OTTU_PAYMENT_TYPE ?? (stored.paymentType === 'payment_request' ? 'payment_request' : 'e_commerce');
  const storedMode = stored.mode === 'sandbox' || stored.mode === 'production' ? stored.mode : undefined;
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    authorization,
    webhookKey,
    pgCodes,
    paymentType,
    mode: env.OTTU_MODE ?? storedMode ?? (sandbox || isSandboxHost(baseUrl) ? 'sandbox' : 'production'),
    timeoutMs: env.PROVIDER_TIMEOUT_MS,
    secrets: [authorization, apiKey, password, webhookKey].filter((s): s is string => !!s),
  };
}

/** Ottu's shared sandbox is sandbox.ottu.net; a merchant's live instance is <merchant>.ottu.net. */
function isSandboxHost(baseUrl: string): boolean {
  try {
    // Ottu's own sandbox hosts, or a local simulator (never a merchant's production instance).
    const host = new URL(baseUrl).hostname;
    return host.startsWith('sandbox.') || host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  } catch {
    return false;
  }
}
