// Omari simulator options, read from ctx.options on every request.
//
// | option               | env (server's options.ts)        | default              |
// |----------------------|----------------------------------|----------------------|
// | omariMerchantKey     | SANDBOX_OMARI_MERCHANT_KEY       | sandbox-merchant-key |
// | omariOtpTtlSeconds   | SANDBOX_OMARI_OTP_TTL_S          | 300                  |
// | omariErrorHttpStatus | SANDBOX_OMARI_ERROR_HTTP_STATUS  | 400                  |
// | omariMaxOtpAttempts  | SANDBOX_OMARI_MAX_OTP_ATTEMPTS   | 0 = unlimited        |
// Shared: slowMs.
//
// omariErrorHttpStatus: Omari's failure statuses are UNCONFIRMED, but the known clients call
// raise_for_status, so non-2xx failures happen. Business failures (any responseCode other than
// "000") answer this status; "025" not-found answers 404 instead, unless the option is 200, which
// simulates a provider that always answers 200 and signals failure only in the body. "003" (401)
// and "096" (500) keep their statuses.
import { intOption, stringOption } from '../options';
import type { SandboxOptions } from '../types';

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
