import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';
import { OTTU_SANDBOX_DEFAULTS, resolveOttuConfig } from '@/lib/providers/ottu/config';

const REAL = { OTTU_BASE_URL: 'https://shop.ottu.net/', OTTU_WEBHOOK_KEY: 'hmac-key-0123456789', OTTU_PG_CODES: ' kpay , mpgs ' };

describe('Ottu configuration', () => {
  it('reads an API key as `Authorization: Api-Key …`, pg codes comma-separated, e_commerce by default', () => {
    const config = resolveOttuConfig(parseEnv({ ...REAL, OTTU_API_KEY: 'live-api-key-123' }));
    expect(config).toMatchObject({
      baseUrl: 'https://shop.ottu.net',
      authorization: 'Api-Key live-api-key-123',
      webhookKey: 'hmac-key-0123456789',
      pgCodes: ['kpay', 'mpgs'],
      paymentType: 'e_commerce',
      mode: 'production',
    });
    expect(config?.secrets).toContain('live-api-key-123');
  });

  it('uses Basic auth from username and password, and payment_request when asked', () => {
    const config = resolveOttuConfig(parseEnv({ ...REAL, OTTU_USERNAME: 'ops', OTTU_PASSWORD: 'pa:ss', OTTU_PAYMENT_TYPE: 'payment_request' }));
    expect(config?.authorization).toBe(`Basic ${Buffer.from('ops:pa:ss').toString('base64')}`);
    expect(config?.paymentType).toBe('payment_request');
  });

  it('is unconfigured without a base URL, a credential, the webhook key or a pg code (never half-configured)', () => {
    expect(resolveOttuConfig(parseEnv({ OTTU_API_KEY: 'k', OTTU_WEBHOOK_KEY: 'w', OTTU_PG_CODES: 'kpay' }))).toBeNull();
    expect(resolveOttuConfig(parseEnv({ ...REAL }))).toBeNull();
    expect(resolveOttuConfig(parseEnv({ ...REAL, OTTU_USERNAME: 'ops' }))).toBeNull();
    expect(resolveOttuConfig(parseEnv({ ...REAL, OTTU_API_KEY: 'k', OTTU_WEBHOOK_KEY: '' }))).toBeNull();
    // Real credentials never fall back to the sandbox's URL.
    expect(resolveOttuConfig(parseEnv({ SANDBOX_URL: 'http://127.0.0.1:4010', OTTU_API_KEY: 'live' }))).toBeNull();
  });

  it('falls back to the sandbox with its own credentials when nothing is configured', () => {
    const config = resolveOttuConfig(parseEnv({ SANDBOX_URL: 'http://127.0.0.1:4010/' }));
    expect(config).toMatchObject({
      baseUrl: 'http://127.0.0.1:4010/ottu',
      authorization: `Api-Key ${OTTU_SANDBOX_DEFAULTS.apiKey}`,
      webhookKey: OTTU_SANDBOX_DEFAULTS.webhookKey,
      pgCodes: ['mpgs', 'kpay', 'mpgs-auth'],
      mode: 'sandbox',
    });
  });

  it('reads stored admin options when no variable is set; variables win', () => {
    const stored = { baseUrl: 'https://sandbox.ottu.net', apiKey: 'stored-key', webhookKey: 'stored-hmac', pgCodes: 'credit-card' };
    expect(resolveOttuConfig(parseEnv({}), stored)).toMatchObject({ authorization: 'Api-Key stored-key', pgCodes: ['credit-card'], mode: 'sandbox' });
    expect(resolveOttuConfig(parseEnv({ OTTU_API_KEY: 'env-key' }), stored)?.authorization).toBe('Api-Key env-key');
  });

  it('refuses malformed variables naming them', () => {
    expect(() => parseEnv({ OTTU_PG_CODES: 'kpay, bad code' })).toThrow(EnvError);
    expect(() => parseEnv({ OTTU_PG_CODES: 'kpay, bad code' })).toThrow(/OTTU_PG_CODES/);
    expect(() => parseEnv({ OTTU_PG_CODES: ' , ' })).toThrow(/OTTU_PG_CODES: must name at least one pg code/);
    expect(() => parseEnv({ OTTU_PAYMENT_TYPE: 'auto_debit' })).toThrow(/OTTU_PAYMENT_TYPE: must be payment_request or e_commerce/);
    expect(() => parseEnv({ OTTU_BASE_URL: 'ftp://x' })).toThrow(/OTTU_BASE_URL/);
  });
});
