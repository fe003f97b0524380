import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { checkQmoneyAmount } from '@/lib/providers/qmoney';
import { resolveQmoneyConfig } from '@/lib/providers/qmoney/config';
import { describeQmoneyCode, verifyOutcome } from '@/lib/providers/qmoney/response-codes';
import { isTokenRefused, refreshMarginMs, tokenUsableUntil } from '@/lib/providers/qmoney/token-expiry';

const T0 = 1_700_000_000_000;

describe('Qmoney token expiry', () => {
  it('reads a positive accessTokenExpiry (string or number) as seconds and refreshes a tenth early, at most a minute', () => {
    expect(tokenUsableUntil('3600', T0, 7200)).toBe(T0 + 3_600_000 - 60_000);
    expect(tokenUsableUntil(120, T0, 7200)).toBe(T0 + 120_000 - 12_000);
    expect(refreshMarginMs(1000)).toBe(100);
  });

  it('treats "-1", 0, garbage or a missing expiry as unknown: reused at most the configured maximum', () => {
    for (const value of ['-1', -1, 0, 'never', undefined, null, {}]) {
      expect(tokenUsableUntil(value, T0, 300)).toBe(T0 + 300_000 - 30_000);
    }
  });

  it('caps a stated lifetime at the maximum age', () => {
    expect(tokenUsableUntil('86400', T0, 300)).toBe(T0 + 300_000 - 30_000);
  });

  it('recognises the 401 answers that mean "log in again"', () => {
    expect(isTokenRefused(401, { error: 'invalid_token', error_description: 'Access token expired: x' })).toBe(true);
    expect(isTokenRefused(401, { error: 'invalid_token', error_description: 'Cannot convert access token to JSON' })).toBe(true);
    expect(isTokenRefused(200, { responseCode: '-150005' })).toBe(false);
    expect(isTokenRefused(401, 'nope')).toBe(false);
  });
});

describe('verifyCode answers', () => {
  const txn = 'txn_17067100139046477831';

  it('"1" is success and records the transaction id (openIMIS: 0 initiated, 1 processed)', () => {
    expect(verifyOutcome('1', 'Success', txn)).toMatchObject({ status: 'success', providerStatus: '1', providerTransactionId: txn, receipt: txn });
  });

  it('-150005 is a wrong code the provider still waits on; with "expired" in the text, an expired one', () => {
    expect(verifyOutcome('-150005', `Two factor OTP validation fail for transactionId : ${txn}`, txn)).toMatchObject({ status: 'processing', wrongOtp: true });
    expect(verifyOutcome('-150005', `OTP expired for transactionId : ${txn}`, txn)).toMatchObject({ status: 'expired', code: 'otp_expired' });
  });

  it('insufficient balance fails with the code kept; a closed session is unknown, never failed', () => {
    expect(verifyOutcome('-120008', 'Balance not sufficient', txn)).toMatchObject({ status: 'failed', code: '-120008' });
    expect(verifyOutcome('-150001', 'Adapter Session Not Found ', txn)).toMatchObject({ status: 'processing' });
    expect(verifyOutcome('-150001', '', txn).wrongOtp).toBeUndefined();
    expect(verifyOutcome('-20002', 'Mandatory parmater missing : transactionId', txn).status).toBe('failed');
  });

  it('explains codes in plain words', () => {
    expect(describeQmoneyCode('-120008')).toContain('balance is not enough');
    expect(describeQmoneyCode('toString')).toContain('Qmoney could not complete');
    expect(describeQmoneyCode(null)).toContain('Qmoney could not complete');
  });

  it('takes GMD only', () => {
    expect(checkQmoneyAmount(100, 'GMD')).toBeNull();
    expect(checkQmoneyAmount(100, 'USD')).toContain('GMD only');
  });
});

describe('resolveQmoneyConfig', () => {
  it('sandbox defaults include the merchant wallet, PIN and product id', () => {
    expect(resolveQmoneyConfig(parseEnv({ SANDBOX_URL: 'http://127.0.0.1:4010' }))).toMatchObject({
      baseUrl: 'http://127.0.0.1:4010/qmoney',
      username: 'sandbox-merchant',
      password: 'sandbox-password',
      basicToken: 'c2FuZGJveC1xbW9uZXk=',
      merchantAccount: expect.any(String),
      pin: expect.any(String),
      productId: expect.any(String),
    });
  });

  it('is null when a live setting is missing and there is no sandbox', () => {
    const partial = { QMONEY_BASE_URL: 'https://uat-adpelite.qmoney.gm', QMONEY_USERNAME: 'u', QMONEY_PASSWORD: 'p', QMONEY_BASIC_TOKEN: 't', QMONEY_MERCHANT_ACCOUNT: '7000000', QMONEY_PIN: '1' };
    expect(resolveQmoneyConfig(parseEnv(partial))).toBeNull();
    expect(resolveQmoneyConfig(parseEnv({ ...partial, QMONEY_PRODUCT_ID: 'SHOP_GETMONEY' }))).toMatchObject({ productId: 'SHOP_GETMONEY', merchantAccount: '7000000' });
  });
});
