import 'server-only';
import type { Env } from '@/lib/env';
import { sandboxFallback } from '../sandbox-fallback';

export interface QmoneyConfig {
  baseUrl: string;
  username: string;
  password: string;
  /** Opaque token from QCell, sent verbatim after "Basic " on /login. */
  basicToken: string;
  /** The merchant wallet that receives the money (getMoney toUser.userIdentifier). */
  merchantAccount: string;
  pin: string;
  productId: string;
  otpSeconds: number;
  tokenMaxAgeSeconds: number;
  timeoutMs: number;
}

/** What the sandbox simulator accepts (sandbox/qmoney/config.ts); it checks login only. */
export const QMONEY_SANDBOX_DEFAULTS = {
  username: 'sandbox-merchant',
  password: 'sandbox-password',
  basicToken: 'c2FuZGJveC1xbW9uZXk=',
  merchantAccount: '2207999999',
  pin: '1234',
  productId: 'MALIPO_GETMONEY',
};

type Key = keyof typeof QMONEY_SANDBOX_DEFAULTS | 'baseUrl';

/**
 * QMONEY_* variables win, then stored settings, then the sandbox when SANDBOX_URL is set. The
 * sandbox's credentials only ever go with the sandbox's URL: once a base URL is configured, a
 * missing setting leaves Qmoney unconfigured rather than half-sandbox.
 */
export function resolveQmoneyConfig(env: Env, stored: Partial<Record<string, string>> = {}): QmoneyConfig | null {
  const explicitBaseUrl = env.QMONEY_BASE_URL ?? stored.baseUrl;
  const sandbox = sandboxFallback(env.SANDBOX_URL, '/qmoney', QMONEY_SANDBOX_DEFAULTS, !!explicitBaseUrl);
  const pick = (envValue: string | undefined, key: Key) => envValue ?? stored[key] ?? sandbox?.[key];
  const baseUrl = pick(env.QMONEY_BASE_URL, 'baseUrl');
  const username = pick(env.QMONEY_USERNAME, 'username');
  const password = pick(env.QMONEY_PASSWORD, 'password');
  const basicToken = pick(env.QMONEY_BASIC_TOKEN, 'basicToken');
  const merchantAccount = pick(env.QMONEY_MERCHANT_ACCOUNT, 'merchantAccount');
  const pin = pick(env.QMONEY_PIN, 'pin');
  const productId = pick(env.QMONEY_PRODUCT_ID, 'productId');
  if (!baseUrl || !username || !password || !basicToken || !merchantAccount || !pin || !productId) return null;
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    username,
    password,
    basicToken,
    merchantAccount,
    pin,
    productId,
    otpSeconds: env.QMONEY_OTP_SECONDS,
    tokenMaxAgeSeconds: env.QMONEY_TOKEN_MAX_AGE_SECONDS,
    timeoutMs: env.PROVIDER_TIMEOUT_MS,
  };
}
