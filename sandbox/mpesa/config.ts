// M-Pesa simulator options (all optional keys of SandboxOptions), resolved once with defaults.
import { boolOption, intOption, stringOption } from '../options';
import type { SandboxOptions } from '../types';

/** Daraja's public sandbox test credentials (providers.md §1.7). */
export const SANDBOX_SHORTCODE = '174379';
export const SANDBOX_PASSKEY = 'bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919';

export interface MpesaConfig {
  consumerKey: string;
  consumerSecret: string;
  /** Token lifetime; Daraja says 3599. Tests lower it to see tokens expire. */
  tokenTtlSeconds: number;
  /** Upstream behaviour is UNCONFIRMED; off by default. */
  invalidatePreviousToken: boolean;
  shortcode: string;
  passkey: string;
  /** How many concurrent copies of the callback the "duplicate" number sends. */
  duplicateCount: number;
  /** Delay between the success and the contradicting failure callback. */
  lateCallbackDelayMs: number;
  callbackTimeoutMs: number;
  /** C2B external validation (off upstream unless Safaricom enables it). */
  c2bValidation: boolean;
  outcomeDelayMs: number;
  promptTimeoutMs: number;
  slowMs: number;
}

export function readMpesaConfig(o: SandboxOptions): MpesaConfig {
  return {
    consumerKey: stringOption(o, 'mpesaConsumerKey', 'sandbox-consumer-key'),
    consumerSecret: stringOption(o, 'mpesaConsumerSecret', 'sandbox-consumer-secret'),
    tokenTtlSeconds: intOption(o, 'mpesaTokenTtlSeconds', 3599),
    invalidatePreviousToken: boolOption(o, 'mpesaInvalidatePreviousToken', false),
    shortcode: stringOption(o, 'mpesaShortcode', SANDBOX_SHORTCODE),
    passkey: stringOption(o, 'mpesaPasskey', SANDBOX_PASSKEY),
    duplicateCount: Math.max(1, intOption(o, 'mpesaDuplicateCount', 5)),
    lateCallbackDelayMs: intOption(o, 'mpesaLateCallbackDelayMs', 1000),
    callbackTimeoutMs: intOption(o, 'mpesaCallbackTimeoutMs', 10_000),
    c2bValidation: boolOption(o, 'mpesaC2bValidation', false),
    outcomeDelayMs: o.outcomeDelayMs,
    promptTimeoutMs: o.promptTimeoutMs,
    slowMs: o.slowMs,
  };
}
