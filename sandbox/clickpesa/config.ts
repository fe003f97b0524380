// ClickPesa simulator options, read from ctx.options on every request so a test (or a control
// endpoint) can change them on a running sandbox.
//
// | option                    | env (server's options.ts)        | default             |
// |---------------------------|----------------------------------|---------------------|
// | clickpesaClientId         | SANDBOX_CLICKPESA_CLIENT_ID      | sandbox-client-id   |
// | clickpesaApiKey           | SANDBOX_CLICKPESA_API_KEY        | sandbox-api-key     |
// | clickpesaTokenTtlSeconds  | SANDBOX_CLICKPESA_TOKEN_TTL_S    | 3600                |
// | clickpesaChecksumKey      | SANDBOX_CLICKPESA_CHECKSUM_KEY   | unset = checksum off|
// | clickpesaWebhookUrl       | SANDBOX_CLICKPESA_WEBHOOK_URL    | unset = no webhooks |
// | clickpesaSettleAfterMs    | SANDBOX_CLICKPESA_SETTLE_AFTER_MS| 0 = never SETTLED   |
// | clickpesaDuplicateWebhooks| SANDBOX_CLICKPESA_DUPLICATE_WEBHOOKS | 4              |
// Shared: outcomeDelayMs, promptTimeoutMs, slowMs.
import { intOption, stringOption } from '../options';
import type { SandboxOptions } from '../types';

export interface ClickPesaConfig {
  clientId: string;
  apiKey: string;
  tokenTtlMs: number;
  /** When set, preview/initiate must carry a valid checksum and webhooks are signed. */
  checksumKey: string | undefined;
  webhookUrl: string | undefined;
  /** SUCCESS → SETTLED after this long; 0 keeps payments at SUCCESS. */
  settleAfterMs: number;
  /** How many times the "duplicate webhooks" magic number posts PAYMENT RECEIVED. */
  duplicateWebhooks: number;
  outcomeDelayMs: number;
  promptTimeoutMs: number;
  slowMs: number;
}

/** ClickPesa's docs give no timeout; 10 s keeps a hung app from pinning a delivery forever. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

function optionalString(options: SandboxOptions, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function readClickPesaConfig(options: SandboxOptions): ClickPesaConfig {
  return {
    clientId: stringOption(options, 'clickpesaClientId', 'sandbox-client-id'),
    apiKey: stringOption(options, 'clickpesaApiKey', 'sandbox-api-key'),
    tokenTtlMs: intOption(options, 'clickpesaTokenTtlSeconds', 3600) * 1000,
    checksumKey: optionalString(options, 'clickpesaChecksumKey'),
    webhookUrl: optionalString(options, 'clickpesaWebhookUrl'),
    settleAfterMs: intOption(options, 'clickpesaSettleAfterMs', 0),
    duplicateWebhooks: Math.max(1, intOption(options, 'clickpesaDuplicateWebhooks', 4)),
    outcomeDelayMs: options.outcomeDelayMs,
    promptTimeoutMs: options.promptTimeoutMs,
    slowMs: options.slowMs,
  };
}
