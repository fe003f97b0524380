// Ottu simulator options, read from ctx.options on every request so a test can change them.
//
// | option                  | default                       |
// |-------------------------|-------------------------------|
// | ottuApiKey              | sandbox-ottu-api-key          |
// | ottuUsername / Password | sandbox-ottu / sandbox-password |
// | ottuWebhookKey          | sandbox-ottu-webhook-key      |
// | ottuInquiryGraceMs      | 600000 (10 min after creation)|
// | ottuInquirySpacingMs    | 1800000 (30 min between)      |
// | ottuInquiryPerDay       | 3                             |
// | ottuLateResultMs        | slowMs (delayed-result card)  |
// | ottuWebhookRetryMs      | 5000 (retry after a timeout)  |
// Shared: slowMs.
import { intOption, stringOption } from '../options';
import type { SandboxOptions } from '../types';

export const OTTU_ENV_OPTIONS = {
  SANDBOX_OTTU_API_KEY: { option: 'ottuApiKey', kind: 'string' },
  SANDBOX_OTTU_USERNAME: { option: 'ottuUsername', kind: 'string' },
  SANDBOX_OTTU_PASSWORD: { option: 'ottuPassword', kind: 'string' },
  SANDBOX_OTTU_WEBHOOK_KEY: { option: 'ottuWebhookKey', kind: 'string' },
  SANDBOX_OTTU_INQUIRY_GRACE_MS: { option: 'ottuInquiryGraceMs', kind: 'int' },
  SANDBOX_OTTU_INQUIRY_SPACING_MS: { option: 'ottuInquirySpacingMs', kind: 'int' },
  SANDBOX_OTTU_INQUIRY_PER_DAY: { option: 'ottuInquiryPerDay', kind: 'int' },
  SANDBOX_OTTU_LATE_RESULT_MS: { option: 'ottuLateResultMs', kind: 'int' },
} as const satisfies Record<string, { option: string; kind: 'int' | 'string' | 'bool' }>;

export interface OttuSimConfig {
  apiKey: string;
  username: string;
  password: string;
  webhookKey: string;
  inquiryGraceMs: number;
  inquirySpacingMs: number;
  inquiryPerDay: number;
  lateResultMs: number;
  webhookRetryMs: number;
}

/** Ottu waits 15 s for a webhook answer (providers.md §3.7). */
export const WEBHOOK_TIMEOUT_MS = 15_000;
/** Three attempts in all, retried only after a timeout. */
export const WEBHOOK_ATTEMPTS = 3;

export function readOttuConfig(options: SandboxOptions): OttuSimConfig {
  return {
    apiKey: stringOption(options, 'ottuApiKey', 'sandbox-ottu-api-key'),
    username: stringOption(options, 'ottuUsername', 'sandbox-ottu'),
    password: stringOption(options, 'ottuPassword', 'sandbox-password'),
    webhookKey: stringOption(options, 'ottuWebhookKey', 'sandbox-ottu-webhook-key'),
    inquiryGraceMs: intOption(options, 'ottuInquiryGraceMs', 10 * 60_000),
    inquirySpacingMs: intOption(options, 'ottuInquirySpacingMs', 30 * 60_000),
    inquiryPerDay: intOption(options, 'ottuInquiryPerDay', 3),
    lateResultMs: intOption(options, 'ottuLateResultMs', options.slowMs),
    webhookRetryMs: intOption(options, 'ottuWebhookRetryMs', 5000),
  };
}
