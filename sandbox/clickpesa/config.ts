// ClickPesa simulator options, read from ctx.options on every request so a test (or a control
// endpoint) can change them on a running sandbox.
//
// | option                     | default              |
// |----------------------------|----------------------|
// | clickpesaClientId          | sandbox-client-id    |
// | clickpesaApiKey            | sandbox-api-key      |
// | clickpesaTokenTtlSeconds   | 3600                 |
// | clickpesaChecksumKey       | unset = checksum off |
// | clickpesaWebhookUrl        | unset = no webhooks  |
// | clickpesaSettleAfterMs     | 0 = never SETTLED    |
// | clickpesaDuplicateWebhooks | 4                    |
// | clickpesaSignatureIn       | body (or header)     |
// Environment variables: see the *_ENV_OPTIONS export below. Shared: outcomeDelayMs, promptTimeoutMs, slowMs.
import { intOption, stringOption } from '../options';
import type { SandboxOptions } from '../types';

/**
 * Environment overrides, in sandbox/options.ts's ENV_OPTIONS format. That file belongs to the
 * server; it spreads these rows in (`...CLICKPESA_ENV_OPTIONS`) so the names live next to the options.
 */
export const CLICKPESA_ENV_OPTIONS = {
  SANDBOX_CLICKPESA_CLIENT_ID: { option: 'clickpesaClientId', kind: 'string' },
  SANDBOX_CLICKPESA_API_KEY: { option: 'clickpesaApiKey', kind: 'string' },
  SANDBOX_CLICKPESA_TOKEN_TTL_S: { option: 'clickpesaTokenTtlSeconds', kind: 'int' },
  SANDBOX_CLICKPESA_CHECKSUM_KEY: { option: 'clickpesaChecksumKey', kind: 'string' },
  SANDBOX_CLICKPESA_WEBHOOK_URL: { option: 'clickpesaWebhookUrl', kind: 'string' },
  SANDBOX_CLICKPESA_SETTLE_AFTER_MS: { option: 'clickpesaSettleAfterMs', kind: 'int' },
  SANDBOX_CLICKPESA_DUPLICATE_WEBHOOKS: { option: 'clickpesaDuplicateWebhooks', kind: 'int' },
  SANDBOX_CLICKPESA_SIGNATURE_IN: { option: 'clickpesaSignatureIn', kind: 'string', values: ['body', 'header'] },
} as const satisfies Record<string, { option: string; kind: 'int' | 'string' | 'bool'; values?: readonly string[] }>;

/** Where webhooks carry their checksum: top-level body fields, or the X-ClickPesa-Signature header. */
export type SignatureIn = 'body' | 'header';

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
  signatureIn: SignatureIn;
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
    signatureIn: stringOption(options, 'clickpesaSignatureIn', 'body') === 'header' ? 'header' : 'body',
    outcomeDelayMs: options.outcomeDelayMs,
    promptTimeoutMs: options.promptTimeoutMs,
    slowMs: options.slowMs,
  };
}
