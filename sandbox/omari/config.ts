// Omari simulator options, read from ctx.options on every request.
//
// | option                     | default              |
// |----------------------------|----------------------|
// | omariMerchantKey           | sandbox-merchant-key |
// | omariOtpTtlSeconds         | 300                  |
// | omariErrorHttpStatus       | 400                  |
// | omariMaxOtpAttempts        | 0 = unlimited        |
// Environment variables: see the *_ENV_OPTIONS export below. Shared: slowMs.
//
// omariErrorHttpStatus: Omari's failure statuses are UNCONFIRMED, but the known clients call
// raise_for_status, so non-2xx failures happen. Business failures (any responseCode other than
// "000") answer this status; "025" not-found answers 404 instead, unless the option is 200, which
// simulates a provider that always answers 200 and signals failure only in the body. "003" (401)
// and "096" (500) keep their statuses.
import { intOption, stringOption } from '../options';
import type { SandboxOptions } from '../types';

/**
 * Environment overrides, in sandbox/options.ts's ENV_OPTIONS format. That file belongs to the
 * server; it spreads these rows in (`...OMARI_ENV_OPTIONS`) so the names live next to the options.
 */
export const OMARI_ENV_OPTIONS = {
  SANDBOX_OMARI_MERCHANT_KEY: { option: 'omariMerchantKey', kind: 'string' },
  SANDBOX_OMARI_OTP_TTL_S: { option: 'omariOtpTtlSeconds', kind: 'int' },
  SANDBOX_OMARI_ERROR_HTTP_STATUS: { option: 'omariErrorHttpStatus', kind: 'int' },
  SANDBOX_OMARI_MAX_OTP_ATTEMPTS: { option: 'omariMaxOtpAttempts', kind: 'int' },
} as const satisfies Record<string, { option: string; kind: 'int' | 'string' | 'bool' }>;

export interface OmariConfig {
  merchantKey: string;
  otpTtlMs: number;
  errorHttpStatus: number;
  /** Wrong OTPs allowed before the payment fails with "075"; 0 = never lock. */
  maxOtpAttempts: number;
  slowMs: number;
}

export function readOmariConfig(options: SandboxOptions): OmariConfig {
  const status = intOption(options, 'omariErrorHttpStatus', 400);
  return {
    merchantKey: stringOption(options, 'omariMerchantKey', 'sandbox-merchant-key'),
    otpTtlMs: intOption(options, 'omariOtpTtlSeconds', 300) * 1000,
    errorHttpStatus: status >= 200 && status <= 599 ? status : 400,
    maxOtpAttempts: intOption(options, 'omariMaxOtpAttempts', 0),
    slowMs: options.slowMs,
  };
}
