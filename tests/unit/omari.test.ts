import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { resolveOmariConfig } from '@/lib/providers/omari/config';
import { checkOmariAmount } from '@/lib/providers/omari';
import { OMARI_NOT_FOUND_GRACE_MS, omariQueryRefusalOutcome } from '@/lib/providers/omari/query-outcome';
import { OMARI_UNSETTLED, describeOmariCode } from '@/lib/providers/omari/response-codes';
import { checkOmariChannel, checkOmariRequest, isUuid, omariReferenceFor, toOmariMsisdn } from '@/lib/providers/omari/validation';

const UUID = '9ee57919-b4f0-4d86-95ae-a1311ad1de7d';

describe('toOmariMsisdn', () => {
  it.each([
    ['263774975187', '263774975187'],
    ['0774975187', '263774975187'],
    ['774975187', '263774975187'],
    ['+263 77 497 5187', '263774975187'],
    ['077-497-5187', '263774975187'],
  ])('normalises %s to 2637XXXXXXXX', (input, expected) => {
    expect(toOmariMsisdn(input)).toBe(expected);
  });

  it.each(['263242123456', '26377497518', '2637749751870', '254712345678', 'abc', ''])('refuses %s', (input) => {
    expect(toOmariMsisdn(input)).toBeNull();
  });
});

describe('checkOmariRequest: each rule names its field', () => {
  const ok = { msisdn: '263774975187', currency: 'USD' as const, reference: null };

  it('accepts USD and ZWG with a generated or UUID reference', () => {
    expect(checkOmariRequest(ok)).toBeNull();
    expect(checkOmariRequest({ ...ok, currency: 'ZWG' })).toBeNull();
    expect(checkOmariRequest({ ...ok, reference: UUID })).toBeNull();
  });

  it.each([
    ['msisdn', { msisdn: '254712345678' }],
    ['currency', { currency: 'KES' as const }],
    ['reference', { reference: 'ORD-1234' }],
  ])('refuses a bad %s', (field, change) => {
    expect(checkOmariRequest({ ...ok, ...change })).toMatchObject({ field });
  });

  it('channel is WEB or POS', () => {
    expect(checkOmariChannel('WEB')).toBeNull();
    expect(checkOmariChannel('POS')).toBeNull();
    expect(checkOmariChannel('USSD')).toMatchObject({ field: 'channel' });
  });
});

describe('omariReferenceFor', () => {
  it('uses the merchant UUID on a first attempt, a fresh UUID otherwise', () => {
    expect(omariReferenceFor({ reference: UUID.toUpperCase(), retryOf: null })).toBe(UUID);
    const retry = omariReferenceFor({ reference: UUID, retryOf: 'pay_x' });
    expect(retry).not.toBe(UUID);
    expect(isUuid(retry)).toBe(true);
    const shop = omariReferenceFor({ reference: 'ORD-DEMO05', retryOf: null });
    expect(isUuid(shop)).toBe(true);
    expect(shop).not.toBe(omariReferenceFor({ reference: 'ORD-DEMO05', retryOf: null }));
  });
});

describe('Omari response codes', () => {
  it('maps codes to outcomes and never reads an inherited key', () => {
    expect(describeOmariCode('051').status).toBe('failed');
    expect(describeOmariCode('091').status).toBe('expired');
    expect(describeOmariCode('075').shopper).toContain('Too many wrong codes');
    expect(describeOmariCode('constructor').status).toBe('failed');
    expect(describeOmariCode('999').shopper).toContain('Omari could not complete');
  });

  it('checks amounts: USD/ZWG, positive', () => {
    expect(checkOmariAmount(350, 'USD')).toBeNull();
    expect(checkOmariAmount(0, 'USD')).toContain('greater than zero');
    expect(checkOmariAmount(100, 'KES')).toContain('USD and ZWG');
  });
});

describe('resolveOmariConfig', () => {
  it('is null without configuration or sandbox: shown as unavailable, no crash', () => {
    expect(resolveOmariConfig(parseEnv({}))).toBeNull();
  });

  it('defaults to the sandbox simulator when SANDBOX_URL is set', () => {
    expect(resolveOmariConfig(parseEnv({ SANDBOX_URL: 'http://127.0.0.1:4010/' }))).toMatchObject({
      baseUrl: 'http://127.0.0.1:4010/omari/vsuite/omari/api/merchant/api/payment',
      merchantKey: 'sandbox-merchant-key',
      channel: 'WEB',
      otpSeconds: 300,
    });
  });

  it('environment wins over stored settings and the sandbox', () => {
    const env = parseEnv({ SANDBOX_URL: 'http://127.0.0.1:4010', OMARI_API_BASE_URL: 'https://omari.v.co.zw/vsuite/omari/api/merchant/api/payment/', OMARI_MERCHANT_KEY: 'live-key', OMARI_CHANNEL: 'POS' });
    expect(resolveOmariConfig(env, { merchantKey: 'stored' })).toMatchObject({ baseUrl: 'https://omari.v.co.zw/vsuite/omari/api/merchant/api/payment', merchantKey: 'live-key', channel: 'POS' });
  });

  it('refuses an OTP lifetime over 10 minutes and an unknown channel, naming the variable', () => {
    expect(() => parseEnv({ OMARI_OTP_SECONDS: '601' })).toThrow(/OMARI_OTP_SECONDS/);
    expect(() => parseEnv({ OMARI_CHANNEL: 'USSD' })).toThrow(/OMARI_CHANNEL: must be WEB or POS/);
  });
});

describe('omariQueryRefusalOutcome: only a late "025" is a no', () => {
  const now = Date.parse('2025-01-01T12:00:00Z');
  const old = { status: 'processing', createdAt: new Date(now - OMARI_NOT_FOUND_GRACE_MS - 1000) };
  const notFound = { code: '025', message: 'Transaction not found' };

  it('"025" for a payment started more than the grace period ago fails it', () => {
    expect(omariQueryRefusalOutcome(notFound, old, now)).toMatchObject({ status: 'failed', code: '025' });
    expect(omariQueryRefusalOutcome(notFound, { ...old, status: 'expired' }, now).status).toBe('failed');
  });

  it('"025" within the grace period, without a creation time, or while the code is awaited stays open', () => {
    expect(omariQueryRefusalOutcome(notFound, { status: 'processing', createdAt: new Date(now - 30_000) }, now).status).toBe('processing');
    expect(omariQueryRefusalOutcome(notFound, { status: 'processing' }, now).status).toBe('processing');
    expect(omariQueryRefusalOutcome(notFound, { ...old, status: 'awaiting_otp' }, now).status).toBe('processing');
  });

  it.each(['006', '009', '091', '096', '012', '030', '999'])('"%s" (transient or unknown) never fails a payment', (code) => {
    const outcome = omariQueryRefusalOutcome({ code, message: 'x' }, old, now);
    expect(outcome.status).toBe('processing');
    expect(outcome.wrongOtp).toBeUndefined();
  });

  it('"009", "096" and "006" on /request are unsettled (outcome unknown), not declines', () => {
    for (const code of ['006', '009', '096']) expect(OMARI_UNSETTLED.has(code)).toBe(true);
    for (const code of ['051', '055', '091', '026']) expect(OMARI_UNSETTLED.has(code)).toBe(false);
  });
});
