import { describe, it, expect } from 'vitest';
import { REDACTED, redact, redactUrl } from '@/lib/payments/redact';

describe('redact', () => {
  it('redacts secret keys at any depth', () => {
    const input = {
      BusinessShortCode: '174379',
      Password: 'MTc0Mzc5YmZi',
      headers: { Authorization: 'Bearer abc', 'api-key': 'k-123', 'x-api-key': 'k-456', apiKey: 'k-789' },
      response: { access_token: 'atk-9f8e7d', expires_in: '3599' },
      otp: '123456',
      payer: { transactionPin: '4321', pin: '0000' },
      body: { checksum: 'deadbeef', signature: 'sig', client_secret: 's', passkey: 'p', credentials: 'c' },
      deep: { a: { b: { c: { d: { password: 'hunter2' } } } } },
    };
    const out = redact(input) as typeof input;
    expect(out.BusinessShortCode).toBe('174379');
    expect(out.Password).toBe(REDACTED);
    expect(out.headers.Authorization).toBe(REDACTED);
    expect(out.headers['api-key']).toBe(REDACTED);
    expect(out.headers['x-api-key']).toBe(REDACTED);
    expect(out.headers.apiKey).toBe(REDACTED);
    expect(out.response.access_token).toBe(REDACTED);
    expect(out.otp).toBe(REDACTED);
    expect(out.payer.transactionPin).toBe(REDACTED);
    expect(out.payer.pin).toBe(REDACTED);
    expect(out.body).toEqual({
      checksum: REDACTED,
      signature: REDACTED,
      client_secret: REDACTED,
      passkey: REDACTED,
      credentials: REDACTED,
    });
    expect(out.deep.a.b.c.d.password).toBe(REDACTED);
    const text = JSON.stringify(out);
    for (const secret of ['MTc0Mzc5YmZi', 'Bearer abc', 'k-123', 'atk-9f8e7d', '123456', '4321', 'deadbeef', 'hunter2']) {
      expect(text).not.toContain(secret);
    }
  });

  it('redacts numeric and boolean secret values too', () => {
    expect(redact({ otp: 123456, pin: 1234, token: true })).toEqual({ otp: REDACTED, pin: REDACTED, token: REDACTED });
  });

  it('keeps references that only look secret by name', () => {
    const out = redact({ otpReference: 'ref-1', otp_reference: 'ref-2', expires_in: 3599, checksumMethod: 'canonical', accessTokenExpiry: '2026-01-01' });
    expect(out).toEqual({ otpReference: 'ref-1', otp_reference: 'ref-2', expires_in: 3599, checksumMethod: 'canonical', accessTokenExpiry: '2026-01-01' });
  });

  it('walks arrays', () => {
    const out = redact({ items: [{ Name: 'Amount', Value: 1 }, { token: 't1' }, [{ password: 'p' }], 'plain'] });
    expect(out).toEqual({ items: [{ Name: 'Amount', Value: 1 }, { token: REDACTED }, [{ password: REDACTED }], 'plain'] });
    expect(redact([{ secret: 's' }, 7])).toEqual([{ secret: REDACTED }, 7]);
  });

  it('leaves non-secret values and primitives untouched', () => {
    const input = { amount: 100, currency: 'KES', phone: '254712345678', ok: true, none: null, nested: { MerchantRequestID: 'm-1' } };
    expect(redact(input)).toEqual(input);
    expect(redact('plain')).toBe('plain');
    expect(redact(42)).toBe(42);
    expect(redact(null)).toBeNull();
    expect(redact(undefined)).toBeUndefined();
  });

  it('does not mutate its input', () => {
    const input = { Password: 'x', nested: { token: 'y' } };
    redact(input);
    expect(input).toEqual({ Password: 'x', nested: { token: 'y' } });
  });

  it('keeps a null secret as null (nothing to hide)', () => {
    expect(redact({ token: null })).toEqual({ token: null });
  });

  it('redacts secret-named keys whose value is an array of strings', () => {
    // e.g. a multi-valued header or a provider returning { otp: ["123456"] }
    const out = redact({ headers: { authorization: ['Bearer abc'] }, otp: ['123456'] });
    expect(JSON.stringify(out)).not.toContain('Bearer abc');
    expect(JSON.stringify(out)).not.toContain('123456');
  });

  it('stops at excessive depth instead of recursing forever', () => {
    let deep: Record<string, unknown> = { leaf: 'x' };
    for (let i = 0; i < 30; i += 1) deep = { next: deep };
    expect(JSON.stringify(redact(deep))).toContain(REDACTED);
    expect(JSON.stringify(redact(deep))).not.toContain('"leaf"');
  });
});

describe('redactUrl', () => {
  it('replaces every occurrence of each secret', () => {
    expect(redactUrl('https://shop.example/api/callbacks/mpesa/s3cr3t-token-abcdef?x=s3cr3t-token-abcdef', ['s3cr3t-token-abcdef'])).toBe(
      `https://shop.example/api/callbacks/mpesa/${REDACTED}?x=${REDACTED}`,
    );
  });

  it('ignores undefined and empty secrets', () => {
    const url = 'https://shop.example/api/callbacks/mpesa/abc';
    expect(redactUrl(url, [undefined, ''])).toBe(url);
    expect(redactUrl(url, [])).toBe(url);
  });

  it('handles several secrets and regex metacharacters literally', () => {
    expect(redactUrl('https://x/a.b+c/tok?k=key', ['a.b+c', 'key'])).toBe(`https://x/${REDACTED}/tok?k=${REDACTED}`);
    expect(redactUrl('https://x/aXb', ['a.b'])).toBe('https://x/aXb');
  });
});
